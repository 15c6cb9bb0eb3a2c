package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Early attempts share the gate, late ones run alone, and nobody waits longer than the timeout. */
class TransactionGateTest {

    private static final int ATTEMPTS = 10;

    /** The other transaction's thread: a lock is released by the thread that took it. */
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOther() {
        other.shutdownNow();
    }

    @Test
    void earlyAttemptsShareTheGate() throws Exception {
        TransactionGate gate = new TransactionGate();
        Lock first = gate.enter(1, ATTEMPTS, 1_000);
        Lock second = CompletableFuture.supplyAsync(() -> gate.enter(5, ATTEMPTS, 1_000), other).get(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertNotNull(second);
        first.unlock();
        CompletableFuture.runAsync(second::unlock, other).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLateAttemptRunsAloneAndOthersWaitForIt() throws Exception {
        TransactionGate gate = new TransactionGate();
        Lock alone = gate.enter(6, ATTEMPTS, 1_000);
        assertNotNull(alone);
        assertNull(CompletableFuture.supplyAsync(() -> gate.enter(1, ATTEMPTS, 100), other).get(5, TimeUnit.SECONDS),
                "a shared attempt entered while one ran alone");
        CompletableFuture<Lock> waiting = CompletableFuture.supplyAsync(() -> gate.enter(1, ATTEMPTS, 5_000), other);
        alone.unlock();
        Lock shared = waiting.get(5, TimeUnit.SECONDS);
        assertNotNull(shared, "the shared attempt entered once the lone one was done");
        CompletableFuture.runAsync(shared::unlock, other).get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAttemptThatCannotEnterInTimeRunsUngated() throws Exception {
        TransactionGate gate = new TransactionGate();
        Lock shared = gate.enter(1, ATTEMPTS, 1_000);
        long started = System.nanoTime();
        Lock alone = CompletableFuture.supplyAsync(() -> gate.enter(10, ATTEMPTS, 50), other).get(5, TimeUnit.SECONDS);
        assertNull(alone);
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50));
        shared.unlock();
    }

    @Test
    void aTransactionInsideAnotherOfTheSameStoreNeverAsksToRunAlone() {
        TransactionGate gate = new TransactionGate();
        Lock outer = gate.enter(1, ATTEMPTS, 1_000);
        long started = System.nanoTime();
        Lock inner = gate.enter(10, ATTEMPTS, 2_000);
        assertNotNull(inner, "the inner attempt entered the gate, shared");
        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1_000), "the inner attempt waited");
        inner.unlock();
        outer.unlock();
    }
}
