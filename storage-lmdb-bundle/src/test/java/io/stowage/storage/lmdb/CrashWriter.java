package io.stowage.storage.lmdb;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.log.Logger;

import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;

/**
 * The child process of {@link LmdbCrashTest}: writes numbered records until it is killed, and reports each one on
 * stdout only after its commit returned, so every reported record must survive the kill.
 *
 * <p>Arguments: the environment's folder, the first number and optionally a pause in milliseconds after each
 * operation (outside any write transaction). It alternates a single put of record {@code n}
 * ("committed n") and an atomic batch of the next {@link CrashRecord#BATCH_SIZE} records ("batch first last"). A
 * second thread scans all the time, so the process usually dies inside a read transaction and always leaves its
 * reader slots behind. Log lines go to stderr.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        long next = Long.parseLong(args[1]);
        long pauseMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        // A small map that has to grow while the writer runs
        LmdbBackend backend = LmdbBackend.outsideFramework("crash", folder, 1, 256, stderrLogger());

        long first = next;
        Thread scanner = new Thread(() -> scanForever(backend, Math.max(0, first - 64)), "crash-scanner");
        scanner.setDaemon(true);
        scanner.start();

        while (true) {
            backend.put(CrashRecord.key(next), CrashRecord.value(next, CrashRecord.SINGLE), 0);
            report(out, "committed " + next);
            next++;
            pause(pauseMillis);

            List<BackendMutation> batch = new ArrayList<>(CrashRecord.BATCH_SIZE);
            for (long n = next; n < next + CrashRecord.BATCH_SIZE; n++) {
                batch.add(BackendMutation.put(CrashRecord.key(n), CrashRecord.value(n, next), 0));
            }
            backend.write(batch);
            report(out, "batch " + next + " " + (next + CrashRecord.BATCH_SIZE - 1));
            next += CrashRecord.BATCH_SIZE;
            pause(pauseMillis);
        }
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One write call per line, so a kill leaves either the whole line in the pipe or an unterminated piece. */
    private static void report(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads and checks pages of the newest records; a reader that sees a broken record ends the process. */
    private static void scanForever(LmdbBackend backend, long start) {
        long from = start;
        while (true) {
            List<BackendEntry> page = backend.scan(CrashRecord.key(from), null, 32);
            try {
                for (BackendEntry entry : page) {
                    CrashRecord.decode(entry.key(), entry.value());
                }
            } catch (IllegalStateException e) {
                System.err.println("scanner saw a broken record: " + e.getMessage());
                System.err.flush();
                Runtime.getRuntime().halt(3);
            }
            // Start the next page near the end, so the scans follow the writer instead of rereading old data
            from = page.size() < 32 ? Math.max(0, from - 64) : CrashRecord.number(page.get(page.size() - 1).key());
        }
    }

    private static Logger stderrLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof String format) {
                        System.err.println(method.getName() + ": " + format(format, args));
                    }
                    return null;
                });
    }

    /** Fills the {} of an OSGi log format with the arguments of a proxied Logger call (format first). */
    static String format(String format, Object[] call) {
        List<Object> arguments = new ArrayList<>();
        for (int i = 1; i < call.length; i++) {
            if (call[i] instanceof Object[] varargs) {
                arguments.addAll(Arrays.asList(varargs));
            } else {
                arguments.add(call[i]);
            }
        }
        StringBuilder text = new StringBuilder();
        int at = 0;
        for (Object argument : arguments) {
            int slot = format.indexOf("{}", at);
            if (slot < 0) {
                break;
            }
            text.append(format, at, slot).append(argument);
            at = slot + 2;
        }
        return text.append(format.substring(at)).toString();
    }
}
