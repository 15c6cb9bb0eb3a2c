package io.stowage.index.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stowage.api.InvalidValueException;
import io.stowage.spi.IndexKeys;

/** The json function alone: which keys each kind of field gives, and what it refuses. */
class JsonIndexTest {

    private final JsonIndex json = new JsonIndex(3, false);

    private static List<String> keys(IndexKeys keys, String value) {
        return List.copyOf(keys.keys("k", value.getBytes(UTF_8)));
    }

    @Test
    void fieldsGiveTheirKeys() {
        IndexKeys email = json.bind(Map.of("pointer", "/email"));
        assertEquals(List.of("Ada@example.org"), keys(email, "{\"email\":\"Ada@example.org\"}"));
        assertEquals(List.of("42"), keys(email, "{\"email\":42}"));
        assertEquals(List.of("true"), keys(email, "{\"email\":true}"));
        assertEquals(List.of("a", "b", "7"), keys(email, "{\"email\":[\"a\",\"b\",7,null,{}]}"));
        assertEquals(List.of(), keys(email, "{\"name\":\"no email\"}"));
        assertEquals(List.of(), keys(email, "{\"email\":null}"));
        assertEquals(List.of(), keys(email, "{\"email\":{\"x\":1}}"));
        assertEquals(List.of(), keys(email, "{\"email\":\"\"}"));
        assertEquals(List.of(), keys(email, "not json"));
        assertEquals(List.of(), keys(email, ""));
        IndexKeys city = json.bind(Map.of("pointer", "/address/city", "lowercase", "true"));
        assertEquals(List.of("zürich"), keys(city, "{\"address\":{\"city\":\"ZÜRICH\"}}"));
        IndexKeys escaped = json.bind(Map.of("pointer", "/a~1b"));
        assertEquals(List.of("slash"), keys(escaped, "{\"a/b\":\"slash\"}"));
    }

    /** A typed-data value built by hand from the wire format in docs/typed-data.md, as the typed layer writes it. */
    private static byte[] typed(String codecId, int version, byte[] payload) {
        byte[] id = codecId.getBytes(UTF_8);
        return ByteBuffer.allocate(2 + id.length + 4 + payload.length)
                .put((byte) 0xF5).put((byte) id.length).put(id).putInt(version).put(payload).array();
    }

    private static List<String> keys(IndexKeys keys, byte[] value) {
        return List.copyOf(keys.keys("k", value));
    }

    @Test
    void typedValuesAreIndexedByTheirJsonPayload() {
        IndexKeys email = json.bind(Map.of("pointer", "/email", "lowercase", "true"));
        byte[] record = "{\"name\":\"Ada\",\"email\":\"Ada@Example.org\"}".getBytes(UTF_8);
        assertEquals(List.of("ada@example.org"), keys(email, typed("json:com.acme.Customer", 1, record)));
        byte[] noEmail = "{\"name\":\"Alan\"}".getBytes(UTF_8);
        assertEquals(List.of(), keys(email, typed("json:com.acme.Customer", 1, noEmail)));

        // An object store's obj:<id>: the object's JSON is under /value
        IndexKeys objectEmail = json.bind(Map.of("pointer", "/value/email"));
        byte[] object = "{\"type\":\"com.acme.Customer\",\"refs\":[],\"value\":{\"email\":\"grace@example.org\"}}"
                .getBytes(UTF_8);
        assertEquals(List.of("grace@example.org"), keys(objectEmail, typed("stowage-object", 1, object)));
        assertEquals(List.of(), keys(email, typed("stowage-object", 1, object)));

        // A codec id over 127 bytes: its length byte reads as negative in Java, and must not be taken so
        String longId = "json:" + "x".repeat(200);
        assertEquals(List.of("ada@example.org"), keys(email, typed(longId, 7, record)));
    }

    @Test
    void typedValuesWithoutJsonGiveNoKeyOrAreRefusedNamingTheCodec() {
        IndexKeys email = json.bind(Map.of("pointer", "/email"));
        byte[] aLong = typed("long", 1, ByteBuffer.allocate(8).putLong(42L ^ Long.MIN_VALUE).array());
        byte[] aUuidText = typed("string", 1, "6f1c0d0e-8a41-4e0b-9d7b-1f3c2a5e9b10".getBytes(UTF_8));
        byte[] truncated = {(byte) 0xF5, 9, 'j', 's', 'o', 'n'};
        assertEquals(List.of(), keys(email, aLong));
        assertEquals(List.of(), keys(email, aUuidText));
        assertEquals(List.of(), keys(email, truncated));
        assertEquals(List.of(), keys(email, new byte[] {(byte) 0xF5}));

        IndexKeys strict = new JsonIndex(3, true).bind(Map.of("pointer", "/email"));
        String refused = assertThrows(InvalidValueException.class, () -> keys(strict, aLong)).getMessage();
        assertTrue(refused.startsWith("key 'k': the typed value of codec 'long' version 1 is not JSON"), refused);
        assertTrue(assertThrows(InvalidValueException.class, () -> keys(strict, truncated)).getMessage()
                .contains("starts with the typed-data format byte 0xF5 but its 6 bytes cannot hold a typed header"));
        assertEquals(List.of("a@b"), keys(strict, typed("json:x", 1, "{\"email\":\"a@b\"}".getBytes(UTF_8))));
    }

    @Test
    void badParametersAndValuesAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.bind(Map.of())).getMessage()
                .contains("'pointer' is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> json.bind(Map.of("pointer", "email")))
                .getMessage().contains("not a JSON Pointer"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> json.bind(Map.of("pointer", "/a", "colour", "red"))).getMessage()
                .contains("unknown parameter 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> json.bind(Map.of("pointer", "/a", "lowercase", "yes"))).getMessage()
                .contains("'lowercase' must be true or false"));
        IndexKeys tags = json.bind(Map.of("pointer", "/tags"));
        assertTrue(assertThrows(InvalidValueException.class, () -> keys(tags, "{\"tags\":[1,2,3,4]}")).getMessage()
                .contains("4 index keys, over the limit of 3"));
        IndexKeys strict = new JsonIndex(3, true).bind(Map.of("pointer", "/a"));
        assertTrue(assertThrows(InvalidValueException.class, () -> keys(strict, "{oops")).getMessage()
                .contains("not JSON"));
        assertThrows(IllegalArgumentException.class, () -> new JsonIndex(0, false));
    }
}
