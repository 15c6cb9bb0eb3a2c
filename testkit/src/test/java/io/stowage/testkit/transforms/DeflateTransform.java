package io.stowage.testkit.transforms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import io.stowage.api.CorruptValueException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * A compression transform on the JDK's Deflater, for tests: keeps a value as it is when deflating would not shrink
 * it, and records the original length in its header so a truncated or altered value is a typed error.
 */
public final class DeflateTransform implements ValueTransform {

    @Override
    public String type() {
        return "deflate";
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public boolean compresses() {
        return true;
    }

    @Override
    public boolean reads(int formatVersion) {
        return formatVersion == 1;
    }

    @Override
    public TransformStep bind(Map<String, String> parameters) {
        int level = Deflater.DEFAULT_COMPRESSION;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!parameter.getKey().equals("level")) {
                throw new IllegalArgumentException("deflate has no parameter '" + parameter.getKey() + "'");
            }
            level = Integer.parseInt(parameter.getValue());
            if (level < 0 || level > 9) {
                throw new IllegalArgumentException("deflate level must be 0 to 9, not " + level);
            }
        }
        int chosen = level;
        return (value, identity) -> compress(value, chosen);
    }

    private static Transformed compress(byte[] value, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(value);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
                if (out.size() >= value.length) {
                    return null;
                }
            }
            return new Transformed(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array(), out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decode(int formatVersion, byte[] header, byte[] data, ValueIdentity identity) {
        if (header.length != Integer.BYTES) {
            throw new CorruptValueException(identity + ": deflate header of " + header.length + " bytes, not 4");
        }
        int length = ByteBuffer.wrap(header).getInt();
        if (length < 0) {
            throw new CorruptValueException(identity + ": deflate header gives a negative length");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            byte[] value = new byte[length];
            int read = 0;
            while (read < length && !inflater.finished() && !inflater.needsInput()) {
                read += inflater.inflate(value, read, length - read);
            }
            if (read != length || !inflater.finished()) {
                throw new CorruptValueException(identity + ": deflate data does not hold " + length + " bytes");
            }
            return value;
        } catch (DataFormatException e) {
            throw new CorruptValueException(identity + ": deflate data is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
