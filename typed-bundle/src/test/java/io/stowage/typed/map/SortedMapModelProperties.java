package io.stowage.typed.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
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
 * Random sequences of writes and navigation on a sorted map (memory backend) and on a TreeMap: every answer and the
 * final content are the same, for the whole map and for a view of it.
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
}
