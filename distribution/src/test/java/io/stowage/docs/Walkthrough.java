package io.stowage.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a document's command blocks in order, in a folder laid out like the repository after a build (the
 * distribution in {@code distribution/target/stowage}), as a user following it would:
 * <ul>
 * <li>a {@code gogo} block is typed at the prompt of the running runtime, which is started (as
 * {@code distribution/target/stowage/bin/stowage --script -}) if none runs; {@code g! exit} ends it, and so does a
 * failing command, which must then be the block's last line. The block must show exactly what was printed.
 * <li>a {@code bash} block runs in bash from the repository's root, beside the running runtime if there is one (the
 * documents' "in another terminal"), and must succeed.
 * <li>a {@code console} block is a shell session: each {@code $ } line runs in one bash from the repository's root,
 * and the lines after it are its output; a command that fails must be followed by {@code $ echo $?}, showing its
 * status.
 * </ul>
 * After a start, and after a shell block changed etc/ or deploy/ under a running runtime, the next command waits
 * until the runtime shows the change ({@link Applied}), as a user at the prompt waits a second.
 */
final class Walkthrough implements AutoCloseable {

    static final String STOWAGE = "distribution/target/stowage/bin/stowage";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FAILED_LINE = Pattern.compile("^stowage: line (\\d+) of standard input: ");
    private static final String CONSOLE_END_FORMAT = "@@console-command %d ended with %d";
    private static final Pattern CONSOLE_END = Pattern.compile("^@@console-command (\\d+) ended with (\\d+)$");
    private static final Set<String> STOPS = Set.of("exit", "shutdown", "stop 0");

    private final Path root;
    private final Path scratch;
    private final Path home;
    private final Map<String, String> environment;
    private ScriptSession session;
    /** The deploy/ jars the running runtime showed last: those that leave must leave its listing too. */
    private Set<String> deployedBefore = Set.of();
    private int markers;

    /**
     * @param root the repository's root: holds distribution/target/stowage, and is the commands' working folder
     * @param userHome the shell's HOME, for the documents' {@code ~/}
     * @param scratch a folder of the test's own, outside the root
     */
    Walkthrough(Path root, Path userHome, Path scratch) {
        this.root = root;
        this.scratch = scratch;
        this.home = root.resolve("distribution/target/stowage");
        this.environment = Map.of("HOME", userHome.toString());
    }

    void run(DocBlock block) throws InterruptedException {
        switch (block.language()) {
            case "gogo" -> gogo(block);
            case "bash" -> bash(block);
            case "console" -> console(block);
            default -> throw new IllegalArgumentException(block.where() + ": no way to run " + block.language());
        }
    }

    private void gogo(DocBlock block) throws InterruptedException {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i);
            if (line.startsWith("g! ")) {
                commands.add(line.substring(3).strip());
            } else if (i == 0) {
                throw new AssertionError(block.where() + ": a gogo block starts with a 'g! <command>' line");
            }
        }
        if (session == null) {
            session = ScriptSession.start(root, STOWAGE, environment);
            awaitApplied(block);
        }
        int firstLine = session.linesSent();
        int from = session.outputSize();
        commands.forEach(session::send);
        List<String> ran;
        if (STOPS.contains(commands.get(commands.size() - 1))) {
            int status = session.closeAndWait(COMMAND_TIMEOUT);
            ran = session.output(from);
            session = null;
            if (status != 0) {
                throw new AssertionError(block.where() + ": the runtime stopped with status " + status + ":\n"
                        + String.join("\n", ran));
            }
        } else {
            String marker = "@@block-" + ++markers;
            session.send("echo " + marker);
            int end = session.awaitLine(from, marker, COMMAND_TIMEOUT);
            if (end >= 0) {
                ran = session.output(from, end - 1); // without "g! echo <marker>"
            } else {
                session.awaitExit(COMMAND_TIMEOUT); // a command failed and ended the run
                ran = session.output(from);
                session = null;
            }
        }
        Transcript.compare(block, renumberFailures(ran, firstLine)).ifPresent(report -> {
            throw new AssertionError(report);
        });
    }

    /** Failures name their line of standard input; the block shows it counted from its own first line. */
    private static List<String> renumberFailures(List<String> ran, int linesBefore) {
        List<String> renumbered = new ArrayList<>();
        for (String line : ran) {
            Matcher failed = FAILED_LINE.matcher(line);
            renumbered.add(failed.find() ? "stowage: line " + (Integer.parseInt(failed.group(1)) - linesBefore)
                    + " of standard input: " + line.substring(failed.end()) : line);
        }
        return renumbered;
    }

    private void bash(DocBlock block) throws InterruptedException {
        Shell shell = shell("set -eo pipefail\n" + String.join("\n", block.lines()) + "\n");
        if (shell.status != 0) {
            throw new AssertionError(block.where() + ": the bash block failed with status " + shell.status + ":\n"
                    + String.join("\n", shell.output));
        }
        awaitAppliedIfRunning(block);
    }

    private void console(DocBlock block) throws InterruptedException {
        List<String> commands = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i);
            if (line.startsWith("$ ")) {
                commands.add(line.substring(2));
                // The marker keeps the command's status, so that a following 'echo $?' shows it
                script.append(line.substring(2)).append('\n').append("doc_status=$?; printf '\\n")
                        .append(CONSOLE_END_FORMAT).append("\\n' ").append(commands.size() - 1)
                        .append(" \"$doc_status\"; (exit \"$doc_status\")\n");
            } else if (i == 0) {
                throw new AssertionError(block.where() + ": a console block starts with a '$ <command>' line");
            }
        }
        Shell shell = shell(script.toString());
        List<String> ran = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        for (String line : shell.output) {
            Matcher end = CONSOLE_END.matcher(line);
            if (!end.matches()) {
                printed.add(line);
                continue;
            }
            if (!printed.isEmpty() && printed.get(printed.size() - 1).isEmpty()) {
                printed.remove(printed.size() - 1); // the marker's own line break
            }
            ran.add("$ " + commands.get(Integer.parseInt(end.group(1))));
            ran.addAll(printed);
            statuses.add(Integer.parseInt(end.group(2)));
            printed.clear();
        }
        ran.addAll(printed);
        Transcript.compare(block, ran).ifPresent(report -> {
            throw new AssertionError(report);
        });
        for (int i = 0; i < statuses.size(); i++) {
            boolean shown = i + 1 < commands.size() && commands.get(i + 1).strip().equals("echo $?");
            if (statuses.get(i) != 0 && !shown) {
                throw new AssertionError(block.where() + ": '" + commands.get(i) + "' exits with status "
                        + statuses.get(i) + ", which the block does not show: follow it with '$ echo $?'");
            }
        }
        awaitAppliedIfRunning(block);
    }

    private void awaitAppliedIfRunning(DocBlock block) throws InterruptedException {
        if (session != null && session.isAlive()) {
            awaitApplied(block);
        }
    }

    /** Asks the running runtime what it shows until that is what etc/ and deploy/ say; nothing of it is compared. */
    private void awaitApplied(DocBlock block) throws InterruptedException {
        Applied expected = Applied.expectedFrom(home);
        Set<String> left = new TreeSet<>(deployedBefore);
        left.removeAll(expected.deployed());
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        while (true) {
            int from = session.outputSize();
            String marker = "@@applied-" + ++markers;
            List.of("stowage:backends", "stowage:routes", "stowage:extensions", "echo " + marker)
                    .forEach(session::send);
            int end = session.awaitLine(from, marker, COMMAND_TIMEOUT);
            if (end < 0) {
                throw new AssertionError(block.where() + ": the runtime ended while asked what it applied:\n"
                        + String.join("\n", session.output(from)));
            }
            Applied shown = Applied.shownBy(session.output(from, end - 1));
            if (expected.isShownBy(shown, left)) {
                deployedBefore = expected.deployed();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(block.where() + ": within " + APPLY_TIMEOUT + " the runtime did not show"
                        + " what etc/ and deploy/ hold: " + expected + " (and not " + left + "); it shows " + shown);
            }
            TimeUnit.MILLISECONDS.sleep(100); // between polls, not instead of one
        }
    }

    private record Shell(int status, List<String> output) {
    }

    private Shell shell(String script) throws InterruptedException {
        try {
            Path output = Files.createTempFile(scratch, "shell", ".out");
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the shell did not finish within " + COMMAND_TIMEOUT + ":\n" + script
                        + "\nit printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Shell(process.exitValue(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the runtime a document left running; it must stop cleanly. */
    void finish() throws InterruptedException {
        if (session != null) {
            int status = session.closeAndWait(COMMAND_TIMEOUT);
            List<String> output = session.output(0);
            session = null;
            if (status != 0) {
                throw new AssertionError("the runtime left running stopped with status " + status + ":\n"
                        + String.join("\n", output));
            }
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
