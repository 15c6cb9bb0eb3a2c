package io.stowage.transform.zstd;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import io.stowage.api.CorruptValueException;
import io.stowage.api.Limits;
import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * The {@code zstd} value transform: a Zstandard frame of the value, with the value's length and CRC32C in the step's
 * header, applied only where it shrinks the value. Decoding checks both before it returns anything, so damaged data
 * is a {@link CorruptValueException}, never other bytes.
 *
 * <p>zstd-jni is a bundle of its own whose {@code Bundle-NativeCode} the framework loads once per zstd-jni revision;
 * this component holds only contexts (native memory), pooled per level and freed by {@link #close}.
 */
@Component(service = ValueTransform.class, configurationPid = ZstdTransform.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = ValueTransform.TYPE + "=" + ZstdTransform.TYPE)
@Designate(ocd = ZstdTransformConfig.class)
public final class ZstdTransform implements ValueTransform {

    static final String PID = "io.stowage.transform.zstd";
    static final String TYPE = "zstd";
    /**
     * Format 2: a zstd frame without its magic number, with the value's length in the frame and zstd's own checksum
     * of the value at its end; no header of the step's own. Format 1 (still read) kept the length and a CRC32C in an
     * 8-byte step header beside a frame with its magic number: 8 bytes more per value.
     */
    static final int FORMAT_VERSION = 2;
    static final int FORMAT_WITH_HEADER = 1;
    static final int MIN_LEVEL = 1;
    static final int MAX_LEVEL = 22;
    /** Format 1's step header: the value's length (a bound checked before allocating) and its CRC32C. */
    static final int HEADER_BYTES = 8;
    private static final byte[] NO_HEADER = new byte[0];

    private final int defaultLevel;
    private final int pooledContexts;
    private final Logger logger;
    private final Map<Integer, ContextPool<ZstdCompressCtx>> compressors = new ConcurrentHashMap<>();
    private final ContextPool<ZstdDecompressCtx> decompressors;
    private volatile boolean closed;

    @Activate
    public ZstdTransform(ZstdTransformConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this(level(String.valueOf(config.level()), "default level"), config.pooledContexts(), logger);
    }

    ZstdTransform(int defaultLevel, int pooledContexts, Logger logger) {
        if (pooledContexts < 0) {
            throw new IllegalArgumentException("zstd pooled contexts must be 0 or more, not " + pooledContexts);
        }
        this.defaultLevel = defaultLevel;
        this.pooledContexts = pooledContexts;
        this.logger = logger;
        this.decompressors = new ContextPool<>(ZstdDecompressCtx::new, ZstdDecompressCtx::close, pooledContexts);
        // Loads zstd-jni's native library now, so a platform without one fails the activation, not the first write
        logger.info("zstd transform started on zstd {} (default level {})", Zstd.class.getPackage()
                .getImplementationVersion(), defaultLevel + " of " + Zstd.maxCompressionLevel());
    }

    /** Frees every pooled context; a step bound before refuses to work from now on. */
    @Deactivate
    void close() {
        closed = true;
        compressors.values().forEach(ContextPool::close);
        decompressors.close();
        logger.info("zstd transform stopped");
    }

    /** Contexts made and not yet freed, over every pool: none once closed and no call runs. */
    int liveContexts() {
        return decompressors.live() + compressors.values().stream().mapToInt(ContextPool::live).sum();
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

    static int level(String text, String parameter) {
        String value = text.trim();
        if (value.matches("[0-9]{1,2}")) {
            int level = Integer.parseInt(value);
            if (level >= MIN_LEVEL && level <= MAX_LEVEL) {
                return level;
            }
        }
        throw new IllegalArgumentException("zstd parameter '" + parameter + "' must be a level from " + MIN_LEVEL
                + " to " + MAX_LEVEL + ", not '" + text + "'");
    }

    @Override
    public TransformStep bind(Map<String, String> parameters) {
        int level = defaultLevel;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!parameter.getKey().equals("level")) {
                throw new IllegalArgumentException("zstd has no parameter '" + parameter.getKey()
                        + "': its only parameter is level (" + MIN_LEVEL + " to " + MAX_LEVEL + ")");
            }
            level = level(parameter.getValue(), "level");
        }
        ContextPool<ZstdCompressCtx> pool = compressors.computeIfAbsent(level, this::compressorPool);
        return (value, identity) -> compress(pool, value, identity);
    }

    private ContextPool<ZstdCompressCtx> compressorPool(int level) {
        return new ContextPool<>(() -> new ZstdCompressCtx().setLevel(level).setMagicless(true).setChecksum(true)
                .setContentSize(true), ZstdCompressCtx::close, pooledContexts);
    }

    private Transformed compress(ContextPool<ZstdCompressCtx> pool, byte[] value, ValueIdentity identity) {
        checkOpen(identity);
        // Room for less than the value: a frame that does not fit would not shrink it
        int room = value.length - 1;
        if (room <= 0) {
            return null;
        }
        byte[] out = new byte[(int) Math.min(room, Zstd.compressBound(value.length))];
        ZstdCompressCtx context = pool.borrow();
        int length;
        try {
            length = context.compressByteArray(out, 0, out.length, value, 0, value.length);
        } catch (ZstdException doesNotFit) {
            return null;
        } finally {
            pool.giveBack(context);
        }
        return new Transformed(NO_HEADER, out, length);
    }

    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] data, ValueIdentity identity) {
        return decode(formatVersion, header, data, 0, data.length, identity);
    }

    /** Reads the frame in place in the kernel's payload: no copy of the compressed bytes. */
    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] source, int offset, int length,
            ValueIdentity identity) {
        checkOpen(identity);
        if (formatVersion == FORMAT_WITH_HEADER) {
            return decodeWithHeader(header, source, offset, length, identity);
        }
        if (formatVersion != FORMAT_VERSION) {
            throw corrupt(identity, "is in format version " + formatVersion + ", which this zstd transform (formats "
                    + FORMAT_WITH_HEADER + " and " + FORMAT_VERSION + ") does not read");
        }
        if (header.length != 0) {
            throw corrupt(identity, "has a " + header.length + "-byte zstd header, where format 2 has none");
        }
        long size;
        try {
            size = Zstd.getFrameContentSize(source, offset, length, true);
        } catch (RuntimeException e) {
            throw corrupt(identity, "has a damaged zstd frame header (" + e.getMessage() + ")");
        }
        // Checked before allocating, so a damaged length cannot make a read allocate gigabytes
        if (size < 0 || size > Limits.MAX_VALUE_BYTES) {
            throw corrupt(identity, "has a zstd frame that claims " + size + " bytes decompressed (at most "
                    + Limits.MAX_VALUE_BYTES + ")");
        }
        byte[] value = new byte[(int) size];
        int decoded = decompress(value, source, offset, length, true, identity);
        if (decoded != size) {
            throw corrupt(identity, "decompresses to " + decoded + " bytes, not the " + size + " its frame records");
        }
        return value;
    }

    private byte[] decodeWithHeader(byte[] header, byte[] source, int offset, int length, ValueIdentity identity) {
        if (header.length != HEADER_BYTES) {
            throw corrupt(identity, "has a " + header.length + "-byte zstd header, not " + HEADER_BYTES);
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        int size = fields.getInt();
        int crc = fields.getInt();
        // Checked before allocating, so a damaged length cannot make a read allocate gigabytes
        if (size < 0 || size > Limits.MAX_VALUE_BYTES) {
            throw corrupt(identity, "claims " + Integer.toUnsignedString(size) + " bytes decompressed from "
                    + length + " zstd bytes (at most " + Limits.MAX_VALUE_BYTES + ")");
        }
        byte[] value = new byte[size];
        int decoded = decompress(value, source, offset, length, false, identity);
        if (decoded != size) {
            throw corrupt(identity, "decompresses to " + decoded + " bytes, not the " + size + " zstd wrote");
        }
        if (crc32c(value) != crc) {
            throw corrupt(identity, "fails its zstd CRC32C check: the data or header was altered");
        }
        return value;
    }

    /** Decompresses a frame; zstd checks the frame's checksum, when it has one, as it goes. */
    private int decompress(byte[] value, byte[] source, int offset, int length, boolean magicless,
            ValueIdentity identity) {
        ZstdDecompressCtx context = decompressors.borrow();
        try {
            context.setMagicless(magicless);
            return context.decompressByteArray(value, 0, value.length, source, offset, length);
        } catch (ZstdException e) {
            throw new CorruptValueException(identity + ": its zstd data is damaged (" + e.getMessage() + ")", e);
        } finally {
            decompressors.giveBack(context);
        }
    }

    private static int crc32c(byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(value);
        return (int) crc.getValue();
    }

    private static CorruptValueException corrupt(ValueIdentity identity, String what) {
        return new CorruptValueException(identity + ": the value " + what);
    }

    private void checkOpen(ValueIdentity identity) {
        if (closed) {
            throw new TransformUnavailableException(identity + ": the zstd transform it needs was stopped "
                    + "(its bundle is being updated or uninstalled)");
        }
    }
}
