package io.stowage.kernel.feed;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.osgi.service.log.Logger;

/**
 * One thread that feeds a store's {@link ChangeLog} from the change stream of the backend instance serving the store:
 * it reads the changes after the last one it appended, polling with a pause that doubles from 1 ms up to 100 ms
 * while there are none (a write of this runtime wakes it at once), and ends when stopped, or when its instance no
 * longer serves the store ({@link Source#read} answers null), leaving the log a break and handing it to what serves
 * the store now.
 */
public final class StreamFollower {

    /** Where the follower reads: one instance's stream of one store, decoded as the kernel's reads decode. */
    public interface Source {

        /**
         * The changes after {@code position}, at most {@code limit}, values decoded if {@code withValues}; empty if
         * there are none yet, null if the instance no longer serves the store. Throws as the backend does.
         */
        List<ChangeLog.Followed> read(long position, int limit, boolean withValues);

        /** Called once the source answered null: the store's log goes to whatever serves the store now. */
        void ended(StreamFollower follower);
    }

    private static final int BATCH = 256;
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ChangeLog log;
    private final Source source;
    private final long instance;
    private final Logger logger;
    private final Thread thread;
    private volatile boolean stopped;
    private long after;

    /**
     * @param instance the serial of the backend instance whose stream it reads
     * @param after    the position of the last change the log holds from that stream (or before which it starts)
     */
    public StreamFollower(ChangeLog log, Source source, long instance, long after, Logger logger) {
        this.log = log;
        this.source = source;
        this.instance = instance;
        this.after = after;
        this.logger = logger;
        this.thread = new Thread(this::run, "stowage-change-stream-" + log.store());
        thread.setDaemon(true);
    }

    /** Starts reading; once. */
    public void start() {
        thread.start();
    }

    /** Whether it reads the stream of this instance. */
    public boolean follows(long instanceSerial) {
        return instance == instanceSerial;
    }

    /** A write of this runtime went to the stream: read now rather than after the pause. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /** Ends the thread soon: after the read it is in, which is bounded by the backend's command timeout. */
    public void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    /** Waits for the thread to end; returns whether it did within the time. */
    public boolean join(long timeoutMillis) throws InterruptedException {
        if (thread == Thread.currentThread()) {
            return true;
        }
        thread.join(Math.max(1, timeoutMillis));
        return !thread.isAlive();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        long pause = FIRST_PAUSE_NANOS;
        boolean failing = false;
        while (!stopped) {
            List<ChangeLog.Followed> changes;
            try {
                changes = source.read(after, BATCH, log.keepsValues());
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                if (!failing) {
                    logger.warn("store {}: reading its change stream failed, retrying: {}", log.store(), e.toString());
                    failing = true;
                }
                LockSupport.parkNanos(LONGEST_PAUSE_NANOS);
                continue;
            }
            if (failing) {
                logger.info("store {}: reading its change stream again", log.store());
                failing = false;
            }
            if (changes == null) {
                if (!stopped) {
                    source.ended(this);
                }
                return;
            }
            if (changes.isEmpty()) {
                LockSupport.parkNanos(pause);
                pause = Math.min(LONGEST_PAUSE_NANOS, pause * 2);
                continue;
            }
            pause = FIRST_PAUSE_NANOS;
            if (!log.appendFollowed(this, changes)) {
                return;
            }
            after = changes.get(changes.size() - 1).position();
        }
    }

    @Override
    public String toString() {
        return "StreamFollower[" + log.store() + " after " + after + (stopped ? ", stopped]" : "]");
    }
}
