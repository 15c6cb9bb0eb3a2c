package io.stowage.testkit.linearizability;

import java.util.Arrays;
import java.util.List;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

import io.stowage.api.Store;
import io.stowage.api.Transaction;

/**
 * {@link StoreOperations} and two transactions over the same keys, which {@link StoreSpecification} runs whole: a
 * transfer of one unit from a key to the other (an absent key counts as 0; it reads both and writes both, and
 * returns what it read) and a read-only transaction returning both values. Serializable transactions over a
 * linearizable store are linearizable too, so the same check holds them to the sequential specification.
 */
@Param(name = "key", gen = IntGen.class, conf = "0:1")
public abstract class TransactionOperations extends StoreOperations {

    protected TransactionOperations(Store store) {
        super(store);
    }

    @Operation
    public List<Integer> transfer(@Param(name = "key") int key) {
        return store.transact(tx -> {
            int from = count(tx, key);
            int to = count(tx, next(key));
            tx.put(name(key), bytes(from - 1));
            tx.put(name(next(key)), bytes(to + 1));
            return List.of(from, to);
        });
    }

    @Operation
    public List<Integer> readBoth(@Param(name = "key") int key) {
        return store.transact(tx -> Arrays.asList(number(tx.get(name(key))), number(tx.get(name(next(key))))));
    }

    private static int count(Transaction tx, int key) {
        Integer value = number(tx.get(name(key)));
        return value == null ? 0 : value;
    }
}
