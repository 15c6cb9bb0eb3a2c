package io.stowage.kernel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/**
 * Adds from many threads, none of them atomic, still sum exactly: while the threads run (each one's own array) and
 * after they ended (folded into one sum, and not counted twice when read again).
 */
class ThreadCountersTest {

    private static final int THREADS = 8;
    private static final int ADDS = 100_000;

    @Test
    void addsOfManyThreadsSumExactlyWhileTheyRunAndAfterTheyEnd() throws Exception {
        ThreadCounters counters = new ThreadCounters(2);
        CountDownLatch added = new CountDownLatch(THREADS);
        CountDownLatch end = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                long[] mine = counters.mine();
                for (int i = 0; i < ADDS; i++) {
                    ThreadCounters.add(mine, 0, 1);
                    counters.add(1, 3);
                }
                added.countDown();
                awaitQuietly(end);
            });
            threads.add(thread);
            thread.start();
        }
        added.await();
        // Every thread has added and waits, alive: the sums read their own arrays
        assertEquals((long) THREADS * ADDS, counters.sum(0));
        assertEquals(3L * THREADS * ADDS, counters.sum(1));

        end.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        counters.add(0, 5);
        assertEquals((long) THREADS * ADDS + 5, counters.sum(0), "the ended threads' counts are kept");
        assertEquals(3L * THREADS * ADDS, counters.sum(1), "and folded once, not again on a later read");
        assertEquals((long) THREADS * ADDS + 5, counters.sum(0));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
