package io.stowage.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void closeWaitsForRunningOperationsAndLetsNoNewOneIn() throws Exception {
        InFlight inFlight = new InFlight();
        assertTrue(inFlight.enter());
        CountDownLatch closing = new CountDownLatch(1);
        long[] waitedMillis = {0};
        boolean[] drained = {false};
        Thread closer = new Thread(() -> {
            closing.countDown();
            long started = System.nanoTime();
            drained[0] = inFlight.close(5_000);
            waitedMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        });
        closer.start();
        closing.await();
        Thread.sleep(200);
        assertTrue(closer.isAlive(), "close returned while an operation ran");
        assertFalse(inFlight.enter(), "a new operation got in while closing");
        inFlight.exit();
        closer.join(5_000);
        assertTrue(drained[0]);
        assertTrue(waitedMillis[0] >= 150, "waited " + waitedMillis[0] + " ms");
        assertEquals(0, inFlight.running());
    }

    @Test
    void closeGivesUpAfterItsTimeout() {
        InFlight inFlight = new InFlight();
        inFlight.enter();
        long started = System.nanoTime();
        assertFalse(inFlight.close(100));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waited >= 100 && waited < 2_000, "waited " + waited + " ms");
        assertEquals(1, inFlight.running());
        assertTrue(inFlight.isClosed());
    }
}
