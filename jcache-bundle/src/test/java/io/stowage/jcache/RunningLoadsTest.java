package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class RunningLoadsTest {

    private final RunningLoads loads = new RunningLoads();

    @Test
    void aWaitEndsWhenTheLastRunningLoadDoes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean loadEnded = new AtomicBoolean();
        loads.start(() -> {
            await(release);
            loadEnded.set(true);
        });
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> loads.awaitAll(30_000));
        assertFalse(loads.awaitAll(0), "the load still runs");
        release.countDown();
        assertTrue(waited.get(30, TimeUnit.SECONDS));
        assertTrue(loadEnded.get(), "the wait returned before the load ended");
    }

    @Test
    void aLoadThatHangsIsLeftAfterTheTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        loads.start(() -> await(release));
        try {
            assertFalse(loads.awaitAll(20));
        } finally {
            release.countDown();
        }
        assertTrue(loads.awaitAll(30_000));
    }

    /** A completion listener that closes the cache waits from inside its own load, which cannot end before it. */
    @Test
    void aLoadWaitingForTheOthersDoesNotWaitForItself() throws Exception {
        CompletableFuture<Boolean> waitedInside = new CompletableFuture<>();
        loads.start(() -> waitedInside.complete(loads.awaitAll(30_000)));
        assertTrue(waitedInside.get(10, TimeUnit.SECONDS));
        assertTrue(loads.awaitAll(30_000));
    }

    @Test
    void nothingStartedIsNothingToWaitFor() {
        assertTrue(loads.awaitAll(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
