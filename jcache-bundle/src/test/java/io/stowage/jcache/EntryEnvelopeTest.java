package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ObjectInputFilter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.typed.Codecs;

class EntryEnvelopeTest {

    private final ValueCodecs codecs = new ValueCodecs(new SerializationCodec(getClass().getClassLoader(),
            ObjectInputFilter.Config.createFilter("java.lang.*;java.util.*;!*")));

    @Test
    void anEnvelopeReadsBackAsWritten() {
        EntryEnvelope written = EntryEnvelope.of(codecs.forValue("alice"), "alice", 1234L, new byte[] {1, 2, 3});
        EntryEnvelope read = EntryEnvelope.parse(written.toBytes(), "test");
        assertEquals(written, read);
        assertEquals("alice", read.value(codecs, "test"));
        assertEquals(1234L, read.expiresAtMillis());
    }

    @Test
    void eachValueGoesThroughTheCodecOfItsTypeAndSerializationForTheRest() {
        assertEquals(Codecs.strings().id(), codecs.forValue("text").id());
        assertEquals(Codecs.longs().id(), codecs.forValue(5L).id());
        assertEquals(SerializationCodec.ID, codecs.forValue(List.of(1, 2)).id());
        EntryEnvelope list = EntryEnvelope.of(codecs.forValue(List.of(1, 2)), List.of(1, 2), 0, null);
        assertEquals(List.of(1, 2), EntryEnvelope.parse(list.toBytes(), "test").value(codecs, "test"));
    }

    @Test
    void anotherExpiryKeepsTheValue() {
        EntryEnvelope written = EntryEnvelope.of(codecs.forValue(7), 7, 0, null);
        EntryEnvelope later = written.expiringAt(99);
        assertEquals(99, later.expiresAtMillis());
        assertEquals(7, later.value(codecs, "test"));
    }

    @Test
    void bytesACacheDidNotWriteAreRefusedWithWhereTheyWere() {
        byte[] whole = EntryEnvelope.of(codecs.forValue("alice"), "alice", 0, null).toBytes();
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> EntryEnvelope.parse(Arrays.copyOf(whole, 5), "cache c, store key 's:k'"));
        assertTrue(truncated.getMessage().startsWith("cache c, store key 's:k'"), truncated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EntryEnvelope.parse("plain".getBytes(), "test"));
    }

    @Test
    void aValueOfACodecThisCacheLacksIsRefused() {
        EntryEnvelope foreign = new EntryEnvelope(0, null, "no-such-codec", 1, new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> foreign.value(codecs, "test"));
    }
}
