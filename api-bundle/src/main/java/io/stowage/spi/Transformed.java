package io.stowage.spi;

import java.util.Objects;

/**
 * What a {@link TransformStep} made of a value: its own header, written in the value's header and handed back to
 * {@link ValueTransform#decode} (at most 255 bytes: a key id, a nonce; empty if the step needs none), and the data.
 */
public record Transformed(byte[] header, byte[] data) {

    /** The most bytes a step's own header may hold. */
    public static final int MAX_HEADER = 255;

    public Transformed {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
        if (header.length > MAX_HEADER) {
            throw new IllegalArgumentException("a transform step's header holds at most " + MAX_HEADER
                    + " bytes, not " + header.length);
        }
    }
}
