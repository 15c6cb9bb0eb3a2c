package io.stowage.typed.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.stowage.typed.Codec;
import io.stowage.typed.Codecs;

/**
 * For random values (with jqwik's edge cases: 0, -1, MIN and MAX, empty arrays and strings): the store's order of
 * key texts (unsigned UTF-8 bytes) is the values' order, and every value survives both its key and its payload.
 */
class CodecOrderProperties {

    @Property
    void longs(@ForAll long a, @ForAll long b) {
        check(Codecs.longs(), a, b, Long.compare(a, b));
    }

    @Property
    void integers(@ForAll int a, @ForAll int b) {
        check(Codecs.integers(), a, b, Integer.compare(a, b));
    }

    @Property
    void instants(@ForAll("instants") Instant a, @ForAll("instants") Instant b) {
        check(Codecs.instants(), a, b, a.compareTo(b));
    }

    @Property
    void strings(@ForAll("text") String a, @ForAll("text") String b) {
        check(Codecs.strings(), a, b, Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    }

    @Property
    void bytes(@ForAll byte[] a, @ForAll byte[] b) {
        check(Codecs.bytes(), a, b, Arrays.compareUnsigned(a, b));
    }

    /** UUIDs keep no order (see UuidCodec), but their keys and payloads still round-trip. */
    @Property
    void uuids(@ForAll long high, @ForAll long low) {
        UUID uuid = new UUID(high, low);
        Codec<UUID> codec = Codecs.uuids();
        assertEquals(uuid, codec.fromKey(codec.toKey(uuid)));
        assertEquals(uuid, codec.decode(codec.encode(uuid)));
        assertEquals(uuid.toString(), codec.toKey(uuid));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(Instant.MIN.getEpochSecond(),
                Instant.MAX.getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    /** Any code points but lone surrogates, which have no UTF-8 form: ASCII, BMP beyond U+E000 and supplementary. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> codePoints = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0xFFFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF));
        return codePoints.list().ofMaxSize(12).map(CodecOrderProperties::text);
    }

    private static String text(List<Integer> codePoints) {
        return new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size());
    }

    private static <T> void check(Codec<T> codec, T a, T b, int naturalOrder) {
        assertTrue(codec.preservesOrder());
        byte[] keyA = codec.toKey(a).getBytes(StandardCharsets.UTF_8);
        byte[] keyB = codec.toKey(b).getBytes(StandardCharsets.UTF_8);
        assertEquals(Integer.signum(naturalOrder), Integer.signum(Arrays.compareUnsigned(keyA, keyB)),
                () -> "keys " + codec.toKey(a) + " and " + codec.toKey(b));
        assertTrue(Objects.deepEquals(a, codec.fromKey(codec.toKey(a))), () -> "key of " + a);
        assertTrue(Objects.deepEquals(a, codec.decode(codec.encode(a))), () -> "payload of " + a);
    }
}
