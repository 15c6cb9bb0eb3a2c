package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MedianIntervalTest {

    @Test
    void medianOfOddAndEvenSamplesLeavesTheSampleAsItWas() {
        double[] odd = {3, 1, 2};
        assertEquals(2, MedianInterval.median(odd));
        assertEquals(3, odd[0]);
        assertEquals(2.5, MedianInterval.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] sample = noisyRatios(0.93, 150, 1);
        assertEquals(MedianInterval.of(sample, 2_000, 7), MedianInterval.of(sample, 2_000, 7));
    }

    @Test
    void theIntervalHoldsTheMedianAndTheTrueRatioOfASyntheticSample() {
        double[] sample = noisyRatios(0.93, 150, 2);
        MedianInterval interval = MedianInterval.of(sample, 2_000, 14);
        assertEquals(150, interval.samples());
        assertTrue(interval.lower() <= interval.median() && interval.median() <= interval.upper(), interval::toString);
        assertTrue(interval.lower() < 0.93 && 0.93 < interval.upper(), interval::toString);
        assertTrue(interval.upper() - interval.lower() < 0.05, interval::toString);
    }

    @Test
    void onlyTheLowerBoundDecidesTheGoal() {
        MedianInterval straddling = new MedianInterval(0.93, 0.89, 0.97, 150);
        assertFalse(straddling.meets(0.90), "a median above the goal is not enough");
        assertTrue(new MedianInterval(0.93, 0.90, 0.97, 150).meets(0.90));
        assertTrue(new MedianInterval(2.4, 2.1, 2.6, 150).meets(2.0));
    }

    @Test
    void anEmptySampleHasNoMedian() {
        assertThrows(IllegalArgumentException.class, () -> MedianInterval.of(new double[0], 10, 1));
    }

    /** Ratios around {@code center}, ±10% uniform noise, a few outliers far below as a noisy burst would make. */
    private static double[] noisyRatios(double center, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] sample = new double[count];
        for (int i = 0; i < count; i++) {
            sample[i] = i % 25 == 0 ? center / 2 : center * (0.9 + 0.2 * random.nextDouble());
        }
        return sample;
    }
}
