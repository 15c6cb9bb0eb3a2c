package io.stowage.transform.lz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stowage.api.Limits;
import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.testkit.transform.ValueTransformContract;
import io.stowage.testlog.Loggers;

import net.jpountz.lz4.LZ4Factory;

/** The value-transform contract on LZ4's fast compressor, and what is LZ4's own: levels, lengths, implementations. */
class Lz4TransformTest extends ValueTransformContract<Lz4Transform> {

    @Override
    protected Lz4Transform open() {
        return new Lz4Transform(Lz4Transform.implementation("native", Loggers.silent()), Lz4Level.FAST,
                Loggers.silent());
    }

    @Override
    protected void close(Lz4Transform transform) {
        transform.close();
    }


    @Test
    void everyLevelRoundTrips() {
        byte[] value = records(50_000, 1);
        int fast = transform.bind(Map.of("level", "fast")).apply(value, IDENTITY).data().length;
        for (String level : new String[] {"high", "1", "9", "17"}) {
            Transformed out = transform.bind(Map.of("level", level)).apply(value, IDENTITY);
            assertArrayEquals(value, transform.decode(2, out.header(), out.data(), IDENTITY), level);
            assertTrue(out.data().length <= fast, () -> level + " compresses at least as well as fast");
        }
    }

    @Test
    void aLevelOutOfRangeIsRefusedWithTheLevelsThereAre() {
        for (String level : new String[] {"0", "18", "max", "", "-1", "123"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> transform.bind(Map.of("level", level)));
            assertEquals("lz4 parameter 'level' must be fast, high or a high-compression level from 1 to 17, not '"
                    + level + "'", e.getMessage());
        }
    }

    @Test
    void formatTwoIsAVarintLengthAndACrcBeforeTheBlockWithNoStepHeader() {
        byte[] value = records(1500, 4);
        Transformed out = transform.bind(Map.of()).apply(value, IDENTITY);
        assertEquals(0, out.header().length);
        // 1,500 needs two varint bytes: 0xDC 0x0B
        assertEquals((byte) 0xDC, out.data()[0]);
        assertEquals((byte) 0x0B, out.data()[1]);
        assertEquals(OriginalValue.checksum(value), ByteBuffer.wrap(out.data(), 2, 4).getInt());
        byte[] block = LZ4Factory.safeInstance().fastCompressor().compress(value);
        assertEquals(6 + block.length, out.data().length, "the prefix is all that is added to the LZ4 block");
    }

    @Test
    void valuesOfFormatOneStillRead() {
        byte[] value = records(20_000, 5);
        byte[] block = LZ4Factory.safeInstance().fastCompressor().compress(value);
        byte[] header = OriginalValue.of(value).header();
        assertTrue(transform.reads(Lz4Transform.FORMAT_WITH_HEADER));
        assertArrayEquals(value, transform.decode(1, header, block, IDENTITY));
        byte[] wrongCrc = header.clone();
        wrongCrc[7] ^= 1;
        assertCorrupt(() -> transform.decode(1, wrongCrc, block, IDENTITY), IDENTITY);
        assertCorrupt(() -> transform.decode(1, new byte[0], block, IDENTITY), IDENTITY);
        assertCorrupt(() -> transform.decode(2, header, block, IDENTITY), IDENTITY);
    }

    @Test
    void anAbsurdOrTruncatedLengthIsCorruptBeforeAnythingIsAllocated() {
        byte[] data = transformed().data();
        OriginalValue.Prefixed read = OriginalValue.fromPrefix(data, 0, data.length);
        byte[] block = Arrays.copyOfRange(data, read.blockOffset(), data.length);
        int crc = read.original().crc32c();
        for (int length : new int[] {-1, Integer.MAX_VALUE, Limits.MAX_VALUE_BYTES + 1, block.length * 300}) {
            OriginalValue absurd = new OriginalValue(length, crc);
            byte[] damaged = new byte[absurd.prefixLength() + block.length];
            System.arraycopy(block, 0, damaged, absurd.writePrefix(damaged), block.length);
            assertCorrupt(() -> transform.decode(2, new byte[0], damaged, IDENTITY), IDENTITY);
        }
        // A varint that never ends, and a prefix cut before its CRC
        byte[] endless = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1, 2, 3, 4};
        assertCorrupt(() -> transform.decode(2, new byte[0], endless, IDENTITY), IDENTITY);
        assertCorrupt(() -> transform.decode(2, new byte[0], Arrays.copyOf(data, 3), IDENTITY), IDENTITY);
    }

    @Test
    void valuesAreReadableByEveryImplementation() {
        // A value written through JNI on one machine is read in pure Java on a machine without the native library
        byte[] value = records(100_000, 2);
        Lz4Transform pureJava = new Lz4Transform(LZ4Factory.safeInstance(), Lz4Level.FAST, Loggers.silent());
        Transformed out = transform.bind(Map.of()).apply(value, IDENTITY);
        assertArrayEquals(value, pureJava.decode(2, out.header(), out.data(), IDENTITY));
        Transformed back = pureJava.bind(Map.of("level", "high")).apply(value, IDENTITY);
        assertArrayEquals(value, transform.decode(2, back.header(), back.data(), IDENTITY));
        assertEquals("LZ4Factory:JavaSafe", pureJava.implementation());
    }

    @Test
    void theImplementationIsChosenByName() {
        assertEquals(LZ4Factory.safeInstance(), Lz4Transform.implementation("java", Loggers.silent()));
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertEquals("LZ4Factory:JNI", transform.implementation(), "lz4-java ships a library for Linux amd64");
        }
        assertEquals("lz4 implementation must be native or java, not 'fastest'", assertThrows(
                IllegalArgumentException.class, () -> Lz4Transform.implementation("fastest", Loggers.silent()))
                .getMessage());
    }

    @Test
    void aStoppedTransformRefusesStepsBoundBefore() {
        TransformStep step = transform.bind(Map.of());
        Transformed out = transformed();
        transform.close();
        TransformUnavailableException write = assertThrows(TransformUnavailableException.class,
                () -> step.apply(records(1000, 1), IDENTITY));
        assertTrue(write.getMessage().contains("lz4") && write.getMessage().contains(IDENTITY.key()),
                write.getMessage());
        assertThrows(TransformUnavailableException.class,
                () -> transform.decode(2, out.header(), out.data(), IDENTITY));
    }

    @Test
    void theDefaultLevelComesFromTheConfiguration() {
        Lz4Transform high = new Lz4Transform(LZ4Factory.safeInstance(), Lz4Level.parse("high", "default level"),
                Loggers.silent());
        byte[] value = records(50_000, 3);
        Transformed bare = high.bind(Map.of()).apply(value, IDENTITY);
        Transformed explicit = high.bind(Map.of("level", "9")).apply(value, IDENTITY);
        assertNotNull(bare);
        assertArrayEquals(explicit.data(), bare.data());
    }
}
