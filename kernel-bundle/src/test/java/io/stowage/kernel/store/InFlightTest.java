package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The wait for earlier operations ends under constant load, and waits for every operation that began before it. */
class InFlightTest {

    private final InFlight inFlight = new InFlight();

    @Test
    void aWaitEndsWhileNewOperationsKeepComing() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> operations = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread operation = new Thread(() -> {
                while (!stop.get()) {
                    int slot = inFlight.enter();
                    Thread.onSpinWait();
                    inFlight.exit(slot);
                }
            });
            operation.start();
            operations.add(operation);
        }
        try {
            for (int i = 0; i < 100; i++) {
                assertTrue(inFlight.awaitEarlier(5_000), "wait " + i + " ended");
            }
        } finally {
            stop.set(true);
            for (Thread operation : operations) {
                operation.join();
            }
        }
    }

    @Test
    void aWaitWaitsForAnOperationThatBeganBeforeItAndALaterWaitToo() {
        int early = inFlight.enter();
        assertFalse(inFlight.awaitEarlier(20));
        int later = inFlight.enter();
        // The first wait timed out with the early operation still in: the next one waits for it as well
        assertFalse(inFlight.awaitEarlier(20));
        inFlight.exit(early);
        assertFalse(inFlight.awaitEarlier(20), "the later operation is still in");
        inFlight.exit(later);
        assertTrue(inFlight.awaitEarlier(20));
    }
}
