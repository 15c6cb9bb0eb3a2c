package io.stowage.typed.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.stowage.typed.Codec;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.Codecs;

/** The typed header: data read with another codec, another version or without a header is an error naming both. */
class ValueHeaderTest {

    private static final String WHERE = "store ns/users, key 'k1'";

    @Test
    void theHeaderIsFormatByteIdAndVersionBeforeThePayload() {
        Codec<Long> longs = Codecs.longs();
        byte[] stored = ValueHeader.wrap(longs, ValueHeader.idBytes(longs), 1L);
        assertEquals((byte) 0xF5, stored[0]);
        assertEquals(4, stored[1]);
        assertEquals("long", new String(stored, 2, 4, StandardCharsets.UTF_8));
        assertEquals(18, stored.length, "1 + 1 + 4 (id) + 4 (version) + 8 (payload)");
    }

    @Test
    void aValueWrittenByAnotherCodecNamesBothCodecsAndWhereItIs() {
        byte[] stored = ValueHeader.wrap(Codecs.longs(), ValueHeader.idBytes(Codecs.longs()), 42L);
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> read(Codecs.strings(), stored));
        assertContains(e, WHERE, "'long' version 1", "'string' version 1");
    }

    @Test
    void jsonOfAnotherClassIsAnotherCodec() {
        Codec<Point> points = Codecs.json(Point.class);
        byte[] stored = ValueHeader.wrap(points, ValueHeader.idBytes(points), new Point(1, 2));
        CodecMismatchException e = assertThrows(CodecMismatchException.class,
                () -> read(Codecs.json(Other.class), stored));
        assertContains(e, "json:" + Point.class.getName(), "json:" + Other.class.getName());
    }

    @Test
    void aVersionTheCodecDoesNotAcceptIsAMismatch() {
        Codec<Long> v2 = new VersionedLongs(2);
        byte[] stored = ValueHeader.wrap(v2, ValueHeader.idBytes(v2), 7L);
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> read(Codecs.longs(), stored));
        assertContains(e, "'long' version 2", "'long' version 1");
    }

    @Test
    void bytesWithoutTheHeaderAreAMismatchNotGarbage() {
        for (byte[] raw : new byte[][] {"hello".getBytes(StandardCharsets.UTF_8), new byte[0], {(byte) 0xF5},
                {(byte) 0xF5, 9, 'l', 'o', 'n', 'g', 0, 0, 0, 1}}) {
            CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> read(Codecs.longs(), raw),
                    Arrays.toString(raw));
            assertContains(e, WHERE, "no typed header", "'long' version 1");
        }
    }

    @Test
    void aCorruptPayloadBehindTheRightHeaderIsAMismatchWithTheCodecsReason() {
        byte[] stored = ValueHeader.wrap(Codecs.longs(), ValueHeader.idBytes(Codecs.longs()), 42L);
        byte[] truncated = Arrays.copyOf(stored, stored.length - 1);
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> read(Codecs.longs(), truncated));
        assertContains(e, WHERE, "cannot decode", "8 bytes, not 7");
    }

    @Test
    void idsMustFitTheirLengthByte() {
        Codec<Long> longId = new VersionedLongs(1) {
            @Override
            public String id() {
                return "x".repeat(256);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> ValueHeader.idBytes(longId));
    }

    private static <T> T read(Codec<T> codec, byte[] stored) {
        return ValueHeader.unwrap(codec, ValueHeader.idBytes(codec), stored, WHERE);
    }

    private static void assertContains(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    record Point(int x, int y) {
    }

    record Other(String name) {
    }

    /** The long codec at another version, as a codec that changed its payload's form would be. */
    static class VersionedLongs implements Codec<Long> {
        private final Codec<Long> longs = Codecs.longs();
        private final int version;

        VersionedLongs(int version) {
            this.version = version;
        }

        @Override
        public String id() {
            return longs.id();
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public Class<Long> type() {
            return Long.class;
        }

        @Override
        public boolean preservesOrder() {
            return true;
        }

        @Override
        public byte[] encode(Long value) {
            return longs.encode(value);
        }

        @Override
        public Long decode(byte[] bytes) {
            return longs.decode(bytes);
        }

        @Override
        public String toKey(Long value) {
            return longs.toKey(value);
        }

        @Override
        public Long fromKey(String key) {
            return longs.fromKey(key);
        }
    }
}
