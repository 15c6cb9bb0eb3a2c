package io.stowage.testkit.linearizability;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of {@link TransactionOperations} on a store of the kernel on the memory backend is linearizable:
 * Lincheck's model checker runs small scenarios under many thread interleavings and finds each result explained by
 * one order of the calls on {@link StoreSpecification}. The kernel and the backend are both plain Java, so the checker
 * schedules every shared memory access and lock of theirs, the transaction runner's gate and pauses included.
 */
public class MemoryStoreLinearizabilityTest extends TransactionOperations {

    private static ServedStore served;

    public MemoryStoreLinearizabilityTest() {
        super(served.store());
    }

    @BeforeAll
    static void serve() {
        served = ServedStore.memory();
    }

    @AfterAll
    static void end() throws IOException {
        served.close();
    }

    @Test
    void linearizableUnderModelChecking() {
        Checks.modelChecking(true).check(getClass());
    }
}
