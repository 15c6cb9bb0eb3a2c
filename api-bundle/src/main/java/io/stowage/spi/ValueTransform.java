package io.stowage.spi;

import java.util.Arrays;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A value-transform extension (compression, encryption): an OSGi service of this interface, registered by a DS
 * component of the extension's bundle (configured through ConfigAdmin and described by Metatype where it has
 * settings), with the service property {@link #TYPE} equal to {@link #type()}.
 *
 * <p>A store route names a chain of transforms with their parameters, e.g. {@code transforms = zstd(level=3),
 * aes-gcm(key=main)}. The kernel {@linkplain #bind binds} each to its parameters, applies the chain to every value
 * written to a matching store, and writes before the result a short header naming each step's type, format version
 * and {@linkplain Transformed#header() own header} (a key id, say). A read undoes the steps by that header alone, in
 * reverse order, so <strong>reading never depends on the current configuration</strong>: changing a store's chain
 * applies to new writes only.
 *
 * <p>The transform's version is its bundle's. While several versions of a type are registered, new writes use the
 * highest, and a read uses any that {@linkplain #reads reads} the value's format version.
 */
@ConsumerType
public interface ValueTransform {

    /** Service property: the transform's type, as {@link #type()} returns it. */
    String TYPE = "stowage.transform.type";

    /**
     * The type, which is also the id written with every value this transform changed, so it never changes: 1 to 32
     * characters, lower-case ASCII letters, digits and dashes, such as {@code lz4}, {@code zstd} or {@code aes-gcm}.
     */
    String type();

    /** The format version new values are written in, 1 to 255. */
    int formatVersion();

    /** Whether {@link #decode} reads values written in this format version (every earlier one it ever wrote). */
    boolean reads(int formatVersion);

    /**
     * Whether this transform only makes values smaller (a compression): a store's minimum transform size lets the
     * kernel skip it for short values, where its frame outweighs what it saves. Every other transform (an
     * encryption, say) is applied to every value, however short, so that no value is ever left in clear because of
     * its size.
     */
    default boolean compresses() {
        return false;
    }

    /**
     * This transform bound to the parameters one store's chain gives it (empty when the chain names it bare).
     *
     * @throws IllegalArgumentException naming the parameter, when one is unknown or its value is not valid
     */
    TransformStep bind(Map<String, String> parameters);

    /**
     * Undoes what a step of this type did to a value.
     *
     * @param formatVersion the format version the value was written in, one this transform {@linkplain #reads reads}
     * @param header        what the step wrote as its own header (empty if nothing)
     * @param data          the step's output
     * @param identity      the value's namespace, store and key, as they were when it was written
     * @throws io.stowage.api.CorruptValueException         if the data is not what the step wrote (truncated,
     *                                                      altered, or authenticated under another identity)
     * @throws io.stowage.api.TransformUnavailableException if something it needs is missing (the key a value was
     *                                                      encrypted with, say)
     */
    byte[] decode(int formatVersion, byte[] header, byte[] data, ValueIdentity identity);

    /**
     * As {@link #decode(int, byte[], byte[], ValueIdentity)}, with the step's output in {@code length} bytes of
     * {@code source} from {@code offset}: the kernel reads the last step applied straight out of the stored payload,
     * without copying it first. The default copies the range and calls the other method; a transform whose library
     * reads a range of an array (most compressors) overrides it to save that copy (since 1.6).
     */
    default byte[] decode(int formatVersion, byte[] header, byte[] source, int offset, int length,
            ValueIdentity identity) {
        byte[] data = offset == 0 && length == source.length ? source
                : Arrays.copyOfRange(source, offset, offset + length);
        return decode(formatVersion, header, data, identity);
    }
}
