package io.stowage.storage.sql;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.testlog.Loggers;

/**
 * The child process of {@link SqliteCrashTest}: writes numbered records until it is killed, and reports each one on
 * stdout only after its commit returned, so every reported record must survive the kill.
 *
 * <p>Arguments: the database file, the first number and the sync mode. It alternates a single put of record
 * {@code n} ("committed n") and an atomic batch of the next {@link CrashRecords#BATCH_SIZE} records ("batch first
 * last"). A second thread scans all the time, so the process usually dies with a read transaction open too.
 */
public final class SqliteCrashWriter {

    private SqliteCrashWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long next = Long.parseLong(args[1]);
        SyncMode syncMode = SyncMode.parse(args[2]);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        SqlBackend backend = SqlBackend.outsideFramework(new SqlSettings("crash", file, "stowage_entries", syncMode,
                5_000, 2), Loggers.silent());

        long first = next;
        Thread scanner = new Thread(() -> scanForever(backend, Math.max(0, first - 64)), "crash-scanner");
        scanner.setDaemon(true);
        scanner.start();

        while (true) {
            backend.put(CrashRecords.key(next), CrashRecords.value(next, CrashRecords.SINGLE), 0);
            report(out, "committed " + next);
            next++;

            List<BackendMutation> batch = new ArrayList<>(CrashRecords.BATCH_SIZE);
            for (long n = next; n < next + CrashRecords.BATCH_SIZE; n++) {
                batch.add(BackendMutation.put(CrashRecords.key(n), CrashRecords.value(n, next), 0));
            }
            backend.write(batch);
            report(out, "batch " + next + " " + (next + CrashRecords.BATCH_SIZE - 1));
            next += CrashRecords.BATCH_SIZE;
        }
    }

    /** One write call per line, so a kill leaves either the whole line or an unterminated piece. */
    private static void report(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads and checks pages of the newest records; a reader that sees a broken record ends the process. */
    private static void scanForever(SqlBackend backend, long start) {
        long from = start;
        while (true) {
            List<BackendEntry> page = backend.scan(CrashRecords.key(from), null, 32);
            try {
                for (BackendEntry entry : page) {
                    CrashRecords.batchOf(entry.key(), entry.value());
                }
            } catch (IllegalStateException e) {
                System.err.println("scanner saw a broken record: " + e.getMessage());
                System.err.flush();
                Runtime.getRuntime().halt(3);
            }
            // Follow the writer instead of rereading old data
            from = page.size() < 32 ? Math.max(0, from - 64) : CrashRecords.number(page.get(page.size() - 1).key());
        }
    }
}
