package io.stowage.kernel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The sampling's promise: every operation is timed while there are at most about 4,000 a second; a busier store
 * gets a few thousand timed a second, picked at random; and when it quietens, every operation is timed again from
 * its next timed operation on.
 */
class LatencySamplingTest {

    private static final long MILLI = 1_000_000;

    @Test
    void everyOperationIsTimedAtAModestRate() {
        LatencySampling sampling = new LatencySampling();
        long now = 0;
        for (int i = 0; i < 10_000; i++) {
            long started = sampling.start();
            assertNotEquals(LatencySampling.NOT_TIMED, started, "operation " + i);
            now += MILLI / 2; // 2,000 a second
            sampling.timed(now);
        }
        assertEquals(1, sampling.oneIn());
    }

    @Test
    void aShortBurstIsTimedWhole() {
        LatencySampling sampling = new LatencySampling();
        for (int i = 0; i < 40; i++) {
            assertNotEquals(LatencySampling.NOT_TIMED, sampling.start());
            sampling.timed(1_000L * i);
        }
        assertEquals(1, sampling.oneIn());
    }

    /** 3 million operations a second, as one thread reaches on the memory backend. */
    @Test
    void aBusyStoreIsSampledAtAFewThousandASecond() {
        LatencySampling sampling = new LatencySampling();
        long nanosPerOperation = 333;
        long timedInLastSecond = 0;
        long operations = 2 * 3_000_000L;
        for (long i = 0; i < operations; i++) {
            if (sampling.start() != LatencySampling.NOT_TIMED) {
                sampling.timed(i * nanosPerOperation);
                if (i >= operations / 2) {
                    timedInLastSecond++;
                }
            }
        }
        assertTrue(timedInLastSecond >= 1_000 && timedInLastSecond <= 4_500, "timed in a second: "
                + timedInLastSecond + " (1 in " + sampling.oneIn() + ")");
        assertTrue(sampling.oneIn() >= 512, "1 in " + sampling.oneIn());
    }

    @Test
    void samplesArePickedAtRandomAtTheStatedRate() {
        LatencySampling sampling = new LatencySampling();
        for (int i = 0; i < 41 * 4; i++) {
            sampling.timed(i); // four bursts of more than 40 within a period: 1 in 16
        }
        assertEquals(16, sampling.oneIn());
        int timed = 0;
        int calls = 160_000;
        for (int i = 0; i < calls; i++) {
            if (sampling.start() != LatencySampling.NOT_TIMED) {
                timed++;
            }
        }
        assertTrue(Math.abs(timed - calls / 16) < calls / 16 / 10, "timed " + timed + " of " + calls);
    }

    @Test
    void aStoreThatQuietensIsTimedWholeAgainAfterItsNextTimedOperation() {
        LatencySampling sampling = new LatencySampling();
        long now = 0;
        for (int i = 0; i < 3_000_000; i++) {
            now += 333;
            if (sampling.start() != LatencySampling.NOT_TIMED) {
                sampling.timed(now);
            }
        }
        assertTrue(sampling.oneIn() >= 512, "1 in " + sampling.oneIn());
        // Then 100 operations a second: the first timed one, about 1,024 operations on, sees the rate
        int operations = 0;
        while (sampling.oneIn() > 1 && operations < 20_000) {
            now += 10 * MILLI;
            operations++;
            if (sampling.start() != LatencySampling.NOT_TIMED) {
                sampling.timed(now);
            }
        }
        assertEquals(1, sampling.oneIn(), "still sampling after " + operations + " quiet operations");
    }

    @Test
    void neverFewerThanOneIn1024() {
        LatencySampling sampling = new LatencySampling();
        for (int i = 0; i < 10_000; i++) {
            sampling.timed(i);
        }
        assertEquals(1_024, sampling.oneIn());
    }
}
