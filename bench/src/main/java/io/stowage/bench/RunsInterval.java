package io.stowage.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The median of the rounds of several JVM runs pooled, and its 95% two-level (hierarchical) bootstrap interval: each
 * resample draws as many runs as there are, with replacement, then within each drawn run as many of its rounds as it
 * has, with replacement, and takes the median of all it drew; the interval is the 2.5th and 97.5th percentiles of
 * those medians, from a fixed seed. Drawing the runs is what lets the interval widen with the spread between JVMs
 * (JIT decisions, memory placement), which the rounds of any one run cannot show.
 */
final class RunsInterval {

    private RunsInterval() {
    }

    /** The pooled median and interval; {@link MedianInterval#samples()} counts the rounds of all runs. */
    static MedianInterval of(List<double[]> runs, int resamples, long seed) {
        if (runs.isEmpty() || runs.stream().anyMatch(run -> run.length == 0)) {
            throw new IllegalArgumentException("every run needs rounds to take the median of, and there must be one");
        }
        double[] pooled = runs.stream().flatMapToDouble(Arrays::stream).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[][] drawn = new double[runs.size()][];
        for (int r = 0; r < resamples; r++) {
            int size = 0;
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = runs.get(random.nextInt(runs.size()));
                size += drawn[i].length;
            }
            double[] resample = new double[size];
            int next = 0;
            for (double[] run : drawn) {
                for (int n = 0; n < run.length; n++) {
                    resample[next++] = run[random.nextInt(run.length)];
                }
            }
            medians[r] = MedianInterval.median(resample);
        }
        Arrays.sort(medians);
        return new MedianInterval(MedianInterval.median(pooled), MedianInterval.percentile(medians, 0.025),
                MedianInterval.percentile(medians, 0.975), pooled.length);
    }

    /** Each run's own median, in the order of the runs. */
    static double[] medians(List<double[]> runs) {
        return runs.stream().mapToDouble(MedianInterval::median).toArray();
    }
}
