package io.stowage.kernel.instance;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.log.Logger;

/**
 * The one thread every instance decision runs on, in the order the changes were reported, so that SCR and
 * ConfigAdmin callbacks never wait on an instance being opened or closed. Once it has stopped, changes reported
 * late (DS unbinding references, ConfigAdmin calling after deactivation) are dropped.
 */
final class LifecycleThread {

    private final Logger logger;
    private volatile Thread thread;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread made = new Thread(task, "stowage-backend-lifecycle");
        thread = made;
        made.setDaemon(true);
        return made;
    });

    LifecycleThread(Logger logger) {
        this.logger = logger;
        // A change due later (a retry, a stand-in's end) is moot once the kernel stops: stopping must not wait for it
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Acts on a change in turn; a change that fails is logged, and the next one runs all the same. */
    void submit(Runnable change) {
        try {
            executor.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    logger.error("backend lifecycle change failed", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The kernel has stopped: DS unbinds references and ConfigAdmin may call after deactivation
        }
    }

    /** Acts on a change in turn, {@code delaySeconds} from now. */
    void submitLater(Runnable change, long delaySeconds) {
        try {
            executor.schedule(() -> submit(change), delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            // the kernel is stopping
        }
    }

    /** Runs the task in turn; the caller waits on the future, and sees its failure there. */
    <T> Future<T> call(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * Waits until every change reported so far has been acted on. Returns at once on this thread: a listener told
     * of a change from here runs after everything before it was acted on, and waiting would never end.
     */
    void settle() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            executor.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("backend lifecycle did not settle", e);
        }
    }

    /** Takes no more changes and waits (bounded) for the thread to end. */
    void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
