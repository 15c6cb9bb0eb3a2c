package io.stowage.api;

/**
 * Which index keys a {@link StoreIndex} lookup matches: one key exactly, those starting with a prefix, or the range
 * {@code [fromInclusive, toExclusive)} in unsigned UTF-8 byte order.
 *
 * @param fromInclusive the first index key matched; {@code null} for the index's start
 * @param toExclusive   the index key just past the match; {@code null} for the index's end
 * @param exact         whether only {@code fromInclusive} itself matches
 * @param prefix        whether every index key starting with {@code fromInclusive} matches (and nothing else)
 * @since 1.4
 */
public record IndexQuery(String fromInclusive, String toExclusive, boolean exact, boolean prefix) {

    public IndexQuery {
        if ((exact || prefix) && (fromInclusive == null || toExclusive != null)) {
            throw new InvalidInputException("an exact or prefix index query names one index key and no upper bound");
        }
        if (exact && prefix) {
            throw new InvalidInputException("an index query is exact or by prefix, not both");
        }
    }

    /** The store keys whose values give exactly this index key. */
    public static IndexQuery exact(String indexKey) {
        return new IndexQuery(require(indexKey, "index key"), null, true, false);
    }

    /** The store keys whose values give an index key starting with {@code prefix} (the empty prefix: all). */
    public static IndexQuery prefix(String prefix) {
        return new IndexQuery(require(prefix, "prefix"), null, false, true);
    }

    /** The store keys whose values give an index key in {@code [fromInclusive, toExclusive)}; null for no bound. */
    public static IndexQuery range(String fromInclusive, String toExclusive) {
        return new IndexQuery(fromInclusive, toExclusive, false, false);
    }

    /** Every entry of the index. */
    public static IndexQuery all() {
        return range(null, null);
    }

    private static String require(String value, String what) {
        if (value == null) {
            throw new InvalidInputException("the " + what + " of an index query must not be null");
        }
        return value;
    }
}
