package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ObjectInputFilter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.stowage.api.Limits;

class KeyMappingTest {

    private final KeyMapping keys = new KeyMapping(new SerializationCodec(getClass().getClassLoader(),
            ObjectInputFilter.Config.createFilter("java.lang.*;java.util.*;!*")));

    @Test
    void builtInKeysAreReadableInTheStoreAndComeBack() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals("s:user:1", keys.map("user:1").text());
        assertEquals("l:8000000000000001", keys.map(1L).text());
        assertEquals("i:7fffffff", keys.map(-1).text());
        assertEquals("u:123e4567-e89b-12d3-a456-426614174000", keys.map(id).text());
        for (Object key : List.of("user:1", 1L, -1, id, "")) {
            KeyMapping.MappedKey mapped = keys.map(key);
            assertNull(mapped.kept());
            assertEquals(key, keys.unmap(mapped.text(), null));
        }
    }

    @Test
    void otherSerializableKeysAreTheirSerializedFormAndComeBack() {
        List<String> key = List.of("a", "b");
        KeyMapping.MappedKey mapped = keys.map(key);
        assertTrue(mapped.text().startsWith("j:"), mapped.text());
        assertEquals(key, keys.unmap(mapped.text(), null));
        assertEquals(mapped, keys.map(List.of("a", "b")));
    }

    @Test
    void aKeyTooLongForTheStoreIsItsHashAndTravelsInTheEnvelope() {
        String text = "k".repeat(Limits.MAX_KEY_BYTES);
        KeyMapping.MappedKey mapped = keys.map(text);
        assertTrue(mapped.text().startsWith("h:"), mapped.text());
        assertTrue(mapped.text().getBytes(StandardCharsets.UTF_8).length <= Limits.MAX_KEY_BYTES);
        assertNotNull(mapped.kept());
        assertEquals(text, keys.unmap(mapped.text(), mapped.kept()));
        assertArrayEquals(mapped.kept(), keys.map(text).kept());
        assertNotEquals(mapped.text(), keys.map(text + "x").text());
    }

    @Test
    void aStringThatIsNotUtf8IsSerializedRatherThanRefusedByTheStore() {
        String loneSurrogate = "a\uD800b";
        KeyMapping.MappedKey mapped = keys.map(loneSurrogate);
        assertTrue(mapped.text().startsWith("j:"), mapped.text());
        assertEquals(loneSurrogate, keys.unmap(mapped.text(), null));
    }

    @Test
    void aStoreKeyACacheDidNotWriteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> keys.unmap("user:1", null));
    }
}
