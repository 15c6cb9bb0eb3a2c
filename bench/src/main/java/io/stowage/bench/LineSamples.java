package io.stowage.bench;

import java.util.Arrays;

/**
 * The per-round samples one line of the paired report was taken from, with what pooling runs needs to print the
 * line again: what the sample is ({@code ratio}, {@code lead}, {@code kernel-raw}), what a round is called there
 * ({@code pairs} or {@code rounds}), and the goal (NaN when the line only reports).
 */
record LineSamples(String name, PairedLine.Unit unit, String measure, String counted, double goal, double[] values) {

    LineSamples {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " has no samples");
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LineSamples that && name.equals(that.name) && unit == that.unit
                && measure.equals(that.measure) && counted.equals(that.counted)
                && Double.compare(goal, that.goal) == 0 && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + " " + unit + " " + measure + " " + counted + " goal " + goal + " "
                + Arrays.toString(values);
    }
}
