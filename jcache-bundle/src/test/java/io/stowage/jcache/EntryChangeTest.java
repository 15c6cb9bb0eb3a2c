package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

import org.junit.jupiter.api.Test;

class EntryChangeTest {

    /** Loads the key's text twice over, or fails for "bad". */
    private static final CacheLoader<String, String> DOUBLING = new CacheLoader<>() {
        @Override
        public String load(String key) {
            if (key.equals("bad")) {
                throw new IllegalStateException("cannot load");
            }
            return key + key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            throw new UnsupportedOperationException("not used by an entry");
        }
    };

    @Test
    void readingAPresentValueIsAnAccessAndReadingNothingIsNothing() {
        EntryChange<String, String> present = new EntryChange<>("k", "v", null);
        assertEquals("v", present.getValue());
        assertEquals(EntryChange.Action.ACCESS, present.action());
        EntryChange<String, String> absent = new EntryChange<>("k", null, null);
        assertNull(absent.getValue());
        assertEquals(EntryChange.Action.NONE, absent.action());
    }

    @Test
    void settingIsACreationOrAnUpdateByWhatWasStored() {
        EntryChange<String, String> absent = new EntryChange<>("k", null, null);
        absent.setValue("new");
        assertEquals(EntryChange.Action.CREATE, absent.action());
        EntryChange<String, String> present = new EntryChange<>("k", "old", null);
        present.getValue();
        present.setValue("new");
        assertEquals(EntryChange.Action.UPDATE, present.action());
        assertEquals("old", present.original());
        assertEquals("new", present.current());
        assertThrows(NullPointerException.class, () -> present.setValue(null));
    }

    @Test
    void removingWhatTheOperationCreatedLeavesNothingToDo() {
        EntryChange<String, String> created = new EntryChange<>("k", null, null);
        created.setValue("new");
        created.remove();
        assertEquals(EntryChange.Action.NONE, created.action());
        assertFalse(created.exists());
        EntryChange<String, String> absent = new EntryChange<>("k", null, null);
        absent.remove();
        assertEquals(EntryChange.Action.REMOVE, absent.action(), "the writer hears of it even so");
    }

    @Test
    void readingThroughLoadsAnAbsentValueOnce() {
        EntryChange<String, String> change = new EntryChange<>("k", null, DOUBLING);
        assertFalse(change.exists());
        assertEquals("kk", change.getValue());
        assertEquals(EntryChange.Action.LOAD, change.action());
        assertEquals("kk", change.getValue());
        assertNull(change.original());
    }

    @Test
    void aFailingLoaderIsACacheLoaderException() {
        EntryChange<String, String> change = new EntryChange<>("bad", null, DOUBLING);
        CacheLoaderException failure = assertThrows(CacheLoaderException.class, change::getValue);
        assertTrue(failure.getCause() instanceof IllegalStateException);
    }

    @Test
    void unwrapsToItselfOnly() {
        EntryChange<String, String> change = new EntryChange<>("k", null, null);
        assertEquals(change, change.unwrap(EntryChange.class));
        assertThrows(IllegalArgumentException.class, () -> change.unwrap(String.class));
    }
}
