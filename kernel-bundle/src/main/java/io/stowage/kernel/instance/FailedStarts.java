package io.stowage.kernel.instance;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.ComponentException;

/**
 * Failed starts in a row, per configuration name, and the retry after each: a failed start may pass (a folder still
 * being released, a service coming back), so the next try waits 1, 2, 4 ... up to 30 seconds. Touched only on the
 * lifecycle thread.
 */
final class FailedStarts {

    private final Map<String, Integer> inARow = new HashMap<>();
    private final LifecycleThread lifecycle;
    private final Runnable retry;

    /** {@code retry} runs on the lifecycle thread after each failure, once its delay is over. */
    FailedStarts(LifecycleThread lifecycle, Runnable retry) {
        this.lifecycle = lifecycle;
        this.retry = retry;
    }

    /** The configuration's start failed: try again later, backing off. */
    void retryLater(String name) {
        int failures = inARow.merge(name, 1, Integer::sum);
        long delaySeconds = Math.min(30, 1L << Math.min(failures - 1, 5));
        lifecycle.submitLater(retry, delaySeconds);
    }

    /** The configuration started: the next failure waits the shortest time again. */
    void started(String name) {
        inARow.remove(name);
    }

    /** What an operator reads of a failed start: SCR's exception for a failed constructor carries no cause. */
    static String reason(RuntimeException e) {
        Throwable root = rootCause(e);
        if (root instanceof ComponentException) {
            return root + " (the extension's own exception is logged just before this)";
        }
        return root.toString();
    }

    /** SCR wraps what a backend's constructor threw; the innermost cause is what an operator needs. */
    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
