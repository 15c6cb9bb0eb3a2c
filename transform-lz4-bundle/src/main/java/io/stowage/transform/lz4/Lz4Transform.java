package io.stowage.transform.lz4;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.stowage.api.CorruptValueException;
import io.stowage.api.Limits;
import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The {@code lz4} value transform: LZ4 block compression of a value, with its length and CRC32C before the block
 * ({@link OriginalValue}), applied only where it shrinks the value. Decoding checks both, so damaged data is a
 * {@link CorruptValueException}, never other bytes.
 *
 * <p>It runs on lz4-java's JNI implementation, whose library lz4-java (a bundle of its own) extracts to the temp
 * folder once per lz4-java revision, else in pure Java. Decoding uses only the bounds-checked safe decompressor.
 */
@Component(service = ValueTransform.class, configurationPid = Lz4Transform.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = ValueTransform.TYPE + "=" + Lz4Transform.TYPE)
@Designate(ocd = Lz4TransformConfig.class)
public final class Lz4Transform implements ValueTransform {

    static final String PID = "io.stowage.transform.lz4";
    static final String TYPE = "lz4";
    /** Length and CRC32C before the block, the length as a varint; the step has no header. */
    static final int FORMAT_VERSION = 2;
    /** Length and CRC32C as four-byte integers in the step's header: written until format 2, still read. */
    static final int FORMAT_WITH_HEADER = 1;
    private static final byte[] NO_HEADER = new byte[0];
    /** LZ4 expands a byte into at most about 255 (one length byte per 255 bytes of a match): a bound on the ratio. */
    static final int MAX_RATIO = 256;

    private final LZ4Factory lz4;
    private final LZ4SafeDecompressor decompressor;
    private final Lz4Level defaultLevel;
    private final Logger logger;
    private volatile boolean closed;

    @Activate
    public Lz4Transform(Lz4TransformConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this(implementation(config.implementation(), logger), Lz4Level.parse(config.level(), "default level"), logger);
    }

    /**
     * lz4-java's JNI implementation, or pure Java. Not {@code fastestInstance()}: outside the system class loader it
     * never tries JNI, so in a framework it always ran pure Java. Loading JNI here is safe across updates of this
     * bundle because the library belongs to lz4-java's class loader, which they do not change.
     */
    static LZ4Factory implementation(String name, Logger logger) {
        switch (name.trim()) {
            case "java":
                return LZ4Factory.safeInstance();
            case "native":
                try {
                    return LZ4Factory.nativeInstance();
                } catch (UnsupportedOperationException | UnsatisfiedLinkError | SecurityException e) {
                    logger.warn("lz4 runs in pure Java: lz4-java's JNI library does not load here ({})", e.toString());
                    return LZ4Factory.safeInstance();
                }
            default:
                throw new IllegalArgumentException("lz4 implementation must be native or java, not '" + name + "'");
        }
    }

    Lz4Transform(LZ4Factory lz4, Lz4Level defaultLevel, Logger logger) {
        this.lz4 = lz4;
        this.decompressor = lz4.safeDecompressor();
        this.defaultLevel = defaultLevel;
        this.logger = logger;
        logger.info("lz4 transform started on {} (default level {})", lz4, defaultLevel);
    }

    /** After this, steps bound from this instance refuse to work: a caller that kept one past the unbind learns so. */
    @Deactivate
    void close() {
        closed = true;
        logger.info("lz4 transform stopped");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int formatVersion() {
        return FORMAT_VERSION;
    }

    /** A compression: a store's minimum transform size lets short values skip it. */
    @Override
    public boolean compresses() {
        return true;
    }

    @Override
    public boolean reads(int formatVersion) {
        return formatVersion == FORMAT_VERSION || formatVersion == FORMAT_WITH_HEADER;
    }

    /** lz4-java's implementation this instance runs on: {@code LZ4Factory:JNI} or {@code LZ4Factory:JavaSafe}. */
    String implementation() {
        return lz4.toString();
    }

    @Override
    public TransformStep bind(Map<String, String> parameters) {
        Lz4Level level = defaultLevel;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!parameter.getKey().equals("level")) {
                throw new IllegalArgumentException("lz4 has no parameter '" + parameter.getKey()
                        + "': its only parameter is level (fast, high or 1 to " + Lz4Level.MAX_HIGH + ")");
            }
            level = Lz4Level.parse(parameter.getValue(), "level");
        }
        LZ4Compressor compressor = level.compressor(lz4);
        return (value, identity) -> compress(compressor, value, identity);
    }

    private Transformed compress(LZ4Compressor compressor, byte[] value, ValueIdentity identity) {
        checkOpen(identity);
        OriginalValue original = OriginalValue.of(value);
        int prefix = original.prefixLength();
        if (value.length <= prefix + 1) {
            return null;
        }
        // Room for LZ4's bound, not less: with less, LZ4 takes its slower path that checks the output at every step
        byte[] out = new byte[prefix + compressor.maxCompressedLength(value.length)];
        original.writePrefix(out);
        int length = prefix + compressor.compress(value, 0, value.length, out, prefix, out.length - prefix);
        // A compression that does not shrink the value is not kept
        return length < value.length ? new Transformed(NO_HEADER, out, length) : null;
    }

    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] data, ValueIdentity identity) {
        return decode(formatVersion, header, data, 0, data.length, identity);
    }

    /** Reads the block in place in the kernel's payload: no copy of the compressed bytes. */
    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] source, int offset, int size,
            ValueIdentity identity) {
        checkOpen(identity);
        if (formatVersion == FORMAT_WITH_HEADER) {
            OriginalValue original = OriginalValue.fromHeader(header);
            if (original == null) {
                throw corrupt(identity, "has a " + header.length + "-byte lz4 header, not "
                        + OriginalValue.FORMAT_1_HEADER_BYTES);
            }
            return decompress(original, source, offset, size, identity);
        }
        if (formatVersion != FORMAT_VERSION) {
            throw corrupt(identity, "is in format version " + formatVersion + ", which this lz4 transform (formats "
                    + FORMAT_WITH_HEADER + " and " + FORMAT_VERSION + ") does not read");
        }
        if (header.length != 0) {
            throw corrupt(identity, "has a " + header.length + "-byte lz4 header, where format 2 has none");
        }
        OriginalValue.Prefixed prefixed = OriginalValue.fromPrefix(source, offset, size);
        if (prefixed == null) {
            throw corrupt(identity, "has a truncated or damaged lz4 length and checksum before its block");
        }
        int block = prefixed.blockOffset();
        return decompress(prefixed.original(), source, block, size - (block - offset), identity);
    }

    private byte[] decompress(OriginalValue original, byte[] source, int offset, int size, ValueIdentity identity) {
        int length = original.length();
        // Checked before allocating, so a damaged length cannot make a read allocate gigabytes
        if (length < 0 || length > Limits.MAX_VALUE_BYTES || length > (long) size * MAX_RATIO) {
            throw corrupt(identity, "claims " + Integer.toUnsignedString(length) + " bytes decompressed from "
                    + size + " lz4 bytes (at most " + Limits.MAX_VALUE_BYTES + ")");
        }
        byte[] value = new byte[length];
        int decoded;
        try {
            decoded = decompressor.decompress(source, offset, size, value, 0, length);
        } catch (LZ4Exception | IndexOutOfBoundsException e) {
            throw new CorruptValueException(identity + ": its lz4 data is damaged (" + e.getMessage() + ")", e);
        }
        if (decoded != length) {
            throw corrupt(identity, "decompresses to " + decoded + " bytes, not the " + length + " lz4 wrote");
        }
        if (OriginalValue.checksum(value) != original.crc32c()) {
            throw corrupt(identity, "fails its lz4 CRC32C check: the data or header was altered");
        }
        return value;
    }

    private static CorruptValueException corrupt(ValueIdentity identity, String what) {
        return new CorruptValueException(identity + ": the value " + what);
    }

    private void checkOpen(ValueIdentity identity) {
        if (closed) {
            throw new TransformUnavailableException(identity + ": the lz4 transform it needs was stopped "
                    + "(its bundle is being updated or uninstalled)");
        }
    }
}
