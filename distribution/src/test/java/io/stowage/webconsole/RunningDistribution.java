package io.stowage.webconsole;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the built distribution ({@code target/stowage}) in a folder of its own, with its web console on a port of
 * its own, started as a user starts it: {@code bin/stowage} at the Gogo prompt. The copy keeps tests that make the
 * first-start password, or change etc/, away from the build's distribution and from each other.
 */
public final class RunningDistribution implements Closeable {

    public static final Path DIST = Path.of(System.getProperty("stowage.dist", "target/stowage")).toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The prompt that ends the previous command's output, when it comes after the next line was typed. */
    private static final Pattern LATE_PROMPT = Pattern.compile("^(g! )+");

    private final Path home;
    private final Process process;
    private final OutputStream shell;
    private final Path stdout;
    private final Path stderr;

    private RunningDistribution(Path home, Process process, Path stdout, Path stderr) {
        this.home = home;
        this.process = process;
        this.shell = process.getOutputStream();
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Copies the distribution into {@code folder}/stowage, without data/, and sets its web console's port. */
    public static Path copy(Path folder, int port) throws IOException {
        Path home = folder.resolve("stowage");
        try (Stream<Path> files = Files.walk(DIST)) {
            for (Path file : files.toList()) {
                Path relative = DIST.relativize(file);
                if (relative.startsWith("data")) {
                    continue;
                }
                Files.copy(file, home.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.deleteIfExists(home.resolve("etc/webconsole.password")); // a first start, whatever ran in DIST before
        Files.writeString(home.resolve("etc/webconsole.properties"),
                "org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = " + port + "\n");
        return home;
    }

    /** Starts {@code home}'s bin/stowage at the prompt and waits for the prompt. */
    public static RunningDistribution start(Path home) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(home, "stowage", ".out");
        Path stderr = Files.createTempFile(home, "stowage", ".err");
        Process process = new ProcessBuilder(List.of(home.resolve("bin/stowage").toString(),
                "--data", home.resolve("data").toString()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        RunningDistribution running = new RunningDistribution(home, process, stdout, stderr);
        running.awaitOutput("g! ", START_TIMEOUT);
        return running;
    }

    /** A port nobody listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Path home() {
        return home;
    }

    public String password() throws IOException {
        return Files.readString(home.resolve("etc/webconsole.password")).strip();
    }

    public String stdout() throws IOException {
        return Files.readString(stdout);
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Types a line at the Gogo prompt. */
    public void type(String line) throws IOException {
        shell.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        shell.flush();
    }

    /** Waits until standard output holds {@code text}; fails with the output so far if it does not in time. */
    public void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!stdout().contains(text)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' from bin/stowage; stdout:\n" + stdout() + "\nstderr:\n"
                        + stderr());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Types a line and waits until the output it causes holds {@code expected}.
     *
     * @return all output after the line was typed, up to now, without the previous command's prompt when that
     *     arrived late (after the line was typed)
     */
    public String run(String line, String expected, Duration timeout) throws IOException, InterruptedException {
        int from = stdout().length();
        type(line);
        Instant deadline = Instant.now().plus(timeout);
        while (!stdout().substring(from).contains(expected)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("'" + line + "' printed no '" + expected + "'; it printed:\n"
                        + stdout().substring(from) + "\nstderr:\n" + stderr());
            }
            Thread.sleep(50);
        }
        return LATE_PROMPT.matcher(stdout().substring(from)).replaceFirst("");
    }

    /** Stops the runtime through its shell; forcibly if it does not stop in time. */
    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                type("stop 0");
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the runtime did not stop after 'stop 0'");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }
}
