package io.stowage.testkit.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.api.Transaction;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testlog.Loggers;

/**
 * The bank bites: on a store whose transactions commit twice, or commit only part of their writes, its checks fail;
 * on the store as the kernel serves it, they pass.
 */
class BankTest {

    private MemoryBackend backend;
    private EmbeddedKernel kernel;
    private Store store;

    @BeforeEach
    void serve() {
        backend = MemoryBackend.outsideFramework("bank", 10_000_000L, Loggers.silent());
        kernel = EmbeddedKernel.serve(backend);
        store = kernel.namespace("io.stowage.bank").store("ledger");
    }

    @AfterEach
    void end() {
        kernel.close();
        backend.close();
    }

    @Test
    void aStoreThatCommitsEachTransactionOnceBalances() throws InterruptedException {
        Bank bank = run(store, new AtomicBoolean());
        bank.verify();
        assertTrue(bank.failures().isEmpty(), bank.summary());
    }

    @Test
    void aTransactionCommittedTwiceIsCaught() throws InterruptedException {
        AtomicBoolean broken = new AtomicBoolean();
        Bank bank = run(withTransact(store, broken, (work, real) -> {
            Object first = real.transact(work);
            real.transact(work);
            return first;
        }), broken);
        AssertionError caught = assertThrows(AssertionError.class, bank::verify);
        assertTrue(caught.getMessage().contains("an acknowledged transfer read the count"), caught.getMessage());
    }

    @Test
    void aTransactionCommittedHalfIsCaught() throws InterruptedException {
        // The second account a transfer writes is dropped: the money leaves one account and arrives nowhere
        AtomicBoolean broken = new AtomicBoolean();
        Bank bank = run(withTransact(store, broken, (work, real) -> real.transact(tx -> work.apply(dropping(tx)))),
                broken);
        AssertionError caught = assertThrows(AssertionError.class, bank::verify);
        assertTrue(caught.getMessage().contains("a snapshot held 8 accounts with"), caught.getMessage());
        assertTrue(caught.getMessage().contains("the balances are not what the tellers' ledgers make"),
                caught.getMessage());
    }

    /**
     * A bank of eight accounts run for a quarter of a second with four tellers and an auditor; the store breaks once
     * the accounts are open.
     */
    private static Bank run(Store on, AtomicBoolean broken) throws InterruptedException {
        Bank bank = Bank.open(on, 8, 100);
        broken.set(true);
        bank.start(4, 1);
        try {
            long until = System.nanoTime() + Duration.ofMillis(250).toNanos();
            while (System.nanoTime() < until || bank.transfers() < 20 || bank.snapshots() < 5) {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        } finally {
            bank.stop();
        }
        return bank;
    }

    /** How a broken store runs a transaction, given the work and the real store. */
    private interface Transact {
        Object run(Function<Transaction, Object> work, Store real);
    }

    @SuppressWarnings("unchecked")
    private static Store withTransact(Store real, AtomicBoolean broken, Transact transact) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> method.getName().equals("transact") && broken.get()
                        ? transact.run((Function<Transaction, Object>) args[0], real)
                        : forward(method, real, args));
    }

    /** A transaction that drops every second account write. */
    private static Transaction dropping(Transaction real) {
        int[] accountWrites = {0};
        return (Transaction) Proxy.newProxyInstance(Transaction.class.getClassLoader(),
                new Class<?>[] {Transaction.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") && ((String) args[0]).startsWith(Bank.ACCOUNTS_FROM)
                            && ++accountWrites[0] % 2 == 0) {
                        return null;
                    }
                    return forward(method, real, args);
                });
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
