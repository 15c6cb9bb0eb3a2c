package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.stowage.bench.SlicedRounds.Contender;

/**
 * How the paired benchmarks run a comparison: rounds of 200 ms slices for the measured time, after warm-up rounds (a
 * fifth of it, 2 to 10 s) thrown away so that the JIT compiles every side before any round counts; and how they end,
 * with the header, the report, the chart and the per-round samples for {@link PooledRuns}.
 */
final class WarmedRounds {

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final int seconds;
    private final AllThreadsAllocation allocation = new AllThreadsAllocation();

    /** @param seconds each comparison's measured time */
    WarmedRounds(int seconds) {
        this.seconds = seconds;
    }

    int warmUpSeconds() {
        return Math.min(10, Math.max(2, seconds / 5));
    }

    /** The warm-up rounds, then the measured rounds, whose samples it returns. */
    SlicedRounds.Samples run(List<Contender> sides) {
        SlicedRounds rounds = new SlicedRounds(System::nanoTime, allocation, Paired.SEED, SLICE_NANOS);
        rounds.run(sides, TimeUnit.SECONDS.toNanos(warmUpSeconds()));
        return rounds.run(sides, TimeUnit.SECONDS.toNanos(seconds));
    }

    /**
     * Prints the header and the report below it, draws the lines' chart (titled {@code subtitle}) to each target if
     * there are lines, and writes their samples to {@code samplesFile} unless it is null.
     */
    static void finish(String header, List<String> report, List<PairedLine> lines, String subtitle,
            List<Path> charts, List<LineSamples> samples, Path samplesFile) throws IOException {
        System.out.println();
        System.out.println(header);
        report.forEach(System.out::println);
        if (!lines.isEmpty()) {
            PairedChart.write(lines, subtitle, charts);
            charts.forEach(chart -> System.out.println("chart: " + chart));
        }
        if (samplesFile != null) {
            new RunFile(header, samples).write(samplesFile);
            System.out.println("samples: " + samplesFile);
        }
    }
}
