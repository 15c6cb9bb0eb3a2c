package io.stowage.admin;

/**
 * What a store's transform chain did since the kernel started: the values its writes sent through the chain and
 * the bytes before and after, the transformed values its reads decoded, and the time spent in the transforms. Values
 * written to a store whose route names no chain, and plain values read, are not counted: they never reach a
 * transform.
 *
 * @param encoded         values written through the chain
 * @param storedPlain     of those, values stored as they were: shorter than the chain's minimum size, or left as
 *                        they were by every step (a compression that could not shrink them)
 * @param encodedBytesIn  bytes of the values written through the chain, before it
 * @param encodedBytesOut bytes stored for them: the transformed payloads with their transform headers, and the plain
 *                        values as they were
 * @param encodeNanos     time spent in the chain on writes: an estimate, as the kernel times one value in 16 of each
 *                        thread and counts its time for all 16
 * @param decoded         transformed values read and decoded
 * @param decodedBytesIn  bytes of the transformed payloads read, with their transform headers
 * @param decodedBytesOut bytes of the values they decoded to
 * @param decodeNanos     time spent undoing the chain on reads, estimated in the same way
 * @since 1.3
 */
public record TransformCounts(long encoded, long storedPlain, long encodedBytesIn, long encodedBytesOut,
        long encodeNanos, long decoded, long decodedBytesIn, long decodedBytesOut, long decodeNanos) {

    /** A store whose values never went through a transform. */
    public static final TransformCounts NONE = new TransformCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Whether any value was encoded or decoded. */
    public boolean hasTraffic() {
        return encoded > 0 || decoded > 0;
    }

    /**
     * Bytes stored per byte written through the chain: below 1 when it compresses, above 1 when its headers (or an
     * encryption's nonce and tag) cost more than it saves; 1 when nothing was written through it.
     */
    public double ratio() {
        return encodedBytesIn == 0 ? 1.0 : (double) encodedBytesOut / encodedBytesIn;
    }

    /** Mean time to encode one value, in nanoseconds; 0 when none was encoded. */
    public long encodeNanosPerValue() {
        return encoded == 0 ? 0 : encodeNanos / encoded;
    }

    /** Mean time to decode one value, in nanoseconds; 0 when none was decoded. */
    public long decodeNanosPerValue() {
        return decoded == 0 ? 0 : decodeNanos / decoded;
    }
}
