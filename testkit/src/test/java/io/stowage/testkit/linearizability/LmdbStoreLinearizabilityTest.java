package io.stowage.testkit.linearizability;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of {@link TransactionOperations} on a store of the kernel on LMDB is linearizable, under Lincheck's
 * stress mode: LMDB is native code, which the model checker cannot see into or schedule, so real threads race
 * instead, and every run's results must still be explained by one order of the calls on {@link StoreSpecification}.
 */
public class LmdbStoreLinearizabilityTest extends TransactionOperations {

    private static ServedStore served;

    public LmdbStoreLinearizabilityTest() {
        super(served.store());
    }

    @BeforeAll
    static void serve() throws IOException {
        served = ServedStore.lmdb();
    }

    @AfterAll
    static void end() throws IOException {
        served.close();
    }

    @Test
    void linearizableUnderStress() {
        Checks.stress(true).check(getClass());
    }
}
