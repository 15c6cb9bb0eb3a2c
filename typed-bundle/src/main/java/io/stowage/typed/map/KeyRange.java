package io.stowage.typed.map;

/**
 * The key texts a map view covers, with bounds as {@link java.util.TreeMap}'s views have them: each end open
 * ({@code null}) or bounded, inclusive or not.
 */
record KeyRange(String low, boolean lowInclusive, String high, boolean highInclusive) {

    static final KeyRange ALL = new KeyRange(null, false, null, false);

    boolean unbounded() {
        return low == null && high == null;
    }

    boolean tooLow(String key) {
        if (low == null) {
            return false;
        }
        int c = KeyOrder.compare(key, low);
        return c < 0 || c == 0 && !lowInclusive;
    }

    boolean tooHigh(String key) {
        if (high == null) {
            return false;
        }
        int c = KeyOrder.compare(key, high);
        return c > 0 || c == 0 && !highInclusive;
    }

    boolean contains(String key) {
        return !tooLow(key) && !tooHigh(key);
    }

    /** Whether the key is within the range with both ends taken as inclusive (TreeMap's check of a view's bounds). */
    private boolean containsClosed(String key) {
        return (low == null || KeyOrder.compare(key, low) >= 0) && (high == null || KeyOrder.compare(key, high) <= 0);
    }

    /** Where a scan of the range starts (inclusive); an exclusive low end is skipped by the reader. */
    String scanFrom() {
        return low;
    }

    /** Where a scan of the range ends (exclusive), or {@code null} to let the reader stop at the high end. */
    String scanTo() {
        if (high == null) {
            return null;
        }
        return highInclusive ? KeyOrder.successor(high) : high;
    }

    /**
     * The view of this range between the bounds ({@code null}: this range's own end), which must lie within it.
     *
     * @throws IllegalArgumentException if a bound is out of this range or the low bound is above the high one
     */
    KeyRange view(String from, boolean fromInclusive, String to, boolean toInclusive) {
        if (from != null && to != null && KeyOrder.compare(from, to) > 0) {
            throw new IllegalArgumentException("fromKey > toKey");
        }
        if (from != null && !(fromInclusive ? contains(from) : containsClosed(from))) {
            throw new IllegalArgumentException("fromKey out of range");
        }
        if (to != null && !(toInclusive ? contains(to) : containsClosed(to))) {
            throw new IllegalArgumentException("toKey out of range");
        }
        return new KeyRange(from == null ? low : from, from == null ? lowInclusive : fromInclusive,
                to == null ? high : to, to == null ? highInclusive : toInclusive);
    }

    /** This range cut to the bounds ({@code null}: no cut at that end), without checks: may be empty. */
    KeyRange cut(String from, boolean fromInclusive, String to, boolean toInclusive) {
        String newLow = low;
        boolean newLowInclusive = lowInclusive;
        if (from != null) {
            int c = low == null ? 1 : KeyOrder.compare(from, low);
            if (c > 0 || c == 0 && !fromInclusive) {
                newLow = from;
                newLowInclusive = fromInclusive;
            }
        }
        String newHigh = high;
        boolean newHighInclusive = highInclusive;
        if (to != null) {
            int c = high == null ? -1 : KeyOrder.compare(to, high);
            if (c < 0 || c == 0 && !toInclusive) {
                newHigh = to;
                newHighInclusive = toInclusive;
            }
        }
        return new KeyRange(newLow, newLowInclusive, newHigh, newHighInclusive);
    }
}
