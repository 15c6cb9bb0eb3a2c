package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stowage.spi.IndexFunction;
import io.stowage.spi.IndexKeys;

/**
 * The index benchmark measures what it says: the JSON function activates from its defaults, and each record gives
 * each index exactly one key, its e-mail its own, so every put moves one entry per index and a lookup finds one hit.
 */
class IndexPairedTest {

    private final IndexFunction json = IndexPaired.jsonIndex();

    @Test
    void eachRecordGivesEachIndexOneKeyAndItsEmailIsItsOwn() {
        IndexKeys email = json.bind(Map.of("pointer", "/email", "lowercase", "true"));
        IndexKeys city = json.bind(Map.of("pointer", "/city"));
        IndexKeys tier = json.bind(Map.of("pointer", "/tier"));
        for (long i : new long[] {0, 1, 9_999, 10_000, 999_999, 1_000_003, 123_456_789}) {
            byte[] record = IndexPaired.record(i);
            assertEquals(List.of(IndexPaired.email(i)), List.copyOf(email.keys(IndexPaired.key(i), record)));
            assertEquals(1, city.keys(IndexPaired.key(i), record).size(), "record " + i);
            assertEquals(1, tier.keys(IndexPaired.key(i), record).size(), "record " + i);
            assertTrue(record.length >= 100 && record.length <= 160, "record " + i + " is " + record.length + " B");
        }
        assertEquals("customer:000001234", IndexPaired.key(1234));
    }
}
