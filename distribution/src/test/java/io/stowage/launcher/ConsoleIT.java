package io.stowage.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console of the packaged {@code bin/stowage} in a real terminal, typed into as a user would: results show, Up
 * recalls the history, which lives in the data folder and survives a restart, Tab completes, Ctrl-C never ends the
 * runtime, and {@code exit}, {@code shutdown} and Ctrl-D end it with status 0, no prompt after them and the terminal's
 * modes restored.
 */
class ConsoleIT {

    private static final Path DIST = Path.of(System.getProperty("stowage.dist", "target/stowage")).toAbsolutePath();

    @TempDir
    Path temp;

    private Path data;
    private Path home;
    private TmuxConsole console;

    @BeforeEach
    void startTmux() throws IOException {
        data = Files.createDirectories(temp.resolve("data"));
        home = Files.createDirectories(temp.resolve("home"));
        console = new TmuxConsole(temp);
    }

    @AfterEach
    void killTmux() throws Exception {
        console.close();
    }

    @Test
    void aCommandsOutputShowsBelowIt() throws Exception {
        console.start(DIST, data, home);
        console.awaitPrompt();

        List<String> output = console.run("echo the console answers");

        assertEquals(List.of("the console answers"), output);
        exitCleanly();
    }

    @Test
    void upRecallsThePreviousCommandAlsoAfterARestart() throws Exception {
        console.start(DIST, data, home);
        console.awaitPrompt();
        console.run("echo first command");
        console.run("echo second command");

        console.press("Up");
        console.awaitInput("'echo second command'", "echo second command"::equals);
        console.press("Up");
        console.awaitInput("'echo first command'", "echo first command"::equals);
        console.press("C-u");
        console.awaitInput("nothing", String::isEmpty);
        exitCleanly();

        console.start(DIST, data, home);
        console.awaitPrompt();
        console.press("Up");
        console.awaitInput("'exit', the last command of the first run", "exit"::equals);
        console.press("Up");
        console.awaitInput("'echo second command' from the first run", "echo second command"::equals);
        console.press("C-u");
        exitCleanly();

        assertTrue(Files.readString(data.resolve("history")).contains("echo first command"),
                "the history is not in the data folder");
        assertFalse(Files.exists(home.resolve(".gogo.history")), "the console wrote a history to the user's home");
    }

    @Test
    void tabCompletesACommandName() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        console.start(DIST, data, home);
        console.awaitPrompt();

        console.type("stowage:backe"); // not stowage:bac, which stowage:backup shares
        console.press("Tab");

        console.awaitInput("'stowage:backends'", "stowage:backends"::equals);
        console.press("C-u");
        exitCleanly();
    }

    /** Needs {@code stowage:completions} from the shell bundle, which the console's profile runs. */
    @Test
    void tabCompletesAStoreName() throws Exception {
        assumeTrue(hasStowageBundles(), "built without the Stowage bundles");
        console.start(DIST, data, home);
        console.awaitPrompt();
        console.run("stowage:put demo.app/users user:1 alice");

        console.type("stowage:get demo.a");
        console.press("Tab");

        console.awaitInput("'stowage:get demo.app/users'", input -> input.startsWith("stowage:get demo.app/users"));
        console.press("C-u");
        exitCleanly();
    }

    /** Ctrl-C drops the line being typed, or interrupts the running command; the runtime runs on either way. */
    @Test
    void ctrlCDropsTheLineOrStopsTheCommandButNeverTheRuntime() throws Exception {
        console.start(DIST, data, home);
        console.awaitPrompt();

        console.type("echo never run");
        console.awaitInput("the typed line", "echo never run"::equals);
        console.press("C-c");
        List<String> afterDroppedLine = console.awaitNextPrompt("echo never run");
        assertFalse(afterDroppedLine.contains("never run"), "Ctrl-C ran the line: " + afterDroppedLine);

        console.type("sleep 600");
        console.press("Enter");
        console.awaitRunning("sleep 600"); // so that Ctrl-C reaches the command, not the line editor
        console.press("C-c");
        console.awaitNextPrompt("sleep 600");

        assertEquals(List.of("still running"), console.run("echo still running"));
        exitCleanly();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exit", "shutdown"})
    void theShutdownCommandsEndTheProcessWithNoPromptAfterThem(String command) throws Exception {
        console.start(DIST, data, home);
        console.awaitPrompt();
        console.run("echo before " + command);

        console.type(command);
        console.press("Enter");
        TmuxConsole.Exit exit = console.awaitExit();

        assertEquals(0, exit.status(), String.join("\n", exit.screen()));
        List<String> screen = exit.screen();
        int commandLine = TmuxConsole.lastIndexOfInput(screen, command);
        assertTrue(commandLine >= 0, "'" + command + "' is not on screen:\n" + String.join("\n", screen));
        List<String> afterCommand = screen.subList(commandLine + 1, screen.size());
        assertFalse(afterCommand.stream().anyMatch(TmuxConsole::isPrompt),
                "a prompt after '" + command + "':\n" + String.join("\n", screen));
        assertTerminalRestored(exit);
    }

    @Test
    void ctrlDEndsTheProcess() throws Exception {
        console.start(DIST, data, home);
        console.awaitPrompt();

        console.press("C-d");
        TmuxConsole.Exit exit = console.awaitExit();

        assertEquals(0, exit.status(), String.join("\n", exit.screen()));
        assertTerminalRestored(exit);
    }

    private void exitCleanly() throws Exception {
        console.type("exit");
        console.press("Enter");
        TmuxConsole.Exit exit = console.awaitExit();
        assertEquals(0, exit.status(), String.join("\n", exit.screen()));
    }

    /** JLine switches the terminal to raw mode while it reads a line; the process must leave it as it found it. */
    private static void assertTerminalRestored(TmuxConsole.Exit exit) {
        for (String mode : List.of("icanon", "echo", "isig", "icrnl", "opost")) {
            assertTrue(exit.modeOn(mode), mode + " is off after the runtime ended: " + exit.terminalModes());
        }
    }

    private static boolean hasStowageBundles() throws IOException {
        try (var bundles = Files.list(DIST.resolve("bundle"))) {
            return bundles.anyMatch(jar -> jar.getFileName().toString().startsWith("shell-bundle"));
        }
    }
}
