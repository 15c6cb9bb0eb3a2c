package io.stowage.transform.zstd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;

import com.github.luben.zstd.Zstd;

import io.stowage.api.Limits;
import io.stowage.api.TransformUnavailableException;
import io.stowage.spi.TransformStep;
import io.stowage.spi.Transformed;
import io.stowage.testkit.transform.ValueTransformContract;
import io.stowage.testlog.Loggers;

/** The value-transform contract on Zstandard at level 3, and what is Zstandard's own: levels, lengths, contexts. */
class ZstdTransformTest extends ValueTransformContract<ZstdTransform> {

    @Override
    protected ZstdTransform open() {
        return new ZstdTransform(3, 8, Loggers.silent());
    }

    @Override
    protected void close(ZstdTransform transform) {
        transform.close();
    }


    @Test
    void everyLevelRoundTripsAndHigherLevelsShrinkMore() {
        byte[] value = records(50_000, 1);
        int one = transform.bind(Map.of("level", "1")).apply(value, IDENTITY).data().length;
        for (int level = 1; level <= 22; level++) {
            Transformed out = transform.bind(Map.of("level", String.valueOf(level))).apply(value, IDENTITY);
            assertArrayEquals(value, transform.decode(ZstdTransform.FORMAT_VERSION, out.header(), out.data(), IDENTITY), "level " + level);
        }
        int top = transform.bind(Map.of("level", "19")).apply(value, IDENTITY).data().length;
        assertTrue(top < one, () -> "level 19 (" + top + " bytes) shrinks more than level 1 (" + one + ")");
    }

    @Test
    void aLevelOutOfRangeIsRefusedWithTheLevelsThereAre() {
        for (String level : new String[] {"0", "23", "-1", "fast", "", "100"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> transform.bind(Map.of("level", level)));
            assertEquals("zstd parameter 'level' must be a level from 1 to 22, not '" + level + "'", e.getMessage());
        }
        IllegalArgumentException config = assertThrows(IllegalArgumentException.class,
                () -> ZstdTransform.level("30", "default level"));
        assertEquals("zstd parameter 'default level' must be a level from 1 to 22, not '30'", config.getMessage());
    }

    @Test
    void valuesOfFormatOneStillReadAndAnAbsurdLengthThereIsCorruptBeforeAnythingIsAllocated() {
        byte[] value = records(5_000, 2);
        byte[] frame = Zstd.compress(value, 3);
        CRC32C crc = new CRC32C();
        crc.update(value);
        byte[] header = ByteBuffer.allocate(8).putInt(value.length).putInt((int) crc.getValue()).array();
        assertArrayEquals(value, transform.decode(1, header, frame, IDENTITY));

        for (int length : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, Limits.MAX_VALUE_BYTES + 1}) {
            byte[] absurd = ByteBuffer.allocate(8).putInt(length).putInt((int) crc.getValue()).array();
            assertCorrupt(() -> transform.decode(1, absurd, frame, IDENTITY), IDENTITY);
        }
        byte[] altered = value.clone();
        altered[10] ^= 1;
        byte[] wrongCrc = ByteBuffer.allocate(8).putInt(value.length).putInt((int) crc.getValue() + 1).array();
        assertCorrupt(() -> transform.decode(1, wrongCrc, frame, IDENTITY), IDENTITY);
    }

    @Test
    void formatTwoIsAFrameWithoutMagicOrHeaderWhoseChecksumCatchesAChangedByte() {
        byte[] value = records(5_000, 3);
        Transformed out = transform.bind(Map.of()).apply(value, IDENTITY);
        assertEquals(0, out.header().length, "no header of the step's own");
        assertEquals(Zstd.compress(value, 3).length, out.data().length,
                "as long as zstd-jni's plain frame: the checksum takes the 4 bytes of the magic number left out");
        byte[] framed = new byte[out.data().length + 7];
        System.arraycopy(out.data(), 0, framed, 5, out.data().length);
        assertArrayEquals(value, transform.decode(2, new byte[0], framed, 5, out.data().length, IDENTITY),
                "read in place from a range of a larger array");
        for (int at = 0; at < out.data().length; at += 7) {
            byte[] damaged = out.data().clone();
            damaged[at] ^= 0x01;
            try {
                byte[] read = transform.decode(2, new byte[0], damaged, IDENTITY);
                assertTrue(false, "a changed byte at " + at + " read as " + read.length + " bytes");
            } catch (io.stowage.api.CorruptValueException expected) {
                assertTrue(expected.getMessage().startsWith(IDENTITY.toString()), expected.getMessage());
            }
        }
    }

    @Test
    void closingFreesEveryContextItMade() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String level = String.valueOf(1 + t * 5);
                done.add(threads.submit(() -> {
                    TransformStep step = transform.bind(Map.of("level", level));
                    for (int i = 0; i < 100; i++) {
                        Transformed out = step.apply(records(5_000, i), IDENTITY);
                        transform.decode(ZstdTransform.FORMAT_VERSION, out.header(), out.data(), IDENTITY);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(transform.liveContexts() > 0, "pooled contexts are kept for reuse");
        transform.close();
        assertEquals(0, transform.liveContexts());
    }

    @Test
    void aPoolOfNoContextsFreesEachAfterItsCall() {
        ZstdTransform unpooled = new ZstdTransform(3, 0, Loggers.silent());
        try {
            byte[] value = records(20_000, 9);
            Transformed out = unpooled.bind(Map.of()).apply(value, IDENTITY);
            assertArrayEquals(value, unpooled.decode(ZstdTransform.FORMAT_VERSION, out.header(), out.data(), IDENTITY));
            assertEquals(0, unpooled.liveContexts());
        } finally {
            unpooled.close();
        }
    }

    @Test
    void aStoppedTransformRefusesStepsBoundBefore() {
        TransformStep step = transform.bind(Map.of());
        Transformed out = transformed();
        transform.close();
        TransformUnavailableException write = assertThrows(TransformUnavailableException.class,
                () -> step.apply(records(1000, 1), IDENTITY));
        assertTrue(write.getMessage().contains("zstd") && write.getMessage().contains(IDENTITY.key()),
                write.getMessage());
        assertThrows(TransformUnavailableException.class, () -> transform.decode(ZstdTransform.FORMAT_VERSION, out.header(), out.data(), IDENTITY));
    }
}
