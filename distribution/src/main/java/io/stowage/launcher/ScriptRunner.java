package io.stowage.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs script lines one by one, echoing each as the prompt would show it, and stops at the first command that fails.
 * Blank lines and lines starting with {@code #} are skipped.
 */
final class ScriptRunner {

    private final CommandShell shell;
    private final PrintStream out;
    private final PrintStream err;

    ScriptRunner(CommandShell shell, PrintStream out, PrintStream err) {
        this.shell = shell;
        this.out = out;
        this.err = err;
    }

    /** @return whether every line of every source succeeded */
    boolean run(List<ScriptSource> sources, InputStream standardInput) {
        for (ScriptSource source : sources) {
            if (!run(source, standardInput)) {
                return false;
            }
        }
        return true;
    }

    private boolean run(ScriptSource source, InputStream standardInput) {
        int lineNumber = 0;
        try (BufferedReader reader = source.open(standardInput)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String command = line.strip();
                if (command.isEmpty() || command.startsWith("#")) {
                    continue;
                }
                if (!runLine(command, lineNumber, source)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            err.println("stowage: cannot read " + source.description() + " after line " + lineNumber + ": "
                    + RootCause.message(e));
            return false;
        }
    }

    private boolean runLine(String command, int lineNumber, ScriptSource source) {
        out.println("g! " + command);
        try {
            Object result = shell.execute(command);
            if (result != null) {
                out.println(shell.format(result));
            }
            return true;
        } catch (Exception e) {
            out.flush(); // the failing command's own output comes before its error
            err.println("stowage: line " + lineNumber + " of " + source.description() + ": " + RootCause.message(e));
            return false;
        }
    }
}
