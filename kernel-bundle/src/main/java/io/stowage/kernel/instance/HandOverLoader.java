package io.stowage.kernel.instance;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

/**
 * The kernel's thread that moves an overlay's waiting entries into its instance, a small chunk at a time (each chunk
 * holds the overlay's operations for well under a millisecond, and the loader then stays off the locks as long),
 * until all are in or it is stopped. Stopped when its
 * instance is retired; it keeps no reference past its end, and its context class loader is none, so it pins no
 * extension's classes.
 */
final class HandOverLoader {

    /** Small: operations on the overlay wait while a chunk is moved. */
    static final int CHUNK = 256;
    private static final long STOP_WAIT_MILLIS = 5_000;
    /** Long enough for an operation woken by the release of the overlay's locks to take them. */
    private static final long MIN_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final String configuration;
    private final HandOverOverlay overlay;
    private final Logger logger;
    private final Consumer<RuntimeException> failed;
    private final Thread thread;
    private volatile boolean stopped;

    /** {@code failed} hears, on this loader's thread, why loading stopped short; not after {@link #stop()}. */
    HandOverLoader(String configuration, HandOverOverlay overlay, Logger logger, Consumer<RuntimeException> failed) {
        this.configuration = configuration;
        this.overlay = overlay;
        this.logger = logger;
        this.failed = failed;
        this.thread = new Thread(this::run, "stowage-hand-over-" + configuration);
        thread.setDaemon(true);
        thread.setContextClassLoader(null);
    }

    void start() {
        thread.start();
    }

    /** Stops loading (the overlay stays right, with what is left waiting) and waits, bounded, for the thread. */
    void stop() {
        stopped = true;
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long started = System.nanoTime();
        long loaded = 0;
        try {
            int moved;
            while (!stopped) {
                long chunkStarted = System.nanoTime();
                if ((moved = overlay.loadNext(CHUNK)) == 0) {
                    break;
                }
                loaded += moved;
                // As long off the locks as on them: the overlay's locks are not fair, and a loader taking them again
                // at once kept operations woken by the release from getting in for hundreds of milliseconds
                LockSupport.parkNanos(Math.max(MIN_PAUSE_NANOS, System.nanoTime() - chunkStarted));
            }
        } catch (RuntimeException e) {
            if (!stopped) {
                failed.accept(e);
            }
            return;
        }
        if (!stopped) {
            logger.info("backend configuration '{}': the {} entries handed over are loaded, in the background in {} ms",
                    configuration, loaded, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }
}
