package io.stowage.testkit.linearizability;

import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The Lincheck settings of the linearizability checks: the hand-made {@link Scenarios} and a few random ones, all
 * small (two threads of two operations, one before and one after). Every run goes through the whole kernel, which
 * under the model checker takes tens of milliseconds, so the budget of runs is small and the races that matter most
 * are not left to chance.
 */
final class Checks {

    private Checks() {
    }

    /**
     * Model checking, for a store whose whole code path runs in the JVM (the memory backend): each scenario under
     * many interleavings chosen by the checker, switching threads at shared memory accesses and locks.
     */
    static ModelCheckingOptions modelChecking(boolean transactions) {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(2)
                .invocationsPerIteration(20)
                // The kernel's traffic counters and latency windows are in no result, and their clock readings and
                // random sampling would make runs differ where the model checker needs them to repeat
                .addGuarantee(ManagedStrategyGuaranteeKt
                        .forClasses(name -> name.startsWith("io.stowage.kernel.metrics.")).allMethods().ignore());
        return small(options, transactions);
    }

    /**
     * Stress, for a store whose backend runs outside the model checker's reach (native code, another process): each
     * scenario run many times on real threads.
     */
    static StressOptions stress(boolean transactions) {
        return small(new StressOptions().iterations(10).invocationsPerIteration(200), transactions);
    }

    private static <O extends Options<O, ?>> O small(O options, boolean transactions) {
        options.threads(2)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(StoreSpecification.class);
        Scenarios.pointRaces().forEach(options::addCustomScenario);
        if (transactions) {
            Scenarios.transactionRaces().forEach(options::addCustomScenario);
        }
        return options;
    }
}
