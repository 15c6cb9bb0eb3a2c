package io.stowage.testkit.linearizability;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

import io.stowage.api.Batch;
import io.stowage.api.Store;

/**
 * The operations Lincheck runs concurrently on a {@link Store}, over {@value #KEYS} keys holding small integers, and
 * compares with {@link StoreSpecification}: get, put, delete, putIfAbsent, replace (compare-and-set), a two-key
 * {@link Batch} and a two-key getAll. A subclass supplies the store and runs the check; Lincheck makes a new
 * instance for every run of a scenario, and the constructor empties the keys so that each run starts alike.
 *
 * <p>Keys are the store's keys {@code k0} and {@code k1}, values the integers 1 and 2; two-key operations take the
 * key named and the other one. Lincheck reads the parameters' ranges from the class that declares the operations,
 * so they are declared here for every subclass.
 */
@Param(name = "key", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "1:2")
public abstract class StoreOperations {

    /** How many keys the operations touch: few, so that concurrent operations meet on the same key. */
    static final int KEYS = 2;

    protected final Store store;

    protected StoreOperations(Store store) {
        this.store = store;
        for (int key = 0; key < KEYS; key++) {
            store.delete(name(key));
        }
    }

    static int next(int key) {
        return (key + 1) % KEYS;
    }

    static String name(int key) {
        return "k" + key;
    }

    static byte[] bytes(int value) {
        return Integer.toString(value).getBytes(UTF_8);
    }

    static Integer number(byte[] value) {
        return value == null ? null : Integer.valueOf(new String(value, UTF_8));
    }

    @Operation
    public Integer get(@Param(name = "key") int key) {
        return number(store.get(name(key)));
    }

    @Operation
    public void put(@Param(name = "key") int key, @Param(name = "value") int value) {
        store.put(name(key), bytes(value));
    }

    @Operation
    public boolean delete(@Param(name = "key") int key) {
        return store.delete(name(key));
    }

    @Operation
    public boolean putIfAbsent(@Param(name = "key") int key, @Param(name = "value") int value) {
        return store.putIfAbsent(name(key), bytes(value));
    }

    @Operation
    public boolean replace(@Param(name = "key") int key, @Param(name = "value") int expected,
            @Param(name = "value") int value) {
        return store.replace(name(key), bytes(expected), bytes(value));
    }

    @Operation
    public void writeBoth(@Param(name = "key") int key, @Param(name = "value") int value) {
        store.write(Batch.builder().put(name(key), bytes(value)).put(name(next(key)), bytes(value)).build());
    }

    @Operation
    public List<Integer> getAll(@Param(name = "key") int key) {
        Map<String, byte[]> found = store.getAll(List.of(name(key), name(next(key))));
        return Arrays.asList(number(found.get(name(key))), number(found.get(name(next(key)))));
    }
}
