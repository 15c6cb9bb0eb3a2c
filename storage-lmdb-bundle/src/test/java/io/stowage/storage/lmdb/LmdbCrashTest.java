package io.stowage.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.log.Logger;

import io.stowage.spi.BackendEntry;

/**
 * A process killed with SIGKILL at any moment loses no commit that returned, leaves no batch partly applied and no
 * value torn, and the reader slots it left behind are cleared when the environment is opened again.
 *
 * <p>Each round starts a {@link CrashWriter} on the same folder, kills it at a random moment, reopens the folder here
 * and checks every record. The number of rounds is the system property {@code stowage.crash.kills} (20 by default;
 * the {@code crash-soak} profile runs 100); {@code stowage.crash.seed} repeats a run's kill delays.
 *
 * <p>In every second round an {@link EnvironmentHolder} keeps the environment open across the kill. Without it the
 * reopen is the only user, and LMDB re-initialises its reader table at such an open, so stale slots vanish before the
 * backend's reader check could see them. With it the killed writer's slots stay, and the reopen must clear them:
 * the holder's own reader check afterwards must find none, and over the run the backend must report clearing some.
 * In those rounds the writer pauses between operations, so that many kills find it outside its write transaction:
 * when it dies holding LMDB's write lock, LMDB's recovery of that lock clears the dead slots while the backend opens
 * its database, before (and so without) the backend's reader check and its warning.
 */
class LmdbCrashTest {

    private static final Pattern CLEARED = Pattern.compile("cleared (\\d+) reader slots left by crashed processes");
    private static final long MIN_DELAY_MILLIS = 50;
    private static final long MAX_DELAY_MILLIS = 600;
    private static final long SHARED_ROUND_PAUSE_MILLIS = 25;

    @TempDir
    Path work;

    /** What the child reported before it died: the ranges of records whose commit returned, in order. */
    private record Reported(List<long[]> committed, String log) {

        long last() {
            return committed.get(committed.size() - 1)[1];
        }
    }

    /** What one reopen found. */
    private record Verified(long records, long singles, long batches, long bytes) {
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyReturnedCommitSurvivesSigkillWholeAndUntorn() throws Exception {
        int kills = Integer.getInteger("stowage.crash.kills", 20);
        long seed = Long.getLong("stowage.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path folder = work.resolve("lmdb");
        Path childTemp = Files.createDirectories(work.resolve("tmp"));
        long started = System.nanoTime();
        long next = 0;
        int sharedRounds = 0;
        int clearingReopens = 0;
        int clearedSlots = 0;
        int mapGrowths = 0;
        long reported = 0;
        Verified verified = new Verified(0, 0, 0, 0);

        try (Holder holder = new Holder(javaCommand(childTemp, EnvironmentHolder.class, folder.toString()),
                work.resolve("holder.log"))) {
            for (int round = 1; round <= kills; round++) {
                String context = "round " + round + " of " + kills + ", seed " + seed + ": ";
                long delay = MIN_DELAY_MILLIS + random.nextInt((int) (MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1));
                // Round 1 creates the environment; the holder can only open one that exists
                boolean shared = round % 2 == 0;
                if (shared) {
                    sharedRounds++;
                    assertEquals("open", holder.send("open"), context + "holder");
                }
                Reported committed = runAndKill(javaCommand(childTemp, CrashWriter.class, folder.toString(),
                        Long.toString(next), Long.toString(shared ? SHARED_ROUND_PAUSE_MILLIS : 0)), round, delay,
                        context);
                reported += committed.committed().size();
                mapGrowths += count(committed.log(), "map grown");

                List<String> warnings = Collections.synchronizedList(new ArrayList<>());
                LmdbBackend backend = LmdbBackend.outsideFramework("crash", folder, 1, 256,
                        recordingWarnings(warnings));
                try {
                    verified = verify(backend, committed, context + committed.log());
                } finally {
                    backend.close();
                }
                for (String warning : warnings) {
                    Matcher matcher = CLEARED.matcher(warning);
                    if (matcher.find()) {
                        clearingReopens++;
                        clearedSlots += Integer.parseInt(matcher.group(1));
                    }
                }
                if (shared) {
                    assertEquals("stale 0", holder.send("check"),
                            context + "the reopen left reader slots of the killed writer behind");
                    assertEquals("closed", holder.send("close"), context + "holder");
                }
                next = verified.records();
            }
        }

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String summary = String.format("LMDB crash test: %d kills in %d s (seed %d); %d reported commits; %d records "
                + "verified (%d single puts, %d batches of %d, %d KiB); %d of %d reopens beside a second process "
                + "reported clearing %d stale reader slots; the map grew %d times in the writers", kills, seconds,
                seed, reported, verified.records(), verified.singles(), verified.batches(), CrashRecord.BATCH_SIZE,
                verified.bytes() / 1024, clearingReopens, sharedRounds, clearedSlots, mapGrowths);
        System.out.println(summary);
        if (sharedRounds > 0) {
            assertTrue(clearingReopens > 0, "no reopen reported clearing a reader slot of a killed writer: " + summary);
        }
        // The writers start with a 1 MiB map; a short run (few kills, a slow disk) may not fill it
        if (verified.bytes() > 2 * LmdbSettings.MIB) {
            assertTrue(mapGrowths > 0, "the map never grew while a writer ran: " + summary);
        }
    }

    /** The command line of a test main class in a new JVM like this one. */
    private static List<String> javaCommand(Path childTemp, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
        // Short-lived: start fast; native libraries are extracted into the test's folder, as a killed JVM never
        // deletes them
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-Djava.io.tmpdir=" + childTemp));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The {@link EnvironmentHolder} process: one command, one reply line. */
    private static final class Holder implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final Writer commands;
        private final BufferedReader replies;

        Holder(List<String> command, Path log) throws IOException {
            this.log = log;
            this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
        }

        String send(String command) throws IOException {
            commands.write(command + "\n");
            commands.flush();
            String reply = replies.readLine();
            return reply != null ? reply : "ended: " + Files.readString(log);
        }

        /** Ends the holder through the end of its stdin, which also closes an environment left open. */
        @Override
        public void close() throws IOException {
            try {
                commands.close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    fail("the environment holder did not end: " + Files.readString(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts a writer, kills it {@code delay} ms after its first commit and returns what it reported. Its stdout goes
     * to a file, not a pipe: when a child exits, the JDK closes a pipe under a thread still reading it ("Stream
     * closed") and the reports still in the pipe are lost.
     */
    private Reported runAndKill(List<String> command, int round, long delay, String context) throws Exception {
        Path log = work.resolve("writer-" + round + ".log");
        Path reports = work.resolve("writer-" + round + ".out");
        Process process = new ProcessBuilder(command).redirectOutput(reports.toFile()).redirectError(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.size(reports) == 0) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    fail(context + "the writer committed nothing: " + Files.readString(log));
                }
                Thread.sleep(5);
            }
            Thread.sleep(delay);
            if (!process.isAlive()) {
                fail(context + "the writer ended on its own with exit value " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), context + "the killed writer did not end");
            // 128 + SIGKILL: the writer died of the signal, not of an error of its own
            assertEquals(137, process.exitValue(), context + "exit value; log: " + Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
        String logText = Files.readString(log);
        List<long[]> committed = parseReports(Files.readString(reports, StandardCharsets.US_ASCII),
                context + logText);
        assertFalse(committed.isEmpty(), context + "no complete report line: " + logText);
        return new Reported(committed, logText);
    }

    /** Parses "committed n" and "batch first last" lines; an unterminated last line was cut by the kill. */
    private static List<long[]> parseReports(String text, String context) {
        List<long[]> committed = new ArrayList<>();
        int at = 0;
        for (int end = text.indexOf('\n'); end >= 0; at = end + 1, end = text.indexOf('\n', at)) {
            String[] words = text.substring(at, end).split(" ");
            if (words.length == 2 && words[0].equals("committed")) {
                long n = Long.parseLong(words[1]);
                committed.add(new long[] {n, n});
            } else if (words.length == 3 && words[0].equals("batch")) {
                committed.add(new long[] {Long.parseLong(words[1]), Long.parseLong(words[2])});
            } else {
                fail(context + "unexpected line from the writer: " + String.join(" ", words));
            }
        }
        return committed;
    }

    /**
     * Checks the whole environment: records 0..n-1 and nothing else (each round starts after the last record there),
     * each value exactly as written, each batch whole, every reported record there, and at most one operation (the one
     * whose report the kill cut off) past the last report.
     */
    private static Verified verify(LmdbBackend backend, Reported reported, String context) {
        long expected = 0;
        long singles = 0;
        long bytes = 0;
        Map<Long, Integer> batches = new HashMap<>();
        byte[] from = CrashRecord.key(0);
        while (true) {
            List<BackendEntry> page = backend.scan(from, null, 1024);
            for (BackendEntry entry : page) {
                CrashRecord.Decoded record;
                try {
                    record = CrashRecord.decode(entry.key(), entry.value());
                } catch (IllegalStateException e) {
                    throw new AssertionError(context + e.getMessage(), e);
                }
                assertEquals(expected, record.number(), context + "records are not contiguous");
                bytes += entry.key().length + entry.value().length;
                if (record.batch() == CrashRecord.SINGLE) {
                    singles++;
                } else {
                    assertTrue(record.batch() <= record.number()
                            && record.number() < record.batch() + CrashRecord.BATCH_SIZE,
                            context + "record " + record.number() + " claims batch " + record.batch());
                    batches.merge(record.batch(), 1, Integer::sum);
                }
                expected++;
            }
            if (page.size() < 1024) {
                break;
            }
            from = CrashRecord.key(expected);
        }
        long records = expected;
        batches.forEach((batch, count) -> assertEquals(CrashRecord.BATCH_SIZE, count,
                context + "batch " + batch + " is partly applied"));
        for (long[] range : reported.committed()) {
            assertTrue(range[1] < records, context + "reported records " + range[0] + ".." + range[1]
                    + " are missing; the environment ends before " + records);
        }
        assertTrue(records - 1 - reported.last() <= CrashRecord.BATCH_SIZE, context + "records up to "
                + (records - 1) + " are stored, but the last reported is " + reported.last());
        return new Verified(records, singles, batches.size(), bytes);
    }

    /** A logger that keeps its warnings, formatted, and drops everything else. */
    private static Logger recordingWarnings(List<String> warnings) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return false;
                    }
                    if (method.getName().equals("warn") && args != null && args[0] instanceof String format) {
                        warnings.add(CrashWriter.format(format, args));
                    }
                    return null;
                });
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }
}
