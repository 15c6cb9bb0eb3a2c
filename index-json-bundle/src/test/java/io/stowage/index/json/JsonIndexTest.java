package io.stowage.index.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
