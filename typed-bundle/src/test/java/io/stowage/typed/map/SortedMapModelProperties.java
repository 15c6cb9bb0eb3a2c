package io.stowage.typed.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import io.stowage.typed.Codecs;
import io.stowage.typed.PersistentMaps;
import io.stowage.typed.SortedPersistentMap;
import io.stowage.typed.TestStores;

/**
 * Sorted maps (memory backend) against TreeMaps: random sequences of writes and navigation give the same answers and
 * content, for the whole map and for a view of it; and the search for a range's last key (with more keys than a page,
 * so it searches rather than reads) finds what the TreeMap finds, with keys of shared prefixes, supplementary
 * characters, U+0000 and U+10FFFF.
 */
class SortedMapModelProperties {

    private static TestStores stores;

    @BeforeContainer
    static void open() {
        stores = TestStores.memory();
    }

    @AfterContainer
    static void close() {
        stores.close();
    }

    record Op(int kind, int key, int value) {
    }

    @Property(tries = 200)
    void behavesAsATreeMap(@ForAll("ops") List<Op> ops, @ForAll boolean throughAView) {
        SortedPersistentMap<Integer, Integer> whole = PersistentMaps.sorted(stores.fresh(), Codecs.integers(),
                Codecs.integers());
        TreeMap<Integer, Integer> wholeModel = new TreeMap<>();
        NavigableMap<Integer, Integer> map = throughAView ? whole.subMap(-10, false, 10, true).descendingMap() : whole;
        NavigableMap<Integer, Integer> model = throughAView ? wholeModel.subMap(-10, false, 10, true).descendingMap()
                : wholeModel;
        for (Op op : ops) {
            int key = throughAView ? Math.max(-9, Math.min(10, op.key())) : op.key();
            assertEquals(apply(model, op, key), apply(map, op, key), op::toString);
        }
        assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(map.entrySet()));
        assertEquals(new ArrayList<>(wholeModel.descendingMap().entrySet()),
                new ArrayList<>(whole.descendingMap().entrySet()));
    }

    private static Object apply(NavigableMap<Integer, Integer> map, Op op, int key) {
        int value = op.value();
        return switch (op.kind()) {
            case 0 -> map.put(key, value);
            case 1 -> map.remove(key);
            case 2 -> map.putIfAbsent(key, value);
            case 3 -> map.replace(key, value);
            case 4 -> map.merge(key, value, Integer::sum);
            case 5 -> map.compute(key, (k, v) -> v == null || v % 2 == 0 ? null : v + 1);
            case 6 -> String.valueOf(map.pollFirstEntry());
            case 7 -> String.valueOf(map.pollLastEntry());
            case 8 -> List.of(String.valueOf(map.floorKey(key)), String.valueOf(map.lowerKey(key)),
                    String.valueOf(map.ceilingKey(key)), String.valueOf(map.higherKey(key)));
            case 9 -> map.isEmpty() ? "empty" : List.of(map.firstKey(), map.lastKey(), map.size());
            case 10 -> new ArrayList<>(map.headMap(key, value % 2 == 0).keySet());
            default -> map.remove(key, value);
        };
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(-15, 15), Arbitraries.integers().between(-3, 3)).as(Op::new);
        return op.list().ofMaxSize(40);
    }

    @Property(tries = 40)
    void findsTheLastKeyATreeMapFinds(@ForAll("keys") Set<String> keys, @ForAll("keys") Set<String> probes) {
        SortedPersistentMap<String, String> map = PersistentMaps.sorted(stores.fresh(), Codecs.strings(),
                Codecs.strings());
        NavigableMap<String, String> model = new TreeMap<>(KeyOrder::compare);
        for (String key : keys) {
            map.set(key, "v");
            model.put(key, "v");
        }
        assertEquals(model.lastKey(), map.lastKey());
        for (String probe : probes.stream().limit(20).toList()) {
            assertEquals(model.floorKey(probe), map.floorKey(probe), () -> "floor " + probe);
            assertEquals(model.lowerKey(probe), map.lowerKey(probe), () -> "lower " + probe);
            assertEquals(model.headMap(probe, true).isEmpty() ? null : model.headMap(probe, true).lastKey(),
                    map.headMap(probe, true).isEmpty() ? null : map.headMap(probe, true).lastKey());
            assertEquals(String.valueOf(model.tailMap(probe, false).lastEntry()),
                    String.valueOf(map.tailMap(probe, false).lastEntry()));
        }
    }

    @Provide
    Arbitrary<Set<String>> keys() {
        Arbitrary<Integer> codePoints = Arbitraries.oneOf(
                Arbitraries.of(0, (int) 'a', (int) 'b', (int) 'z', 0x7F, 0x80, 0xFFFF, 0x10000, Character.MAX_CODE_POINT),
                Arbitraries.integers().between(0x20, 0x7E),
                Arbitraries.integers().between(0xE000, 0xFFFF),
                Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT));
        Arbitrary<String> suffixes = codePoints.list().ofMinSize(0).ofMaxSize(6).map(SortedMapModelProperties::text);
        Arbitrary<String> prefixes = Arbitraries.of("", "a", "ab", "abc", "\uD83D\uDE00", "\u0000", "zz");
        Arbitrary<String> keys = prefixes.flatMap(prefix -> suffixes.map(suffix -> prefix + suffix))
                .filter(key -> !key.isEmpty());
        return keys.set().ofMinSize(300).ofMaxSize(700);
    }

    private static String text(List<Integer> codePoints) {
        return new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size());
    }
}
