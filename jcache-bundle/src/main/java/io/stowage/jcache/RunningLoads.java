package io.stowage.jcache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The loads {@code loadAll} runs in the background for one cache, counted so that closing the cache can wait for
 * them: a load that went on after the close would call a loader the close has closed, and store into a cache that
 * {@code destroyCache} has cleared.
 */
final class RunningLoads {

    /** Whether the calling thread runs one of these loads: its own load cannot end while it waits. */
    private final ThreadLocal<Boolean> inLoad = new ThreadLocal<>();
    /** Loads started and not yet ended; guarded by {@code this}. */
    private int running;

    /** Runs the load in the background, as {@link CompletableFuture#runAsync(Runnable)} does, counted until it ends. */
    void start(Runnable load) {
        synchronized (this) {
            running++;
        }
        try {
            CompletableFuture.runAsync(() -> {
                inLoad.set(Boolean.TRUE);
                try {
                    load.run();
                } finally {
                    inLoad.remove();
                    ended();
                }
            });
        } catch (RuntimeException | Error e) {
            ended();
            throw e;
        }
    }

    /**
     * Waits until every load started here has ended, but the one the calling thread runs (a completion listener may
     * close the cache); at most {@code timeoutMillis}. Returns false if some still ran then, or the wait was
     * interrupted.
     */
    synchronized boolean awaitAll(long timeoutMillis) {
        int own = inLoad.get() != null ? 1 : 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (running > own) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private synchronized void ended() {
        running--;
        notifyAll();
    }
}
