package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.stowage.api.Limits;

class StoreNamesTest {

    @Test
    void aCacheNameThatIsAStoreNameIsKept() {
        assertEquals("users", StoreNames.forCache("users"));
        assertEquals("app.sessions-v2", StoreNames.forCache("app.sessions-v2"));
    }

    @Test
    void otherCharactersAreEscapedAndNamesStartWithALetterOrDigit() {
        assertEquals("a_2fb", StoreNames.forCache("a/b"));
        assertEquals("a_5fb", StoreNames.forCache("a_b"));
        assertEquals("x__.cache", StoreNames.forCache(".cache"));
        assertEquals("x___2fcache", StoreNames.forCache("/cache"));
        assertEquals("x__", StoreNames.forCache(""));
        assertEquals("caf_c3_a9", StoreNames.forCache("café"));
    }

    @Test
    void distinctCacheNamesGetDistinctStores() {
        List<String> names = List.of("/", "x/", "x__2f", "x___2f", "_2f", "a_b", "a_5fb", "a/b", "", "x", "x__");
        Set<String> stores = new HashSet<>();
        for (String name : names) {
            assertTrue(stores.add(StoreNames.forCache(name)), name + " -> " + StoreNames.forCache(name));
        }
    }

    @Test
    void aLongNameIsShortenedWithAHashOfTheWhole() {
        String stem = "c".repeat(100);
        String one = StoreNames.forCache(stem + "1");
        String two = StoreNames.forCache(stem + "2");
        assertEquals(Limits.MAX_STORE_NAME_LENGTH, one.length());
        assertNotEquals(one, two);
        assertTrue(one.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), one);
    }
}
