package io.stowage.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code bin/stowage} in a real terminal: a detached 200 x 50 tmux pane on a tmux server of its own (its
 * own socket, so it never touches a user's tmux), which {@link #close()} kills. It reads the screen with
 * {@code capture-pane} and types with {@code send-keys}, and every wait polls the screen up to a deadline.
 * <p>
 * The pane runs {@code bin/stowage} under {@code /bin/sh}, which then prints the exit status and {@code stty -a}: the
 * terminal's modes once the runtime is gone. The pane stays on screen after that ({@code remain-on-exit}).
 */
final class TmuxConsole implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration TMUX_TIMEOUT = Duration.ofSeconds(10);
    private static final String PROMPT = "g!";
    /** The right prompt of Gogo's built-in profile: the time, after the typed line. */
    private static final Pattern RIGHT_PROMPT = Pattern.compile("\\s+\\d{1,2}:\\d{2}:\\d{2}$");
    private static final Pattern EXIT_STATUS = Pattern.compile("^stowage exited with status (\\d+)$");

    /** The server's socket, in the test's folder rather than tmux's: it goes with the folder, never reused. */
    private final Path socket;
    private final Path config;
    private int sessions;
    private String session;

    /** @param folder where the server's socket and configuration file go; a short path, as sockets need */
    TmuxConsole(Path folder) throws IOException {
        requireTmux();
        socket = folder.resolve("tmux.socket");
        config = Files.writeString(folder.resolve("tmux.conf"), """
                set-option -g remain-on-exit on
                set-option -g default-shell /bin/sh
                set-option -g history-limit 10000
                """);
    }

    /** Fails, rather than skips, where tmux is missing: {@code .ci/run} installs it. */
    static void requireTmux() {
        try {
            Process version = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            if (version.waitFor(TMUX_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && version.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // not on the PATH: reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("tmux is not installed, and the console tests type into bin/stowage in a tmux pane:"
                + " install it (apt-get install tmux; .ci/run does)");
    }

    /**
     * Starts {@code bin/stowage --data <data>} in a new pane; {@code user.home} is {@code home}, so a file the console
     * writes to the user's home shows there.
     */
    void start(Path dist, Path data, Path home) throws IOException, InterruptedException {
        // sh shares the runtime's process group, so Ctrl-C reaches it too: without a handler of its own (which exec
        // resets for the runtime) it would end once the runtime has, before reporting it
        String command = "trap : INT; STOWAGE_JAVA_OPTS=" + quoted("-Duser.home=" + home) + " "
                + quoted(dist.resolve("bin/stowage").toString()) + " --data " + quoted(data.toString())
                + "; echo \"stowage exited with status $?\"; stty -a";
        session = "console-" + ++sessions;
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", command);
    }

    /** Sends the text as typed, without Enter. */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-l", text);
    }

    /** Presses keys by their tmux names: {@code Enter}, {@code Tab}, {@code Up}, {@code C-c}, ... */
    void press(String... keys) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", session));
        arguments.addAll(List.of(keys));
        tmux(arguments.toArray(String[]::new));
    }

    /** Waits for the first, empty prompt. */
    void awaitPrompt() throws IOException, InterruptedException {
        awaitScreen("an empty g! prompt", lines -> lastLine(lines).filter(line -> input(line).equals(Optional.of("")))
                .orElse(null));
    }

    /**
     * Types the line, presses Enter, and waits for the next empty prompt.
     *
     * @return the screen lines between the command's line and that prompt: what it printed
     */
    List<String> run(String command) throws IOException, InterruptedException {
        type(command);
        press("Enter");
        return awaitNextPrompt(command);
    }

    /**
     * Waits for the last line with {@code command} at the prompt to be followed by a new, empty prompt.
     *
     * @return the lines between the two
     */
    List<String> awaitNextPrompt(String command) throws IOException, InterruptedException {
        return awaitScreen("a new prompt after '" + command + "'", lines -> {
            int commandLine = lastIndexOfInput(lines, command);
            int last = lines.size() - 1;
            if (commandLine < 0 || last <= commandLine || !input(lines.get(last)).equals(Optional.of(""))) {
                return null;
            }
            return lines.subList(commandLine + 1, last);
        });
    }

    /**
     * Waits for the console to have taken the last line holding {@code command} and to run it: the cursor left that
     * line, and no prompt follows it yet. (Its output may not show before it ends: the console buffers it.)
     */
    void awaitRunning(String command) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            // the visible screen, where line i is row i, as the cursor's row counts
            List<String> rows = tmux("capture-pane", "-p", "-t", session).lines().toList();
            int cursorRow = Integer.parseInt(tmux("display-message", "-p", "-t", session, "#{cursor_y}").strip());
            int commandRow = lastIndexOfInput(rows, command);
            if (commandRow >= 0 && cursorRow > commandRow
                    && rows.subList(commandRow + 1, rows.size()).stream().noneMatch(TmuxConsole::isPrompt)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for '" + command + "' to run (cursor"
                        + " on row " + cursorRow + "); the screen:\n" + String.join("\n", rows));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Waits for the line being edited at the last prompt to satisfy {@code expected}, e.g. after Up or Tab. */
    String awaitInput(String description, Predicate<String> expected)
            throws IOException, InterruptedException {
        return awaitScreen("the prompt to hold " + description, lines -> lastLine(lines).flatMap(TmuxConsole::input)
                .filter(expected).orElse(null));
    }

    /** Waits for bin/stowage to end. */
    Exit awaitExit() throws IOException, InterruptedException {
        return awaitScreen("bin/stowage to end", lines -> {
            for (int i = 0; i < lines.size(); i++) {
                Matcher status = EXIT_STATUS.matcher(lines.get(i));
                if (status.matches() && i + 1 < lines.size()) { // stty has printed too
                    return new Exit(Integer.parseInt(status.group(1)), lines.subList(0, i),
                            String.join("\n", lines.subList(i + 1, lines.size())));
                }
            }
            return null;
        });
    }

    /** The whole pane, scrollback included, one entry a line, without the blank lines at its end. */
    List<String> screen() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(tmux("capture-pane", "-p", "-J", "-S", "-", "-t", session).lines()
                .map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The text typed at a prompt line, without the prompt and the time on its right; empty for other lines. */
    static Optional<String> input(String line) {
        if (!isPrompt(line)) {
            return Optional.empty();
        }
        return Optional.of(RIGHT_PROMPT.matcher(line.substring(PROMPT.length())).replaceFirst("").strip());
    }

    static boolean isPrompt(String line) {
        return line.equals(PROMPT) || line.startsWith(PROMPT + " ");
    }

    @Override
    public void close() throws IOException {
        Process kill = new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").redirectErrorStream(true)
                .start();
        kill.getInputStream().transferTo(OutputStream.nullOutputStream()); // "no server running" is fine
        try {
            kill.waitFor(TMUX_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // the test is being stopped: the server was told to end, and the interrupt goes back to the caller
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the pane showed when bin/stowage ended: its status, the screen until then, and {@code stty -a}'s report
     * of the terminal modes it left behind.
     */
    record Exit(int status, List<String> screen, String terminalModes) {

        /** Whether a mode is on, as {@code stty -a} lists it: {@code icanon} is on, {@code -icanon} off. */
        boolean modeOn(String mode) {
            return Pattern.compile("(^|[\\s;])" + Pattern.quote(mode) + "($|[\\s;])").matcher(terminalModes).find();
        }
    }

    private <T> T awaitScreen(String description, Function<List<String>, T> probe)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            List<String> lines = screen();
            T found = probe.apply(lines);
            if (found != null) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + description + "; the screen:\n"
                        + String.join("\n", lines));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static Optional<String> lastLine(List<String> lines) {
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    /** The index of the last prompt line holding {@code command}, or -1. */
    static int lastIndexOfInput(List<String> lines, String command) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (input(lines.get(i)).equals(Optional.of(command))) {
                return i;
            }
        }
        return -1;
    }

    private String tmux(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", config.toString()));
        command.addAll(List.of(arguments));
        Process tmux = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tmux.waitFor(TMUX_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || tmux.exitValue() != 0) {
            tmux.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
