package io.stowage.bench;

/**
 * One line of the paired report: what it compares, the median of its per-round samples with their 95% interval, the
 * goal it is held to (NaN when it only reports) and the text printed for it. A ratio's goal is a floor, met when the
 * interval's lower bound reaches it; a cost's and an allocation difference's goal is a ceiling, met when the upper
 * bound stays at or below it.
 */
record PairedLine(String name, Unit unit, MedianInterval interval, double goal, String text) {

    enum Unit {
        /** Kernel over the other side's rate, or raw Jedis over raw Lettuce: higher is better. */
        RATIO,
        /** Kernel's bytes allocated per operation minus the raw side's: lower is better. */
        BYTES_PER_OPERATION,
        /**
         * How many times as long an operation takes as a reference operation (the reference's rate over the
         * operation's, per round): lower is better.
         */
        COST
    }

    static PairedLine report(String name, MedianInterval interval, String text) {
        return new PairedLine(name, Unit.RATIO, interval, Double.NaN, text);
    }

    /** The same line with its printed text, once the verdict it states is known. */
    PairedLine withText(String printed) {
        return new PairedLine(name, unit, interval, goal, printed);
    }

    boolean hasGoal() {
        return !Double.isNaN(goal);
    }

    boolean met() {
        if (!hasGoal()) {
            throw new IllegalStateException(name + " only reports; it has no goal to meet");
        }
        return unit == Unit.RATIO ? interval.meets(goal) : interval.upper() <= goal;
    }
}
