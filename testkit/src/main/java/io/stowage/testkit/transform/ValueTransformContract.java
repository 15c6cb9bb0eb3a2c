package io.stowage.testkit.transform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.stowage.api.CorruptValueException;
import io.stowage.api.Limits;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.spi.ValueIdentity;
import io.stowage.spi.ValueTransform;

/**
 * The contract of a {@link ValueTransform}: every value a step changes decodes back to the same bytes, by the header
 * the step wrote alone (another instance of the transform reads it, as after a bundle update); a compression keeps
 * what it cannot shrink; and data that is not what the step wrote (truncated, a flipped bit, a format version it
 * does not read) fails with a {@link CorruptValueException} naming the store, the key and the transform, never with
 * other bytes or another exception.
 *
 * <p>A transform's test extends this class and says how to {@link #open} and {@link #close} an instance (the
 * component's {@code @Deactivate}), and which parameters to {@link #parameters bind} it with. A transform that says it
 * {@linkplain ValueTransform#compresses() compresses} must keep (return {@code null} for) values it cannot shrink;
 * any other must change every value.
 *
 * @param <T> the transform class, so that {@link #close} can reach its {@code @Deactivate} method
 */
public abstract class ValueTransformContract<T extends ValueTransform> {

    /** The identity the suite writes values under. */
    protected static final ValueIdentity IDENTITY = new ValueIdentity("contract.ns", "contract-store", "key:1");

    private final List<T> opened = new ArrayList<>();
    /** The instance under test, opened before each test. */
    protected T transform;

    /** A new instance, as the framework would activate it. */
    protected abstract T open();

    /** Ends an instance, as the framework would deactivate it. */
    protected abstract void close(T transform);

    /** The chain parameters the suite binds the transform with (empty: the transform named bare). */
    protected Map<String, String> parameters() {
        return Map.of();
    }

    /** Whether a value decodes only under the identity it was written with (encryption binding it as data). */
    protected boolean bindsIdentity() {
        return false;
    }

    @BeforeEach
    final void openTransform() {
        transform = openTracked();
    }

    @AfterEach
    final void closeAll() {
        opened.forEach(this::close);
        opened.clear();
    }

    private T openTracked() {
        T instance = open();
        opened.add(instance);
        return instance;
    }

    /** Text-like bytes, as compressible as typical records. */
    protected static byte[] records(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 64);
        while (text.length() < size) {
            text.append("{\"id\":").append(random.nextInt(100_000)).append(",\"name\":\"user")
                    .append(random.nextInt(1000)).append("\",\"active\":").append(random.nextBoolean()).append("},");
        }
        byte[] bytes = new byte[size];
        System.arraycopy(text.toString().getBytes(UTF_8), 0, bytes, 0, size);
        return bytes;
    }

    protected static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private TransformStep step() {
        return transform.bind(parameters());
    }

    /** Applies and decodes, checking the round trip; returns what the step made (null if it kept the value). */
    protected Transformed roundTrip(TransformStep step, byte[] value) {
        byte[] copy = value.clone();
        Transformed out = step.apply(value, IDENTITY);
        assertArrayEquals(copy, value, "apply must not change the value it is given");
        if (out == null) {
            assertTrue(transform.compresses(), "only a compression may keep a value as it is");
            return null;
        }
        assertTrue(out.header().length <= Transformed.MAX_HEADER);
        assertArrayEquals(value, transform.decode(transform.formatVersion(), out.header(), out.data(), IDENTITY),
                () -> "round trip of " + value.length + " bytes");
        return out;
    }

    @Test
    void typeAndFormatVersionAreWellFormed() {
        assertTrue(transform.type().matches("[a-z0-9-]{1,32}"), () -> "type '" + transform.type() + "'");
        assertTrue(transform.formatVersion() >= 1 && transform.formatVersion() <= 255);
        assertTrue(transform.reads(transform.formatVersion()), "reads the format it writes");
        assertFalse(transform.reads(transform.formatVersion() + 1), "does not claim a format from the future");
    }

    @Test
    void roundTripsValuesOfManySizes() {
        TransformStep step = step();
        int[] sizes = {0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 64, 100, 255, 256, 1000, 4096, 65_536, 1 << 20,
                Limits.MAX_VALUE_BYTES};
        for (int size : sizes) {
            roundTrip(step, records(size, size));
        }
    }

    @Test
    void readsItsDataInARangeOfALargerArray() {
        byte[] value = records(3_000, 5);
        Transformed out = step().apply(value, IDENTITY);
        if (out == null) {
            return;
        }
        byte[] payload = new byte[out.data().length + 20];
        Arrays.fill(payload, (byte) 0x5A);
        System.arraycopy(out.data(), 0, payload, 11, out.data().length);
        assertArrayEquals(value, transform.decode(transform.formatVersion(), out.header(), payload, 11,
                out.data().length, IDENTITY), "what the kernel passes: the step's data in place in its payload");
    }

    @Test
    void compressibleValuesShrink() {
        assumeTrue(transform.compresses(), "not a compression");
        byte[] value = records(64 * 1024, 7);
        Transformed out = roundTrip(step(), value);
        assertNotNull(out, "64 KiB of records must shrink");
        assertTrue(out.header().length + out.data().length < value.length / 2,
                () -> "64 KiB of records shrink to " + out.data().length + " bytes");
    }

    @Test
    void randomValuesAreKeptByACompressionAndRoundTripOtherwise() {
        TransformStep step = step();
        for (int size : new int[] {1, 100, 4096, 100_000}) {
            byte[] value = random(size, size);
            if (transform.compresses()) {
                assertNull(step.apply(value, IDENTITY), () -> size + " random bytes cannot shrink: keep them");
            } else {
                assertNotNull(roundTrip(step, value));
            }
        }
    }

    @Test
    void anotherInstanceReadsWhatOneWrote() {
        byte[] value = records(10_000, 3);
        Transformed out = step().apply(value, IDENTITY);
        assumeTrue(out != null, "the value was kept as it is");
        T next = openTracked();
        assertArrayEquals(value, next.decode(transform.formatVersion(), out.header(), out.data(), IDENTITY));
    }

    @Test
    void identityIsBoundOnlyWhereTheTransformSaysSo() {
        byte[] value = records(10_000, 4);
        Transformed out = step().apply(value, IDENTITY);
        assumeTrue(out != null, "the value was kept as it is");
        ValueIdentity other = new ValueIdentity(IDENTITY.namespace(), IDENTITY.store(), "key:2");
        if (bindsIdentity()) {
            assertCorrupt(() -> transform.decode(transform.formatVersion(), out.header(), out.data(), other), other);
        } else {
            assertArrayEquals(value, transform.decode(transform.formatVersion(), out.header(), out.data(), other));
        }
    }

    @Test
    void truncatedDataIsCorrupt() {
        Transformed out = transformed();
        int length = out.data().length;
        for (int cut : new int[] {0, 1, length / 2, length - 1}) {
            byte[] data = Arrays.copyOf(out.data(), cut);
            assertCorrupt(() -> transform.decode(transform.formatVersion(), out.header(), data, IDENTITY), IDENTITY);
        }
    }

    @Test
    void truncatedHeaderIsCorrupt() {
        Transformed out = transformed();
        for (int cut = 0; cut < out.header().length; cut++) {
            byte[] header = Arrays.copyOf(out.header(), cut);
            assertCorrupt(() -> transform.decode(transform.formatVersion(), header, out.data(), IDENTITY), IDENTITY);
        }
    }

    @Test
    void everyFlippedBitIsCorrupt() {
        Transformed out = transformed();
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            byte[] data = out.data().clone();
            data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
            assertCorrupt(() -> transform.decode(transform.formatVersion(), out.header(), data, IDENTITY), IDENTITY);
        }
        for (int i = 0; i < out.header().length * 8; i++) {
            byte[] header = out.header().clone();
            header[i / 8] ^= (byte) (1 << (i % 8));
            assertCorrupt(() -> transform.decode(transform.formatVersion(), header, out.data(), IDENTITY), IDENTITY);
        }
    }

    @Test
    void aFormatVersionItDoesNotReadIsCorrupt() {
        Transformed out = transformed();
        int unknown = transform.formatVersion() + 1;
        assertCorrupt(() -> transform.decode(unknown, out.header(), out.data(), IDENTITY), IDENTITY);
    }

    @Test
    void anUnknownParameterIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> transform.bind(Map.of("no-such-parameter", "1")));
        assertTrue(e.getMessage().contains("no-such-parameter"), e.getMessage());
    }

    @Test
    void oneStepServesManyThreads() throws Exception {
        TransformStep step = step();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        roundTrip(step, records(100 + i * 37, seed * 1000L + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** What a step made of 10,000 bytes of records (a compression must change them). */
    protected Transformed transformed() {
        Transformed out = step().apply(records(10_000, 5), IDENTITY);
        assertNotNull(out, "10,000 bytes of records must be transformed");
        return out;
    }

    /** Asserts a {@link CorruptValueException} whose message names the store, the key and the transform. */
    protected void assertCorrupt(Executable decode, ValueIdentity identity) {
        CorruptValueException e = assertThrows(CorruptValueException.class, decode);
        String message = e.getMessage();
        assertTrue(message.contains(identity.namespace() + "/" + identity.store()), message);
        assertTrue(message.contains(identity.key()), message);
        assertTrue(message.contains(transform.type()), message);
    }
}
