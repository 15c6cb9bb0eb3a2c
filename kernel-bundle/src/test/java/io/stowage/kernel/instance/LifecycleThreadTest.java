package io.stowage.kernel.instance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.stowage.testlog.Loggers;

/** Stopping the lifecycle thread does not wait for changes due later (a retry, the end of a stand-in). */
class LifecycleThreadTest {

    @Test
    void stoppingDoesNotWaitForAChangeDueLater() {
        LifecycleThread lifecycle = new LifecycleThread(Loggers.silent());
        lifecycle.submitLater(() -> { }, 60);
        lifecycle.settle();
        long started = System.nanoTime();
        lifecycle.stop();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took < 5_000, "stopping took " + took + " ms");
    }
}
