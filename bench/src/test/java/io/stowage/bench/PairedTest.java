package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PairedTest {

    @Test
    void anItemSelectsItsNameItsDottedChildrenAndWithAStarAnyPrefix() {
        assertTrue(Paired.selects("lmdb.get", "lmdb.get"));
        assertFalse(Paired.selects("lmdb.get", "lmdb.get-vs-mvstore"), "a peer is not a part of lmdb.get");
        assertTrue(Paired.selects("lmdb.get-vs-*", "lmdb.get-vs-mvstore"));
        assertTrue(Paired.selects("redis", "redis.raw-jedis-vs-lettuce"));
        assertTrue(Paired.selects("memory", "memory.get") && Paired.selects("memory", "memory.get-vs-lmdb"));
        assertFalse(Paired.selects("redis.get", "redis.put"));
    }

    @Test
    void theQuickSelectionOfTheDemonstrationNamesKnownComparisons() {
        List<String> selected = Paired.NAMES.stream()
                .filter(name -> Paired.selects("lmdb.get", name) || Paired.selects("memory.get", name)).toList();
        assertEquals(List.of("lmdb.get", "memory.get"), selected);
    }
}
