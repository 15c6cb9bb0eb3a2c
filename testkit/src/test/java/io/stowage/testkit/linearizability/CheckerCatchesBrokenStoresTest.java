package io.stowage.testkit.linearizability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks can fail: the same operations, specification and settings as {@link MemoryStoreLinearizabilityTest},
 * on the same kernel and backend behind a deliberately non-linearizable wrapper, end in Lincheck's report of results
 * that no sequential order explains. The failing scenario is reported as found, not shrunk first: that would only
 * cost time here.
 */
class CheckerCatchesBrokenStoresTest {

    private static ServedStore served;

    @BeforeAll
    static void serve() {
        served = ServedStore.memory();
    }

    @AfterAll
    static void end() throws IOException {
        served.close();
    }

    @Test
    void replaceAsGetThenPutIsCaught() {
        LincheckAssertionError failure = assertThrows(LincheckAssertionError.class,
                () -> Checks.modelChecking(false).minimizeFailedScenario(false).check(TornReplace.class));
        assertTrue(failure.getMessage().contains("Invalid execution results"), failure.getMessage());
    }

    @Test
    void transactionsCommittedWithoutValidationAreCaught() {
        LincheckAssertionError failure = assertThrows(LincheckAssertionError.class,
                () -> Checks.modelChecking(true).minimizeFailedScenario(false).check(UnvalidatedTransactions.class));
        assertTrue(failure.getMessage().contains("Invalid execution results"), failure.getMessage());
    }

    /** The operations on a store whose replace is a get and then a put. */
    public static class TornReplace extends StoreOperations {
        public TornReplace() {
            super(new TornReplaceStore(served.store()));
        }
    }

    /** The operations and transactions on a store whose transactions commit without checking their reads. */
    public static class UnvalidatedTransactions extends TransactionOperations {
        public UnvalidatedTransactions() {
            super(new UnvalidatedTransactionStore(served.store()));
        }
    }
}
