package io.stowage.eventadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.stowage.admin.StoreId;

class StorePatternsTest {

    @Test
    void namesAndGlobsMatchEachPartOnItsOwn() {
        StorePatterns patterns = StorePatterns.parse(new String[] {"com.example.app/orders", " com.example.*/log-? "});
        assertTrue(patterns.matches(new StoreId("com.example.app", "orders")));
        assertFalse(patterns.matches(new StoreId("com.example.app", "orders2")));
        assertFalse(patterns.matches(new StoreId("com.example.apps", "orders")));
        assertTrue(patterns.matches(new StoreId("com.example.other", "log-1")));
        assertFalse(patterns.matches(new StoreId("com.example.other", "log-12")));
        assertFalse(patterns.matches(new StoreId("org.example", "log-1")));
    }

    @Test
    void dotsAndDashesMatchOnlyThemselves() {
        StorePatterns patterns = StorePatterns.parse(new String[] {"a.b/c-d"});
        assertTrue(patterns.matches(new StoreId("a.b", "c-d")));
        assertFalse(patterns.matches(new StoreId("aXb", "c-d")));
    }

    @Test
    void noPatternMatchesNothing() {
        StorePatterns patterns = StorePatterns.parse(new String[0]);
        assertTrue(patterns.isEmpty());
        assertFalse(patterns.matches(new StoreId("a", "b")));
    }

    @Test
    void aPatternThatIsNotNamespaceSlashStoreIsRefusedByName() {
        for (String bad : new String[] {"orders", "a/b/c", "/orders", "app/", "app/ord ers", "app/[ab]", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StorePatterns.parse(new String[] {"ok/fine", bad}), bad);
            assertTrue(e.getMessage().startsWith("stores pattern '" + bad + "' is not namespace/store"),
                    e.getMessage());
        }
        assertEquals(false, StorePatterns.parse(new String[] {"*/*"}).isEmpty());
    }
}
