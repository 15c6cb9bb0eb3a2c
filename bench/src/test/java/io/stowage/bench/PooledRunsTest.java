package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PooledRunsTest {

    @Test
    void aPooledLineGivesTheRunsTheirMediansAndEveryRound() {
        List<RunFile> runs = List.of(run(0.87, 8), run(0.91, 8), run(0.93, 8));
        List<PairedLine> lines = PooledRuns.pool(runs);
        assertEquals(List.of("lmdb.get", "alloc.lmdb.get", "redis.get.kernel-vs-jedis"),
                lines.stream().map(PairedLine::name).toList());
        String text = lines.get(0).text();
        assertTrue(text.matches("lmdb\\.get: ratio=0\\.9\\d\\d ci=\\[0\\.\\d{3},0\\.\\d{3}] runs=3 pairs=150 "
                + "per-run=\\[0\\.87\\d,0\\.91\\d,0\\.93\\d] goal>=0\\.90 not met"), text);
        assertEquals("alloc.lmdb.get: kernel-raw=+8.0 ci=[+8.0,+8.0] B/op runs=3 pairs=150 per-run=[+8.0,+8.0,+8.0] "
                + "goal<=+48 met", lines.get(1).text());
        assertTrue(lines.get(2).text().endsWith("runs=3 rounds=150 per-run=[1.000,1.000,1.000] (report)"),
                lines.get(2).text());
    }

    @Test
    void aRatioGoalIsMetOnlyWhenThePooledLowerBoundClearsIt() {
        PairedLine apart = PooledRuns.pool(List.of(run(0.86, 8), run(0.95, 8), run(0.97, 8))).get(0);
        assertTrue(apart.interval().median() > 0.90 && apart.interval().lower() < 0.90, apart::text);
        assertFalse(apart.met(), apart::text);
        PairedLine together = PooledRuns.pool(List.of(run(0.95, 8), run(0.96, 8), run(0.97, 8))).get(0);
        assertTrue(together.met(), together::text);
    }

    @Test
    void anAllocationGoalIsMetOnlyWhenThePooledUpperBoundStaysUnderIt() {
        PairedLine over = PooledRuns.pool(List.of(run(0.9, 8), run(0.9, 40), run(0.9, 56))).get(1);
        assertTrue(over.interval().median() <= 48 && over.interval().upper() > 48, over::text);
        assertFalse(over.met(), over::text);
    }

    @Test
    void aCostGoalIsACeilingOnThePooledUpperBound() {
        List<RunFile> runs = List.of(1.30, 1.35, 1.40).stream().map(cost -> new RunFile("h", List.of(new LineSamples(
                "tx.memory.1r1w-vs-replace", PairedLine.Unit.COST, "cost", "pairs", 1.5, new double[] {cost,
                        cost + 0.01, cost - 0.01})))).toList();
        PairedLine line = PooledRuns.pool(runs).get(0);
        assertTrue(line.met(), line::text);
        assertTrue(line.text().endsWith("per-run=[1.300,1.350,1.400] goal<=1.50 met"), line::text);
    }

    @Test
    void runsOfDifferentComparisonsAreNotPooled() {
        RunFile other = new RunFile("h", List.of(run(0.9, 8).lines().get(0)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PooledRuns.pool(List.of(run(0.9, 8), other)));
        assertTrue(refused.getMessage().contains("run 2"), refused::getMessage);
    }

    /** 50 rounds of lmdb.get around {@code ratio} (±2%), its allocation difference, and a report line. */
    private static RunFile run(double ratio, double extraBytes) {
        SplittableRandom random = new SplittableRandom((long) (ratio * 1000 + extraBytes));
        double[] ratios = new double[50];
        double[] bytes = new double[50];
        double[] ones = new double[50];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ratio * (0.98 + 0.04 * random.nextDouble());
            bytes[i] = extraBytes;
            ones[i] = 1;
        }
        return new RunFile("paired: test", List.of(
                new LineSamples("lmdb.get", PairedLine.Unit.RATIO, "ratio", "pairs", 0.90, ratios),
                new LineSamples("alloc.lmdb.get", PairedLine.Unit.BYTES_PER_OPERATION, "kernel-raw", "pairs", 48,
                        bytes),
                new LineSamples("redis.get.kernel-vs-jedis", PairedLine.Unit.RATIO, "ratio", "rounds", Double.NaN,
                        ones)));
    }
}
