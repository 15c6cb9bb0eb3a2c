package io.stowage.testkit.transforms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import io.stowage.api.CorruptValueException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * A stand-in for encryption, for tests: XORs the value with a key stream seeded by a random nonce and the value's
 * identity, and keeps a tag of the identity in its header. So, like AES-GCM, one value is written as different bytes
 * each time (a compare-and-set on stored bytes would fail), and a value copied under another key or store is a
 * {@link CorruptValueException}. Its format version is set at construction, to test version handling.
 */
public final class XorTransform implements ValueTransform {

    private static final int HEADER = Long.BYTES + Integer.BYTES;

    private final int formatVersion;

    public XorTransform() {
        this(1);
    }

    public XorTransform(int formatVersion) {
        this.formatVersion = formatVersion;
    }

    @Override
    public String type() {
        return "xor";
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
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException("xor takes no parameters, not " + parameters.keySet());
        }
        return (value, identity) -> {
            long nonce = ThreadLocalRandom.current().nextLong();
            byte[] header = ByteBuffer.allocate(HEADER).putLong(nonce).putInt(tag(identity)).array();
            return new Transformed(header, xor(value, nonce, identity));
        };
    }

    @Override
    public byte[] decode(int version, byte[] header, byte[] data, ValueIdentity identity) {
        if (header.length != HEADER) {
            throw new CorruptValueException(identity + ": xor header of " + header.length + " bytes, not " + HEADER);
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        long nonce = fields.getLong();
        if (fields.getInt() != tag(identity)) {
            throw new CorruptValueException(identity + ": xor value was written under another identity");
        }
        return xor(data, nonce, identity);
    }

    private static int tag(ValueIdentity identity) {
        return identity.toString().hashCode();
    }

    private static byte[] xor(byte[] input, long nonce, ValueIdentity identity) {
        SplittableRandom stream = new SplittableRandom(nonce ^ ((long) tag(identity) << 32)
                ^ identity.key().getBytes(StandardCharsets.UTF_8).length);
        byte[] output = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            output[i] = (byte) (input[i] ^ stream.nextInt());
        }
        return output;
    }
}
