package io.stowage.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The median of a sample and its 95% percentile-bootstrap confidence interval: the 2.5th and 97.5th percentiles of
 * the medians of {@code resamples} resamples drawn with replacement, from a fixed seed so that the same sample
 * always gives the same interval.
 */
record MedianInterval(double median, double lower, double upper, int samples) {

    static final int RESAMPLES = 2_000;

    static MedianInterval of(double[] sample, int resamples, long seed) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no samples to take the median of");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] resample = new double[sample.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < resample.length; i++) {
                resample[i] = sample[random.nextInt(sample.length)];
            }
            medians[r] = median(resample);
        }
        Arrays.sort(medians);
        return new MedianInterval(median(sample), percentile(medians, 0.025), percentile(medians, 0.975),
                sample.length);
    }

    /** The middle value, or the mean of the two middle values of an even-sized sample; the argument is not changed. */
    static double median(double[] sample) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Linear interpolation between the closest ranks of a sorted array. */
    static double percentile(double[] sorted, double fraction) {
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** A goal is met only when the whole interval clears it, not when the median alone does. */
    boolean meets(double goal) {
        return lower >= goal;
    }
}
