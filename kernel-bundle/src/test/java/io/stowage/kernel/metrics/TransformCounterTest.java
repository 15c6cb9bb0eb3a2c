package io.stowage.kernel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.stowage.admin.TransformCounts;

class TransformCounterTest {

    @Test
    void timesTheFirstOfEverySixteenValuesOfAThreadAndCountsEveryValue() {
        TransformCounter counter = new TransformCounter();
        int timed = 0;
        for (int i = 0; i < 2 * TransformCounter.TIMED_ONE_IN; i++) {
            long started = counter.encodeStarts();
            if (started != TransformCounter.NOT_TIMED) {
                timed++;
                assertEquals(0, i % TransformCounter.TIMED_ONE_IN, "value " + i + " is timed");
            }
            counter.encoded(100, 40, false, started);
        }
        assertEquals(2, timed);
        TransformCounts counts = counter.snapshot();
        assertEquals(2L * TransformCounter.TIMED_ONE_IN, counts.encoded());
        assertEquals(200L * TransformCounter.TIMED_ONE_IN, counts.encodedBytesIn());
        assertEquals(80L * TransformCounter.TIMED_ONE_IN, counts.encodedBytesOut());
        assertEquals(0, counts.encodeNanos() % TransformCounter.TIMED_ONE_IN,
                "a timed value's time counts for the values not timed");
    }

    @Test
    void aTimedValueCountsItsTimeForTheValuesNotTimed() {
        TransformCounter counter = new TransformCounter();
        long started = counter.decodeStarts();
        assertNotEquals(TransformCounter.NOT_TIMED, started, "a thread's first value is timed");
        long before = System.nanoTime();
        while (System.nanoTime() - before < 1_000_000) {
            Thread.onSpinWait();
        }
        counter.decoded(40, 100, started);
        TransformCounts counts = counter.snapshot();
        assertTrue(counts.decodeNanos() >= 1_000_000L * TransformCounter.TIMED_ONE_IN, counts.toString());
        assertEquals(1, counts.decoded());
    }
}
