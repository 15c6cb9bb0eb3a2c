package io.stowage.testkit.linearizability;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sequential specification the linearizability checks hold a store to: a map of small integers, each operation
 * of {@link StoreOperations} applied whole, one at a time. Lincheck finds the methods by the operations' names and
 * parameter types, and accepts a concurrent run only if some order of these calls returns what the store returned.
 */
public class StoreSpecification {

    private final TreeMap<Integer, Integer> entries = new TreeMap<>();

    public Integer get(int key) {
        return entries.get(key);
    }

    public void put(int key, int value) {
        entries.put(key, value);
    }

    public boolean delete(int key) {
        return entries.remove(key) != null;
    }

    public boolean putIfAbsent(int key, int value) {
        return entries.putIfAbsent(key, value) == null;
    }

    public boolean replace(int key, int expected, int value) {
        if (!Objects.equals(entries.get(key), expected)) {
            return false;
        }
        entries.put(key, value);
        return true;
    }

    public void writeBoth(int key, int value) {
        entries.put(key, value);
        entries.put(StoreOperations.next(key), value);
    }

    public List<Integer> getAll(int key) {
        return Arrays.asList(entries.get(key), entries.get(StoreOperations.next(key)));
    }

    public List<Integer> transfer(int key) {
        int from = entries.getOrDefault(key, 0);
        int to = entries.getOrDefault(StoreOperations.next(key), 0);
        entries.put(key, from - 1);
        entries.put(StoreOperations.next(key), to + 1);
        return List.of(from, to);
    }

    public List<Integer> readBoth(int key) {
        return getAll(key);
    }
}
