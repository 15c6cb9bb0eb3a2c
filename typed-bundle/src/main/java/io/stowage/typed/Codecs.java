package io.stowage.typed;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.stowage.typed.codec.BytesCodec;
import io.stowage.typed.codec.InstantCodec;
import io.stowage.typed.codec.IntegerCodec;
import io.stowage.typed.codec.JsonCodec;
import io.stowage.typed.codec.LongCodec;
import io.stowage.typed.codec.StringCodec;
import io.stowage.typed.codec.UuidCodec;

/**
 * The built-in codecs. Each factory call returns a new, immutable codec; none holds state beyond its construction.
 */
public final class Codecs {

    private Codecs() {
    }

    /**
     * Strings as UTF-8; keys are the strings themselves, in Unicode code point order (which is the order of their
     * UTF-8 bytes, and differs from {@link String#compareTo} only between supplementary characters and U+E000 to
     * U+FFFF). Strings with a lone surrogate have no UTF-8 form and are refused.
     */
    public static Codec<String> strings() {
        return new StringCodec();
    }

    /** Longs, order-preserving (negative numbers included): keys are 16 hex digits with the sign bit flipped. */
    public static Codec<Long> longs() {
        return new LongCodec();
    }

    /** Integers, order-preserving (negative numbers included): keys are 8 hex digits with the sign bit flipped. */
    public static Codec<Integer> integers() {
        return new IntegerCodec();
    }

    /**
     * UUIDs; keys are the canonical lowercase text. Not order-preserving: the text sorts as unsigned 128-bit numbers,
     * {@link UUID#compareTo} as two signed longs.
     */
    public static Codec<UUID> uuids() {
        return new UuidCodec();
    }

    /** Instants to the nanosecond, order-preserving from {@link Instant#MIN} to {@link Instant#MAX}. */
    public static Codec<Instant> instants() {
        return new InstantCodec();
    }

    /**
     * Byte arrays; keys are two lowercase hex digits per byte, in {@link java.util.Arrays#compareUnsigned(byte[],
     * byte[])} order. A map finds byte-array keys by content, and its {@code replace(k, old, new)} and
     * {@code remove(k, v)} compare byte-array values by content.
     */
    public static Codec<byte[]> bytes() {
        return new BytesCodec();
    }

    /**
     * Records and plain classes as JSON through Jackson, with a mapper of the codec's own that resolves classes
     * through {@code type}'s class loader (the calling bundle's), never the thread's context loader. Unknown
     * properties are ignored and missing ones read as defaults, so a removed or added field reads fine.
     */
    public static <T> Codec<T> json(Class<T> type) {
        return new JsonCodec<>(Objects.requireNonNull(type, "type"));
    }
}
