package io.stowage.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A runtime started as {@code bin/stowage --script -}, fed one line at a time on its standard input, which it reads
 * as lines are needed: what a user types at the prompt, printed as a script prints it (each command echoed as
 * {@code g! <command>}, then its result; a failing command's message on stderr, merged here, and the end of the run).
 */
final class ScriptSession implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final List<String> output = new ArrayList<>();
    private boolean outputEnded;
    private int linesSent;

    private ScriptSession(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::readOutput, "stowage output " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code stowage --script -} from {@code workingDirectory}, as the documents do. */
    static ScriptSession start(Path workingDirectory, String stowage, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(stowage, "--script", "-").directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            return new ScriptSession(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (this) {
                    output.add(line);
                    notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process is gone; what it printed is kept
        } finally {
            synchronized (this) {
                outputEnded = true;
                notifyAll();
            }
        }
    }

    /** Lines sent so far: a failing command is reported by its line number on standard input. */
    int linesSent() {
        return linesSent;
    }

    synchronized int outputSize() {
        return output.size();
    }

    synchronized List<String> output(int from) {
        return List.copyOf(output.subList(from, output.size()));
    }

    synchronized List<String> output(int from, int to) {
        return List.copyOf(output.subList(from, to));
    }

    /** Sends a line; once the runtime has ended (a command failed), nothing reads it and it is dropped. */
    void send(String line) {
        linesSent++;
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException ended) {
            if (process.isAlive()) {
                throw new UncheckedIOException(ended);
            }
        }
    }

    /**
     * Waits for a line equal to {@code line} at or after {@code from}.
     *
     * @return its index, or -1 if the runtime ended (all its output read) without printing it
     * @throws AssertionError if neither happened in time
     */
    synchronized int awaitLine(int from, String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int index = from; ; ) {
            for (; index < output.size(); index++) {
                if (output.get(index).equals(line)) {
                    return index;
                }
            }
            if (outputEnded) {
                return -1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the runtime printed no '" + line + "' within " + timeout
                        + "; it printed:\n" + String.join("\n", output.subList(from, output.size())));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Ends standard input, so the script ends, and waits for the runtime to stop; returns its exit status. */
    int closeAndWait(Duration timeout) throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException alreadyGone) {
            // the process ended first
        }
        return awaitExit(timeout);
    }

    /** Waits for the runtime to stop on its own and for its output to be read; returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the runtime did not stop within " + timeout + "; it printed:\n"
                    + String.join("\n", output(0)));
        }
        synchronized (this) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!outputEnded && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
