package io.stowage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The JSON the scripts read: strings escaped so that no key can close a script element or break a string. */
class JsonTest {

    @Test
    void writesMapsListsNumbersAndEscapedStrings() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("key", "</script>\"\\\n\u2028");
        value.put("n", List.of(1, 2.5, true));
        value.put("none", null);
        assertEquals("{\"key\":\"\\u003c/script\\u003e\\\"\\\\\\n\\u2028\",\"n\":[1,2.5,true],\"none\":null}",
                Json.write(value));
    }
}
