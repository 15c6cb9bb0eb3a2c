package io.stowage.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link TransformStep} made of a value: its own header, written in the value's header and handed back to
 * {@link ValueTransform#decode} (at most 255 bytes: a key id, a nonce; empty if the step needs none), and the data,
 * the first {@code length} bytes of {@code buffer}.
 *
 * <p>A step that writes into a buffer sized for its worst case (a compressor's bound) hands it over with the length
 * it wrote, and the kernel copies those bytes once into the stored value, instead of the step copying them to an
 * array of their own first (since 1.8; before, the data was always a whole array).
 *
 * @param header the step's own header; the kernel never modifies it, so a step may hand over the same one each time
 * @param buffer the data from index 0, possibly followed by unused bytes; the kernel never modifies it
 * @param length how many bytes of {@code buffer} are the data
 */
public record Transformed(byte[] header, byte[] buffer, int length) {

    /** The most bytes a step's own header may hold. */
    public static final int MAX_HEADER = 255;

    public Transformed {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(buffer, "buffer");
        if (header.length > MAX_HEADER) {
            throw new IllegalArgumentException("a transform step's header holds at most " + MAX_HEADER
                    + " bytes, not " + header.length);
        }
        if (length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("a transform step's data length must be 0 to its buffer's "
                    + buffer.length + " bytes, not " + length);
        }
    }

    /** The whole array is the data. */
    public Transformed(byte[] header, byte[] data) {
        this(header, data, Objects.requireNonNull(data, "data").length);
    }

    /**
     * The data in an array of its own: {@code buffer} itself when it holds nothing else, else a copy.
     */
    public byte[] data() {
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }
}
