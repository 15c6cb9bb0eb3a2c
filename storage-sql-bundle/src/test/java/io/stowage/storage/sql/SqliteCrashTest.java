package io.stowage.storage.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.spi.BackendEntry;
import io.stowage.testlog.Loggers;

/**
 * A process killed with SIGKILL at any moment loses no commit that returned and leaves no batch partly applied and no
 * value torn, in every sync mode (a process crash is not a power loss: what SQLite wrote to its log is in the
 * operating system's hands).
 *
 * <p>Each round starts a {@link SqliteCrashWriter} on the same file, kills it at a random moment, reopens the file
 * here and checks every record. Rounds: the system property {@code stowage.crash.kills} (20 by default; the
 * {@code crash-soak} profile runs 100); {@code stowage.crash.seed} repeats a run's kill delays.
 */
class SqliteCrashTest {

    private static final long MIN_DELAY_MILLIS = 50;
    private static final long MAX_DELAY_MILLIS = 600;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyReturnedCommitSurvivesSigkillWholeAndUntorn() throws Exception {
        int kills = Integer.getInteger("stowage.crash.kills", 20);
        long seed = Long.getLong("stowage.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path file = work.resolve("crash.db");
        Path childTemp = Files.createDirectories(work.resolve("tmp"));
        long started = System.nanoTime();
        long next = 0;
        long reported = 0;
        long batches = 0;
        for (int round = 1; round <= kills; round++) {
            SyncMode syncMode = SyncMode.values()[round % SyncMode.values().length];
            String context = "round " + round + " of " + kills + " (" + syncMode + "), seed " + seed + ": ";
            long delay = MIN_DELAY_MILLIS + random.nextInt((int) (MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1));
            List<long[]> committed = runAndKill(List.of(file.toString(), Long.toString(next), syncMode.name()),
                    childTemp, round, delay, context);
            reported += committed.size();
            SqlBackend backend = SqlBackend.outsideFramework("crash", file, Loggers.silent());
            try {
                long[] verified = verify(backend, committed, context);
                next = verified[0];
                batches = verified[1];
            } finally {
                backend.close();
            }
        }
        System.out.printf("SQLite crash test: %d kills in %d s (seed %d); %d reported commits; %d records verified "
                + "(%d batches of %d)%n", kills, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), seed,
                reported, next, batches, CrashRecords.BATCH_SIZE);
    }

    /**
     * Starts a writer, kills it {@code delay} ms after its first report and returns the ranges of records it
     * reported committed. Its stdout goes to a file, not a pipe, so reports are not lost with the pipe when it dies.
     */
    private List<long[]> runAndKill(List<String> args, Path childTemp, int round, long delay, String context)
            throws Exception {
        Path log = work.resolve("writer-" + round + ".log");
        Path reports = work.resolve("writer-" + round + ".out");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                // Short-lived: start fast; the driver extracts its native library into the test's folder, as a
                // killed JVM never deletes it
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Djava.io.tmpdir=" + childTemp,
                "-cp", System.getProperty("java.class.path"), SqliteCrashWriter.class.getName()));
        command.addAll(args);
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
            // The kill's random moment, which is what this test is about
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
        List<long[]> committed = parseReports(Files.readString(reports, StandardCharsets.US_ASCII), context);
        assertFalse(committed.isEmpty(), context + "no complete report line: " + Files.readString(log));
        return committed;
    }

    /** Parses "committed n" and "batch first last" lines; an unterminated last line was cut by the kill. */
    private static List<long[]> parseReports(String text, String context) {
        List<long[]> committed = new ArrayList<>();
        int at = 0;
        for (int end = text.indexOf('\n'); end >= 0; at = end + 1, end = text.indexOf('\n', at)) {
            String[] words = text.substring(at, end).split(" ");
            if (words.length == 2 && words[0].equals("committed")) {
                committed.add(new long[] {Long.parseLong(words[1]), Long.parseLong(words[1])});
            } else if (words.length == 3 && words[0].equals("batch")) {
                committed.add(new long[] {Long.parseLong(words[1]), Long.parseLong(words[2])});
            } else {
                fail(context + "unexpected line from the writer: " + String.join(" ", words));
            }
        }
        return committed;
    }

    /**
     * Checks the whole table: records 0..n-1 and nothing else, each value exactly as written, each batch whole,
     * every reported record there, and at most one operation (the one whose report the kill cut) past the last
     * report. Returns the number of records and of batches.
     */
    private static long[] verify(SqlBackend backend, List<long[]> reported, String context) {
        long expected = 0;
        Map<Long, Integer> batches = new HashMap<>();
        byte[] from = CrashRecords.key(0);
        while (true) {
            List<BackendEntry> page = backend.scan(from, null, 1024);
            for (BackendEntry entry : page) {
                long batch;
                try {
                    batch = CrashRecords.batchOf(entry.key(), entry.value());
                } catch (IllegalStateException e) {
                    throw new AssertionError(context + e.getMessage(), e);
                }
                assertEquals(expected, CrashRecords.number(entry.key()), context + "records are not contiguous");
                if (batch != CrashRecords.SINGLE) {
                    assertTrue(batch <= expected && expected < batch + CrashRecords.BATCH_SIZE,
                            context + "record " + expected + " claims batch " + batch);
                    batches.merge(batch, 1, Integer::sum);
                }
                expected++;
            }
            if (page.size() < 1024) {
                break;
            }
            from = CrashRecords.key(expected);
        }
        long records = expected;
        batches.forEach((batch, count) -> assertEquals(CrashRecords.BATCH_SIZE, count,
                context + "batch " + batch + " is partly applied"));
        for (long[] range : reported) {
            assertTrue(range[1] < records, context + "reported records " + range[0] + ".." + range[1]
                    + " are missing; the table ends before " + records);
        }
        long last = reported.get(reported.size() - 1)[1];
        assertTrue(records - 1 - last <= CrashRecords.BATCH_SIZE, context + "records up to " + (records - 1)
                + " are stored, but the last reported is " + last);
        return new long[] {records, batches.size()};
    }
}
