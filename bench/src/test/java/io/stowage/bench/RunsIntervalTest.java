package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RunsIntervalTest {

    @Test
    void theSameSeedGivesTheSameInterval() {
        List<double[]> runs = runs(0.85, 0.90, 0.95);
        assertEquals(RunsInterval.of(runs, 2_000, 14), RunsInterval.of(runs, 2_000, 14));
    }

    @Test
    void runsWithDifferentMediansGiveAWiderIntervalThanTheBootstrapOfTheirRounds() {
        // As six 20 s runs of lmdb.get did: medians 0.83 to 0.93, each run's own interval about ±0.02
        List<double[]> runs = runs(0.83, 0.85, 0.87, 0.89, 0.91, 0.93);
        MedianInterval twoLevel = RunsInterval.of(runs, 2_000, 14);
        MedianInterval rounds = MedianInterval.of(pooled(runs), 2_000, 14);
        MedianInterval oneRun = MedianInterval.of(runs.get(0), 2_000, 14);
        String both = twoLevel + " against " + rounds + " and one run's " + oneRun;
        assertEquals(300, twoLevel.samples());
        assertEquals(rounds.median(), twoLevel.median(), "the median is the pooled rounds' median");
        assertTrue(width(twoLevel) > 2 * width(rounds), both);
        assertTrue(width(twoLevel) > 2 * width(oneRun), both);
        assertTrue(twoLevel.lower() < 0.87 && twoLevel.upper() > 0.89, both);
    }

    @Test
    void aGoalThePooledRoundsClearIsNotMetWhenTwoOfFiveRunsFallBelowIt() {
        List<double[]> runs = runs(0.86, 0.87, 0.95, 0.97, 0.99);
        MedianInterval rounds = MedianInterval.of(pooled(runs), 2_000, 14);
        MedianInterval twoLevel = RunsInterval.of(runs, 2_000, 14);
        assertTrue(rounds.meets(0.90), rounds::toString);
        assertFalse(twoLevel.meets(0.90), twoLevel::toString);
    }

    @Test
    void runsOfTheSameDistributionGiveAnIntervalCloseToTheBootstrapOfTheirRounds() {
        List<double[]> runs = runs(0.90, 0.90, 0.90, 0.90, 0.90);
        MedianInterval twoLevel = RunsInterval.of(runs, 2_000, 14);
        MedianInterval rounds = MedianInterval.of(pooled(runs), 2_000, 14);
        // Drawing the runs again adds some width even when they agree (the within-run noise is counted at both
        // levels), but not much more than a third of it
        double widening = width(twoLevel) / width(rounds);
        assertTrue(widening > 0.8 && widening < 1.8, twoLevel + " against " + rounds);
        assertTrue(twoLevel.lower() < 0.90 && 0.90 < twoLevel.upper(), twoLevel::toString);
    }

    @Test
    void oneRunGivesTheIntervalOfItsOwnBootstrap() {
        double[] run = runs(0.90).get(0);
        MedianInterval twoLevel = RunsInterval.of(List.of(run), 2_000, 14);
        MedianInterval single = MedianInterval.of(run, 2_000, 14);
        assertEquals(single.median(), twoLevel.median());
        assertEquals(single.lower(), twoLevel.lower(), width(single) / 5, twoLevel + " against " + single);
        assertEquals(single.upper(), twoLevel.upper(), width(single) / 5, twoLevel + " against " + single);
    }

    @Test
    void eachRunsMedianInTheOrderOfTheRuns() {
        assertArrayEquals(new double[] {2, 10.5}, RunsInterval.medians(List.of(new double[] {3, 1, 2},
                new double[] {10, 11})));
    }

    @Test
    void noRunsOrARunWithoutRoundsHaveNoMedian() {
        assertThrows(IllegalArgumentException.class, () -> RunsInterval.of(List.of(), 10, 1));
        assertThrows(IllegalArgumentException.class, () -> RunsInterval.of(List.of(new double[] {1},
                new double[0]), 10, 1));
    }

    /** 50 rounds a run around each center, ±4% uniform noise: a 20 s run's interval is then about ±0.02. */
    private static List<double[]> runs(double... centers) {
        SplittableRandom random = new SplittableRandom(7);
        List<double[]> runs = new ArrayList<>();
        for (double center : centers) {
            double[] rounds = new double[50];
            for (int i = 0; i < rounds.length; i++) {
                rounds[i] = center * (0.96 + 0.08 * random.nextDouble());
            }
            runs.add(rounds);
        }
        return runs;
    }

    private static double[] pooled(List<double[]> runs) {
        return runs.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    private static double width(MedianInterval interval) {
        return interval.upper() - interval.lower();
    }
}
