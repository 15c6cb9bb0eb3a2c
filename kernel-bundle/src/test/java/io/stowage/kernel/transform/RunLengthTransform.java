package io.stowage.kernel.transform;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import io.stowage.api.CorruptValueException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * A test compression whose output size a test can work out by hand: each run of one byte (up to 255 long) becomes
 * its length and the byte. Like a real compressor it leaves a value it cannot shrink as it is, and writes no header.
 */
public final class RunLengthTransform implements ValueTransform {

    private static final byte[] NO_HEADER = new byte[0];

    @Override
    public String type() {
        return "rle";
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public boolean reads(int version) {
        return version == 1;
    }

    @Override
    public boolean compresses() {
        return true;
    }

    @Override
    public TransformStep bind(Map<String, String> parameters) {
        return (value, identity) -> {
            byte[] runs = encode(value);
            return runs.length < value.length ? new Transformed(NO_HEADER, runs) : null;
        };
    }

    @Override
    public byte[] decode(int version, byte[] header, byte[] data, ValueIdentity identity) {
        if (data.length % 2 != 0) {
            throw new CorruptValueException(identity + ": run-length data of odd length " + data.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += 2) {
            for (int n = 0; n < Byte.toUnsignedInt(data[i]); n++) {
                out.write(data[i + 1]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] encode(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < value.length) {
            int run = 1;
            while (i + run < value.length && value[i + run] == value[i] && run < 255) {
                run++;
            }
            out.write(run);
            out.write(value[i]);
            i += run;
        }
        return out.toByteArray();
    }
}
