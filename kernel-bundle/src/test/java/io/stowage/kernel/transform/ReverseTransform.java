package io.stowage.kernel.transform;

import java.nio.ByteBuffer;
import java.util.Map;

import io.stowage.api.CorruptValueException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * A test transform: reverses the bytes and keeps a tag of the identity in its header, so a value read under another
 * identity is a {@link CorruptValueException}; its type and format version are chosen at construction. A
 * {@link #keeping} one never changes a value, as a compressor does with data it cannot shrink; it and a
 * {@link #compressing} one say they {@linkplain ValueTransform#compresses() compress}.
 */
public final class ReverseTransform implements ValueTransform {

    private final String type;
    private final int formatVersion;
    private final boolean keeps;
    private final boolean compresses;

    public ReverseTransform(String type, int formatVersion) {
        this(type, formatVersion, false, false);
    }

    private ReverseTransform(String type, int formatVersion, boolean keeps, boolean compresses) {
        this.type = type;
        this.formatVersion = formatVersion;
        this.keeps = keeps;
        this.compresses = compresses;
    }

    /** A transform of this type whose steps keep every value as it is. */
    public static ReverseTransform keeping(String type) {
        return new ReverseTransform(type, 1, true, true);
    }

    /** A transform of this type that changes every value but says it compresses, so short values skip it. */
    public static ReverseTransform compressing(String type) {
        return new ReverseTransform(type, 1, false, true);
    }

    @Override
    public boolean compresses() {
        return compresses;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public int formatVersion() {
        return formatVersion;
    }

    @Override
    public boolean reads(int version) {
        return version >= 1 && version <= formatVersion;
    }

    @Override
    public TransformStep bind(Map<String, String> parameters) {
        if (parameters.containsKey("bad")) {
            throw new IllegalArgumentException("parameter 'bad' is not known");
        }
        if (keeps) {
            return (value, identity) -> null;
        }
        return (value, identity) -> new Transformed(ByteBuffer.allocate(4).putInt(identity.toString().hashCode())
                .array(), reverse(value));
    }

    @Override
    public byte[] decode(int version, byte[] header, byte[] data, ValueIdentity identity) {
        if (header.length != 4 || ByteBuffer.wrap(header).getInt() != identity.toString().hashCode()) {
            throw new CorruptValueException(identity + ": reverse header does not match the identity");
        }
        return reverse(data);
    }

    static byte[] reverse(byte[] value) {
        byte[] reversed = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            reversed[i] = value[value.length - 1 - i];
        }
        return reversed;
    }
}
