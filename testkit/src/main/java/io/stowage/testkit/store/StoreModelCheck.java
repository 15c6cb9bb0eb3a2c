package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import io.stowage.api.Batch;
import io.stowage.api.Entry;
import io.stowage.api.Store;

/**
 * Runs random operations on a store and on a {@link TreeMap} ordered like the store (unsigned UTF-8 bytes), and
 * reports the first operation whose result differs. Usable from JUnit 4 in a framework and from jqwik outside one.
 */
public final class StoreModelCheck {

    private static final String[] KEYS = {"a", "a:1", "a:2", "a:10", "ab", "b", "b:x", "é", "😀", "z*", "z?", "z\\"};

    private final Store store;
    private final TreeMap<String, byte[]> model = new TreeMap<>(StoreModelCheck::compareUtf8);

    public StoreModelCheck(Store store) {
        this.store = store;
    }

    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
    }

    /** One step, chosen by {@code choice}; throws AssertionError when the store and the model disagree. */
    public void step(int choice, int keyIndex, int otherIndex, int valueSeed) {
        String key = KEYS[Math.floorMod(keyIndex, KEYS.length)];
        String other = KEYS[Math.floorMod(otherIndex, KEYS.length)];
        byte[] value = ("v" + Math.floorMod(valueSeed, 5)).getBytes(UTF_8);
        switch (Math.floorMod(choice, 9)) {
            case 0 -> {
                store.put(key, value);
                model.put(key, value);
            }
            case 1 -> check("delete " + key, model.remove(key) != null, store.delete(key));
            case 2 -> check("get " + key, text(model.get(key)), text(store.get(key)));
            case 3 -> check("putIfAbsent " + key, model.putIfAbsent(key, value) == null, store.putIfAbsent(key, value));
            case 4 -> {
                byte[] current = model.get(key);
                boolean expected = current != null && Arrays.equals(current, value);
                if (expected) {
                    model.put(key, ("r" + valueSeed).getBytes(UTF_8));
                }
                check("replace " + key, expected, store.replace(key, value, ("r" + valueSeed).getBytes(UTF_8)));
            }
            case 5 -> {
                String from = compareUtf8(key, other) <= 0 ? key : other;
                String to = compareUtf8(key, other) <= 0 ? other : key;
                List<String> expected = new ArrayList<>(model.subMap(from, true, to, false).keySet());
                List<String> actual = new ArrayList<>();
                String after = null;
                do {
                    var page = store.scan(from, to, 2, after);
                    page.items().stream().map(Entry::key).forEach(actual::add);
                    after = page.continuation();
                } while (after != null);
                check("scan [" + from + ", " + to + ")", expected, actual);
            }
            case 6 -> {
                String prefix = key.substring(0, key.offsetByCodePoints(0, 1));
                List<String> expected = model.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
                check("keys " + prefix + "*", expected, store.keys(prefix + "*", 100).items());
            }
            case 7 -> {
                store.write(Batch.builder().put(key, value).delete(other).build());
                model.put(key, value);
                if (!other.equals(key)) {
                    model.remove(other);
                } else {
                    model.remove(key);
                }
            }
            default -> check("count", (long) model.size(), store.count());
        }
    }

    /** {@code steps} random steps from a seed, for runs inside a framework. */
    public void run(long seed, int steps) {
        Random random = new Random(seed);
        for (int i = 0; i < steps; i++) {
            step(random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt());
        }
        Map<String, byte[]> all = store.getAll(Arrays.asList(KEYS));
        check("final contents", model.keySet(), new java.util.TreeSet<>(all.keySet()));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    private static void check(String operation, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(operation + ": model says " + expected + ", store says " + actual);
        }
    }
}
