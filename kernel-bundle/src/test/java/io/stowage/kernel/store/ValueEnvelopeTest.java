package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

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

    /** The envelope in a read-only direct buffer, behind other bytes, from its position to its limit. */
    private static ByteBuffer inPlace(byte[] envelope) {
        ByteBuffer page = ByteBuffer.allocateDirect(envelope.length + 7);
        page.put(new byte[] {9, 9, 9}).put(envelope).put(new byte[] {9, 9, 9, 9});
        return page.position(3).limit(3 + envelope.length).asReadOnlyBuffer();
    }

    @Test
    void anEnvelopeReadInPlaceGivesACopyOfTheValueAndLeavesTheBufferAsItWas() {
        ValueEnvelope.LiveValue reader = new ValueEnvelope.LiveValue(() -> {
            throw new AssertionError("the clock was read for an entry without expiry");
        });
        ByteBuffer buffer = inPlace(ValueEnvelope.wrap(new byte[] {1, 2, 3}, ValueEnvelope.NO_EXPIRY));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) reader.read(buffer));
        assertEquals(3, buffer.position());
        assertEquals(3 + 4, buffer.limit());
        assertArrayEquals(new byte[0],
                (byte[]) reader.read(inPlace(ValueEnvelope.wrap(new byte[0], ValueEnvelope.NO_EXPIRY))));
    }

    @Test
    void anExpiredEnvelopeReadInPlaceIsAbsentFromItsExpiryOn() {
        AtomicInteger reads = new AtomicInteger();
        long[] now = {999L};
        LongSupplier clock = () -> {
            reads.incrementAndGet();
            return now[0];
        };
        ValueEnvelope.LiveValue reader = new ValueEnvelope.LiveValue(clock);
        byte[] envelope = ValueEnvelope.wrap(new byte[] {4, 5}, 1_000L);
        assertArrayEquals(new byte[] {4, 5}, (byte[]) reader.read(inPlace(envelope)));
        assertArrayEquals(new byte[] {4, 5}, (byte[]) reader.read(envelope));
        now[0] = 1_000L;
        assertNull(reader.read(inPlace(envelope)));
        assertNull(reader.read(envelope));
        assertNull(reader.read(inPlace(ValueEnvelope.wrap(new byte[0], 1L))));
        assertEquals(5, reads.get());
        // Every byte of the expiry counts, unsigned
        now[0] = 0x00FF_0000_0000_0000L;
        assertArrayEquals(new byte[] {6},
                (byte[]) reader.read(inPlace(ValueEnvelope.wrap(new byte[] {6}, 0x00FF_0000_0000_0001L))));
        assertNull(reader.read(inPlace(ValueEnvelope.wrap(new byte[] {6}, 0x00FE_FFFF_FFFF_FFFFL))));
    }

    @Test
    void aTransformedEnvelopeIsMarkedInItsHeaderByteAndReadAsAPayload() {
        long[] now = {999L};
        ValueEnvelope.LiveValue reader = new ValueEnvelope.LiveValue(() -> now[0]);
        byte[] plain = ValueEnvelope.wrap(new byte[] {1, 2}, ValueEnvelope.NO_EXPIRY);
        byte[] transformed = ValueEnvelope.wrapTransformed(new byte[] {1, 2}, ValueEnvelope.NO_EXPIRY);
        byte[] expiring = ValueEnvelope.wrapTransformed(new byte[] {3}, 1_000L);
        assertFalse(ValueEnvelope.isTransformed(plain));
        assertTrue(ValueEnvelope.isTransformed(transformed));
        assertTrue(ValueEnvelope.isTransformed(expiring));
        assertEquals(1_000L, ValueEnvelope.expiresAt(expiring));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) reader.read(inPlace(plain)));
        assertArrayEquals(new byte[] {1, 2},
                ((ValueEnvelope.TransformedPayload) reader.read(inPlace(transformed))).payload());
        assertArrayEquals(new byte[] {3}, ((ValueEnvelope.TransformedPayload) reader.read(expiring)).payload());
        now[0] = 1_000L;
        assertNull(reader.read(inPlace(expiring)));
        assertThrows(UnsupportedFormatException.class, () -> ValueEnvelope.unwrap(new byte[] {4, 1}));
    }

    @Test
    void unknownHeadersReadInPlaceAreRefusedAsTheyAreFromAnArray() {
        ValueEnvelope.LiveValue reader = new ValueEnvelope.LiveValue(() -> 0L);
        for (byte[] envelope : new byte[][] {{7, 1}, {}, {1, 0, 0, 0}}) {
            UnsupportedFormatException inPlace = assertThrows(UnsupportedFormatException.class,
                    () -> reader.read(inPlace(envelope)));
            UnsupportedFormatException copied = assertThrows(UnsupportedFormatException.class,
                    () -> ValueEnvelope.unwrap(envelope));
            assertEquals(copied.getMessage(), inPlace.getMessage());
            assertEquals(copied.getMessage(), assertThrows(UnsupportedFormatException.class,
                    () -> reader.read(envelope)).getMessage());
        }
    }
}
