package io.stowage.eventadmin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import io.stowage.api.ChangeKind;
import io.stowage.api.FeedGap;
import io.stowage.api.StoreEvent;

class StoreEventsTest {

    @Test
    void theTopicIsTheNamespaceWithItsDotsAsSeparators() {
        assertEquals("io/stowage/store/com/example/my-app_2", StoreEvents.topic("com.example.my-app_2"));
        assertEquals("io/stowage/store/app", StoreEvents.topic("app"));
    }

    @Test
    void aChangeCarriesStoreKeyKindPositionAndTheValueWhenTheFeedHasIt() {
        Event put = StoreEvents.change("com.example", new StoreEvent("orders", "o-1", ChangeKind.PUT, 42,
                new byte[] {1, 2}));
        assertEquals("io/stowage/store/com/example", put.getTopic());
        assertEquals("com.example", put.getProperty(StoreEvents.NAMESPACE));
        assertEquals("orders", put.getProperty(StoreEvents.STORE));
        assertEquals("o-1", put.getProperty(StoreEvents.KEY));
        assertEquals("PUT", put.getProperty(StoreEvents.KIND));
        assertEquals(42L, put.getProperty(StoreEvents.POSITION));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) put.getProperty(StoreEvents.VALUE));

        Event delete = StoreEvents.change("com.example", new StoreEvent("orders", "o-1", ChangeKind.DELETE, 43, null));
        assertEquals("DELETE", delete.getProperty(StoreEvents.KIND));
        assertFalse(delete.containsProperty(StoreEvents.VALUE));
    }

    @Test
    void aGapSaysWhatWasMissedAndWhereEventsGoOn() {
        Event gap = StoreEvents.gap("app", new FeedGap("orders", 10, 25));
        assertEquals("GAP", gap.getProperty(StoreEvents.KIND));
        assertEquals(10L, gap.getProperty(StoreEvents.MISSED_FROM));
        assertEquals(25L, gap.getProperty(StoreEvents.RESUME_FROM));
        assertEquals("orders", gap.getProperty(StoreEvents.STORE));
    }
}
