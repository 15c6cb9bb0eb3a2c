package io.stowage.typed.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.stowage.typed.Codec;
import io.stowage.typed.Codecs;

/** Each built-in codec: round trips of chosen values, its key forms, and refusal of text it did not write. */
class CodecsTest {

    @Test
    void everyValueSurvivesItsKeyAndItsHeadedPayload() {
        roundTrips(Codecs.strings(), "", "a", "ünïcödé", "日本", "\uD83D\uDE00 emoji", "\u0000");
        roundTrips(Codecs.longs(), Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE);
        roundTrips(Codecs.integers(), Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE);
        roundTrips(Codecs.uuids(), new UUID(0, 0), new UUID(-1, -1), UUID.randomUUID());
        roundTrips(Codecs.instants(), Instant.MIN, Instant.ofEpochSecond(-1, 999_999_999), Instant.EPOCH,
                Instant.ofEpochSecond(1_700_000_000, 123_456_789), Instant.MAX);
        roundTrips(Codecs.bytes(), new byte[0], new byte[] {0}, new byte[] {(byte) 0xFF, 0x7F, (byte) 0x80});
    }

    @Test
    void numbersKeepTheirSignedOrderInFixedWidthHex() {
        assertEquals("0000000000000000", Codecs.longs().toKey(Long.MIN_VALUE));
        assertEquals("7fffffffffffffff", Codecs.longs().toKey(-1L));
        assertEquals("8000000000000000", Codecs.longs().toKey(0L));
        assertEquals("ffffffffffffffff", Codecs.longs().toKey(Long.MAX_VALUE));
        assertEquals("00000000", Codecs.integers().toKey(Integer.MIN_VALUE));
        assertEquals("80000001", Codecs.integers().toKey(1));
        assertEquals("7fffffffffffffff3b9ac9ff", Codecs.instants().toKey(Instant.ofEpochSecond(-1, 999_999_999)));
        assertEquals("00ff7f", Codecs.bytes().toKey(new byte[] {0, (byte) 0xFF, 0x7F}));
    }

    @Test
    void keyTextItDidNotWriteIsRefusedNotMisread() {
        assertRefused(Codecs.longs(), "800000000000000", "800000000000000g", "8000000000000000 ", "800000000000000A");
        assertRefused(Codecs.integers(), "-1", "8000000", "8000000G");
        assertRefused(Codecs.instants(), "80000000000000003b9aca00", "8000000000000000");
        assertRefused(Codecs.bytes(), "0", "0G", "FF");
        // UUID.fromString accepts these; the codec must not, or two key texts would name one UUID
        assertRefused(Codecs.uuids(), "1-1-1-1-1", "00000000-0000-0000-0000-00000000000A",
                "00000000+0000-0000-0000-000000000000", "0000000000000000000000000000000000000");
    }

    @Test
    void payloadsOfTheWrongSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Codecs.longs().decode(new byte[7]));
        assertThrows(IllegalArgumentException.class, () -> Codecs.integers().decode(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> Codecs.uuids().decode(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> Codecs.instants().decode(new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> Codecs.strings().decode(new byte[] {(byte) 0xC3}));
    }

    @Test
    void aStringWithALoneSurrogateHasNoUtf8FormAndIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Codecs.strings().encode("a\uD800b"));
        assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
    }

    @Test
    void stringsAreInCodePointOrderWhichIsNotCompareToOrder() {
        String supplementary = "\uD83D\uDE00";
        String privateUse = "\uE000";
        assertTrue(supplementary.compareTo(privateUse) < 0, "UTF-16 order puts the surrogate pair first");
        byte[] a = Codecs.strings().toKey(supplementary).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = Codecs.strings().toKey(privateUse).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(java.util.Arrays.compareUnsigned(a, b) > 0, "the store's order puts it last");
    }

    @Test
    void onlyUuidsAndJsonDoNotPreserveOrder() {
        for (Codec<?> codec : List.of(Codecs.strings(), Codecs.longs(), Codecs.integers(), Codecs.instants(),
                Codecs.bytes())) {
            assertTrue(codec.preservesOrder(), codec.id());
        }
        assertFalse(Codecs.uuids().preservesOrder());
        assertFalse(Codecs.json(String.class).preservesOrder());
    }

    @SafeVarargs
    private static <T> void roundTrips(Codec<T> codec, T... values) {
        byte[] id = ValueHeader.idBytes(codec);
        for (T value : values) {
            assertTrue(Objects.deepEquals(value, codec.fromKey(codec.toKey(value))), codec.id() + " key of " + value);
            T back = ValueHeader.unwrap(codec, id, ValueHeader.wrap(codec, id, value), "test");
            assertTrue(Objects.deepEquals(value, back), codec.id() + " value " + value);
        }
    }

    private static void assertRefused(Codec<?> codec, String... keys) {
        for (String key : keys) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.fromKey(key),
                    codec.id() + " read '" + key + "'");
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
