package io.stowage.testkit.linearizability;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;

/**
 * Hand-made scenarios: the races a store is most likely to get wrong (two compare-and-sets from one value, two
 * putIfAbsents, a batch against a two-key read, two transfers, a transfer against a snapshot), which the checks run
 * besides the random ones so that a small budget of runs always covers them.
 */
final class Scenarios {

    private Scenarios() {
    }

    /** An operation of {@link TransactionOperations} (or {@link StoreOperations}) with its arguments. */
    static Actor call(String operation, Integer... arguments) {
        for (Method method : TransactionOperations.class.getMethods()) {
            if (method.getName().equals(operation) && method.getParameterCount() == arguments.length) {
                return new Actor(method, Arrays.asList((Object[]) arguments));
            }
        }
        throw new IllegalArgumentException("no operation " + operation + " of " + arguments.length + " arguments");
    }

    /** A scenario: {@code initial} alone, then two threads in parallel, then {@code post} alone. */
    static ExecutionScenario of(List<Actor> initial, List<Actor> first, List<Actor> second, List<Actor> post) {
        return new ExecutionScenario(new ArrayList<>(initial), List.of(new ArrayList<>(first), new ArrayList<>(second)),
                new ArrayList<>(post), null);
    }

    /** The races on the point operations and batches. */
    static List<ExecutionScenario> pointRaces() {
        return List.of(
                // Two compare-and-sets from the same value: at most one may succeed
                of(List.of(call("put", 0, 1)), List.of(call("replace", 0, 1, 2)), List.of(call("replace", 0, 1, 3)),
                        List.of(call("get", 0))),
                // A compare-and-set against a plain write: neither may be lost
                of(List.of(call("put", 0, 1)), List.of(call("replace", 0, 1, 2)), List.of(call("put", 0, 3)),
                        List.of(call("get", 0))),
                // Two putIfAbsents of an absent key: exactly one stores
                of(List.of(), List.of(call("putIfAbsent", 0, 1)), List.of(call("putIfAbsent", 0, 2)),
                        List.of(call("get", 0))),
                // A batch of two keys against a read of both: all or nothing
                of(List.of(call("writeBoth", 0, 1)), List.of(call("writeBoth", 0, 2)),
                        List.of(call("getAll", 0), call("get", 1)), List.of()),
                // A delete against a compare-and-set
                of(List.of(call("put", 0, 1)), List.of(call("delete", 0)), List.of(call("replace", 0, 1, 2)),
                        List.of(call("get", 0))));
    }

    /** The races of transactions, with each other and with plain writes. */
    static List<ExecutionScenario> transactionRaces() {
        return List.of(
                // Two transfers between the same keys: neither update may be lost
                of(List.of(), List.of(call("transfer", 0)), List.of(call("transfer", 0)),
                        List.of(call("readBoth", 0))),
                // A transfer against a snapshot of both keys: the snapshot sees it whole or not at all
                of(List.of(call("put", 0, 5)), List.of(call("transfer", 0)), List.of(call("readBoth", 1)),
                        List.of()),
                // A transfer against a plain write of a key it reads
                of(List.of(call("put", 0, 5)), List.of(call("transfer", 0)), List.of(call("put", 1, 7)),
                        List.of(call("readBoth", 0))));
    }
}
