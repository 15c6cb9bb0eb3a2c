package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Lines run in order, echoed as at the prompt; the first failure stops the run and names its line and source. */
class ScriptRunnerTest {

    private final RecordingShell shell = new RecordingShell();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ScriptRunner runner = new ScriptRunner(shell,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void echoesEachCommandAndPrintsItsFormattedResult() {
        boolean succeeded = run(ScriptSource.command("lb"), ScriptSource.command("echo done"));

        assertTrue(succeeded);
        assertEquals(List.of("lb", "echo done"), shell.executed);
        assertEquals("g! lb\n<lb>\ng! echo done\n<echo done>\n", out());
        assertEquals("", err());
    }

    @Test
    void skipsBlankLinesAndComments() {
        run(ScriptSource.script("-"), "# set up\n\n   \n  lb  \n   # indented comment\n");

        assertEquals(List.of("lb"), shell.executed);
    }

    @Test
    void aCommandWithoutResultPrintsOnlyItsEcho() {
        run(ScriptSource.command("void"));

        assertEquals("g! void\n", out());
    }

    @Test
    void stopsAtTheFirstFailureAndNamesItsLineAndSource() {
        boolean succeeded = run(ScriptSource.script("-"), "first\n# comment\nsecond\nfail now\nnever\n");

        assertFalse(succeeded);
        assertEquals(List.of("first", "second", "fail now"), shell.executed);
        assertEquals("stowage: line 4 of standard input: Command not found: fail\n", err());
    }

    @Test
    void aFailingSourceKeepsTheLaterSourcesFromRunning() {
        boolean succeeded = run(ScriptSource.command("fail"), ScriptSource.command("never"));

        assertFalse(succeeded);
        assertEquals(List.of("fail"), shell.executed);
        assertEquals("stowage: line 1 of -c 'fail': Command not found: fail\n", err());
    }

    @Test
    void reportsTheRootCauseOfAWrappedFailure() {
        run(ScriptSource.command("wrapped"));

        assertEquals("stowage: line 1 of -c 'wrapped': store 'orders' is full\n", err());
    }

    private boolean run(ScriptSource... sources) {
        return runner.run(List.of(sources), InputStream.nullInputStream());
    }

    private boolean run(ScriptSource source, String standardInput) {
        return runner.run(List.of(source), new ByteArrayInputStream(standardInput.getBytes(StandardCharsets.UTF_8)));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** Fails commands starting with "fail" as Gogo does for an unknown command; echoes everything else. */
    private static final class RecordingShell implements CommandShell {

        final List<String> executed = new ArrayList<>();

        @Override
        public Object execute(String commandLine) throws Exception {
            executed.add(commandLine);
            if (commandLine.startsWith("fail")) {
                throw new IllegalArgumentException("Command not found: fail");
            }
            if (commandLine.equals("wrapped")) {
                throw new InvocationTargetException(new IllegalStateException("store 'orders' is full"));
            }
            return commandLine.equals("void") ? null : commandLine;
        }

        @Override
        public CharSequence format(Object result) {
            return "<" + result + ">";
        }
    }
}
