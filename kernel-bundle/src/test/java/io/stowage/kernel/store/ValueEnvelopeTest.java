package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.stowage.api.InvalidValueException;
import io.stowage.api.Limits;
import io.stowage.api.UnsupportedFormatException;

class ValueEnvelopeTest {

    @Test
    void plainValuesRoundTripWithoutExpiry() {
        byte[] envelope = ValueEnvelope.wrap(new byte[] {1, 2, 3}, ValueEnvelope.NO_EXPIRY);
        assertArrayEquals(new byte[] {1, 2, 3}, ValueEnvelope.unwrap(envelope));
        assertEquals(ValueEnvelope.NO_EXPIRY, ValueEnvelope.expiresAt(envelope));
        assertFalse(ValueEnvelope.isExpired(envelope, Long.MAX_VALUE));
    }

    @Test
    void expiryIsKeptAndHonouredAtTheBoundary() {
        byte[] envelope = ValueEnvelope.wrap(new byte[0], 1_000L);
        assertEquals(1_000L, ValueEnvelope.expiresAt(envelope));
        assertFalse(ValueEnvelope.isExpired(envelope, 999L));
        assertTrue(ValueEnvelope.isExpired(envelope, 1_000L));
        assertArrayEquals(new byte[0], ValueEnvelope.unwrap(envelope));
        assertTrue(ValueEnvelope.valueEquals(envelope, new byte[0]));
    }

    @Test
    void unknownHeadersAreRefusedNotGuessed() {
        assertThrows(UnsupportedFormatException.class, () -> ValueEnvelope.unwrap(new byte[] {7, 1}));
        assertThrows(UnsupportedFormatException.class, () -> ValueEnvelope.unwrap(new byte[0]));
    }

    @Test
    void aCallersValueIsWrappedOnlyWithinTheLimitAndARefusalNamesStoreAndKey() {
        byte[] largest = new byte[Limits.MAX_VALUE_BYTES];
        assertEquals(Limits.MAX_VALUE_BYTES, ValueEnvelope.valueLength(
                ValueEnvelope.wrap("app/s", "k", largest, ValueEnvelope.NO_EXPIRY)));
        InvalidValueException over = assertThrows(InvalidValueException.class, () -> ValueEnvelope.wrap("app/s", "k",
                new byte[Limits.MAX_VALUE_BYTES + 1], ValueEnvelope.NO_EXPIRY));
        assertEquals("store app/s: value for key 'k' is " + (Limits.MAX_VALUE_BYTES + 1)
                + " bytes, over the limit of " + Limits.MAX_VALUE_BYTES, over.getMessage());
        InvalidValueException missing = assertThrows(InvalidValueException.class,
                () -> ValueEnvelope.wrap("app/s", "k", null, 1_000L));
        assertEquals("store app/s: value for key 'k' must not be null", missing.getMessage());
    }
}
