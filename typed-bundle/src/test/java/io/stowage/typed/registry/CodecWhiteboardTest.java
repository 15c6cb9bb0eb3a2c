package io.stowage.typed.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.typed.Codec;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.CodecUnavailableException;
import io.stowage.typed.Codecs;
import io.stowage.typed.PersistentMap;
import io.stowage.typed.PersistentMaps;
import io.stowage.typed.TestStores;

/**
 * The registry as SCR drives it: codec services bound and unbound with their service properties. A handle follows
 * the service serving its id, and data whose codec service went away is a {@link CodecUnavailableException} naming
 * the codec, the store and the key, never garbage.
 */
class CodecWhiteboardTest {

    private final TestStores stores = TestStores.memory();
    private final CodecWhiteboard registry = new CodecWhiteboard();

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void aMapMadeWithAHandleWritesAndReadsThroughTheRegisteredService() {
        PersistentMap<String, String> map = mapOnReversedService();

        map.put("k", "hello");

        assertEquals("hello", map.get("k"));
        assertEquals("olleh", new String(stripHeader(map.store().get("k")), StandardCharsets.UTF_8));
        assertEquals(Set.of("test:reversed"), registry.ids());
    }

    @Test
    void dataWhoseCodecServiceWentAwayIsATypedErrorNamingTheCodecAndKey() {
        PersistentMap<String, String> map = mapOnReversedService();
        map.put("k", "hello");

        registry.unbind(new Reversed("test:reversed", 1), service(10, 0));

        CodecUnavailableException read = assertThrows(CodecUnavailableException.class, () -> map.get("k"));
        assertTrue(read.getMessage().contains("codec 'test:reversed' (for java.lang.String) is not registered"),
                read.getMessage());
        assertTrue(read.getMessage().contains("key 'k'"), read.getMessage());
        CodecUnavailableException write = assertThrows(CodecUnavailableException.class, () -> map.set("k2", "x"));
        assertTrue(write.getMessage().contains("'test:reversed'"), write.getMessage());
        assertEquals(Set.of(), registry.ids());
        assertEquals(1, map.store().count(), "nothing was written");
    }

    @Test
    void anUpdatedCodecBundlesNewServiceServesTheMapsMadeBefore() {
        PersistentMap<String, String> map = mapOnReversedService();
        map.put("k", "hello");
        registry.unbind(new Reversed("test:reversed", 1), service(10, 0));

        // The new revision's service: another service id, the same encoding
        registry.bind(new Reversed("test:reversed", 1), service(11, 0));

        assertEquals("hello", map.get("k"));
    }

    @Test
    void theHighestRankingServiceServesAnIdAndTheNextTakesOverWhenItGoes() {
        registry.bind(new Reversed("test:reversed", 1), service(10, 0));
        registry.bind(new Reversed("test:reversed", 2), service(11, 5));
        Codec<String> handle = registry.codec("test:reversed", String.class);
        assertEquals(2, handle.version());

        registry.unbind(new Reversed("test:reversed", 2), service(11, 5));

        assertEquals(1, handle.version());
    }

    @Test
    void aHandleForAnotherTypeThanTheServicesIsAMismatchNamingBoth() {
        registry.bind(new Reversed("test:reversed", 1), service(10, 0));

        CodecMismatchException e = assertThrows(CodecMismatchException.class,
                () -> registry.codec("test:reversed", Integer.class).encode(1));

        assertTrue(e.getMessage().contains("is for java.lang.String"), e.getMessage());
        assertTrue(e.getMessage().contains("asked for java.lang.Integer"), e.getMessage());
    }

    @Test
    void aHandleAnswersItsIdAndTypeBeforeAnyServiceHasTheId() {
        Codec<String> handle = registry.codec("test:later", String.class);

        assertEquals("test:later", handle.id());
        assertEquals(String.class, handle.type());
        assertThrows(CodecUnavailableException.class, handle::version);
        assertThrows(IllegalArgumentException.class, () -> registry.codec("", String.class));
    }

    /** A map whose values go through the registry's handle, with the codec's service 10 registered. */
    private PersistentMap<String, String> mapOnReversedService() {
        registry.bind(new Reversed("test:reversed", 1), service(10, 0));
        return PersistentMaps.of(stores.fresh(), Codecs.strings(), registry.codec("test:reversed", String.class));
    }

    private static Map<String, Object> service(long id, int ranking) {
        return Map.of("service.id", id, "service.ranking", ranking, "service.bundleid", 7L);
    }

    /** The payload after the typed header: format, id length, id, version. */
    private static byte[] stripHeader(byte[] stored) {
        int start = 2 + (stored[1] & 0xFF) + 4;
        return java.util.Arrays.copyOfRange(stored, start, stored.length);
    }

    /** A codec of a third party: strings reversed, at a version of its choosing. */
    private record Reversed(String id, int version) implements Codec<String> {

        @Override
        public Class<String> type() {
            return String.class;
        }

        @Override
        public boolean preservesOrder() {
            return false;
        }

        @Override
        public byte[] encode(String value) {
            return new StringBuilder(value).reverse().toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new StringBuilder(new String(bytes, StandardCharsets.UTF_8)).reverse().toString();
        }

        @Override
        public String toKey(String value) {
            return value;
        }

        @Override
        public String fromKey(String key) {
            return key;
        }
    }
}
