package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

import io.stowage.api.Entry;
import io.stowage.api.InvalidKeyException;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.InvalidTtlException;
import io.stowage.api.InvalidValueException;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;
import io.stowage.api.Transaction;
import io.stowage.api.TransactionConflictException;
import io.stowage.api.UnsupportedCapabilityException;

/**
 * The transaction cases of the Store contract ({@link Store#transact}): read-your-writes, conflicts on keys read and
 * on ranges scanned, expiry during a transaction, retries used up, and a {@link Bank} whose total holds in every
 * snapshot while transfers run. {@link StoreContract} extends it, so every backend's contract test runs them; how to
 * reach the storage service and how time passes are said here.
 *
 * <p>Conflicts are made on purpose: the work writes through the store itself on its first attempt, between its
 * read and its commit. Work with effects outside the transaction is what the API forbids to applications; here it is
 * the one way to place a concurrent write at an exact point.
 */
public abstract class TransactionContract {

    private static final AtomicInteger STORES = new AtomicInteger();

    protected Store store;

    /** The storage service under test; the same one for every test of the class is fine. */
    protected abstract StorageService storage();

    /** Lets at least {@code duration} pass for the kernel's clock: by default the real one, so it sleeps. */
    protected void elapse(Duration duration) {
        // Not a synchronisation: the expiry tests need this much real time to pass, and nothing to happen meanwhile
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while letting time pass", e);
        }
    }

    /** Whether {@link #elapse} moves a manual clock exactly, so that expiry boundaries can be tested. */
    protected boolean clockIsExact() {
        return false;
    }

    /**
     * The TTL used by expiry tests. Where time really passes it must outlast the checks made right after a put even
     * on a loaded machine; with a manual clock it can be anything.
     */
    protected Duration shortTtl() {
        return clockIsExact() ? Duration.ofMillis(300) : Duration.ofSeconds(1);
    }

    @Before
    public void openStore() {
        store = freshStore();
    }

    @After
    public void clearStore() {
        if (store != null) {
            try {
                store.clear();
            } catch (StoreClosedException alreadyClosed) {
                // the test closed it
            }
        }
    }

    protected Store freshStore() {
        return storage().store("tck" + STORES.incrementAndGet());
    }


    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    /**
     * Skips a transaction case when the store's backend lacks {@code CONDITIONAL_WRITE}: a third party's backend
     * without it still runs the rest of the contract, and its report shows what was not checked.
     */
    private void assumeTransactions() {
        try {
            store.transact(tx -> null);
        } catch (UnsupportedCapabilityException lacking) {
            Assume.assumeNoException(lacking);
        }
    }

    // --- transactions: what a transaction sees, and what it writes

    @Test
    public void transactionReadsItsOwnWrites() {
        assumeTransactions();
        store.put("a", bytes("stored"));
        store.put("b", bytes("gone"));
        String seen = store.transact(tx -> {
            tx.put("a", bytes("mine"));
            tx.delete("b");
            tx.put("c", bytes("new"));
            return text(tx.get("a")) + "," + text(tx.get("b")) + "," + tx.exists("c") + ","
                    + tx.getAll(List.of("a", "b", "c")).keySet();
        });
        assertEquals("mine,null,true,[a, c]", seen);
    }

    @Test
    public void transactionScansAndListingsSeeItsOwnWritesInKeyOrder() {
        assumeTransactions();
        store.put("k1", bytes("1"));
        store.put("k3", bytes("3"));
        store.put("k5", bytes("5"));
        List<String> seen = store.transact(tx -> {
            tx.put("k2", bytes("2"));
            tx.delete("k3");
            tx.put("k5", bytes("five"));
            List<String> scanned = new ArrayList<>();
            for (Entry entry : tx.scan("k", "l", 10).items()) {
                scanned.add(entry.key() + "=" + text(entry.value()));
            }
            scanned.add(String.join("|", tx.keys("k*", 10).items()));
            return scanned;
        });
        assertEquals(List.of("k1=1", "k2=2", "k5=five", "k1|k2|k5"), seen);
    }

    @Test
    public void transactionScansPageWithContinuations() {
        assumeTransactions();
        for (int i = 0; i < 7; i++) {
            store.put("p" + i, bytes("v" + i));
        }
        List<String> keys = store.transact(tx -> {
            tx.put("p35", bytes("x"));
            List<String> all = new ArrayList<>();
            String after = null;
            do {
                Page<Entry> page = tx.scan(null, null, 3, after);
                page.items().forEach(entry -> all.add(entry.key()));
                after = page.continuation();
            } while (after != null);
            return all;
        });
        assertEquals(List.of("p0", "p1", "p2", "p3", "p35", "p4", "p5", "p6"), keys);
    }

    @Test
    public void committedTransactionAppliesEveryWriteAndReturnsTheResult() {
        assumeTransactions();
        store.put("from", bytes("10"));
        String result = store.transact(tx -> {
            int from = Integer.parseInt(text(tx.get("from")));
            tx.put("from", bytes(Integer.toString(from - 3)));
            tx.put("to", bytes("3"));
            tx.put("expiring", bytes("e"), Duration.ofHours(1));
            return "moved";
        });
        assertEquals("moved", result);
        assertEquals("7", text(store.get("from")));
        assertEquals("3", text(store.get("to")));
        assertTrue(store.ttl("expiring").expires());
    }

    @Test
    public void transactionPutIfAbsentWritesOnlyWhenAbsent() {
        assumeTransactions();
        store.put("taken", bytes("old"));
        List<Boolean> written = store.transact(tx -> List.of(tx.putIfAbsent("taken", bytes("new")),
                tx.putIfAbsent("free", bytes("new")), tx.putIfAbsent("free", bytes("again"))));
        assertEquals(List.of(false, true, false), written);
        assertEquals("old", text(store.get("taken")));
        assertEquals("new", text(store.get("free")));
    }

    @Test
    public void workThatThrowsWritesNothingAndItsExceptionReachesTheCaller() {
        assumeTransactions();
        store.put("a", bytes("1"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.transact(tx -> {
            tx.get("a");
            tx.put("a", bytes("2"));
            tx.put("b", bytes("2"));
            throw new IllegalStateException("refused by the work");
        }));
        assertEquals("refused by the work", thrown.getMessage());
        assertEquals("1", text(store.get("a")));
        assertNull(store.get("b"));
    }

    @Test
    public void transactionIsUnusableAfterItsWork() {
        assumeTransactions();
        Transaction[] leaked = new Transaction[1];
        store.transact(tx -> leaked[0] = tx);
        assertThrows(IllegalStateException.class, () -> leaked[0].get("a"));
        assertThrows(IllegalStateException.class, () -> leaked[0].put("a", bytes("x")));
    }

    @Test
    public void transactionRefusesBadInputAsTheStoreDoes() {
        assumeTransactions();
        assertThrows(InvalidKeyException.class, () -> store.transact(tx -> tx.get("")));
        assertThrows(InvalidKeyException.class, () -> store.transact(tx -> {
            tx.put("x".repeat(Limits.MAX_KEY_BYTES + 1), bytes("v"));
            return null;
        }));
        assertThrows(InvalidTtlException.class, () -> store.transact(tx -> {
            tx.put("k", bytes("v"), Duration.ofSeconds(-1));
            return null;
        }));
        assertThrows(InvalidPatternException.class, () -> store.transact(tx -> tx.keys("a\\", 10)));
        assertThrows(InvalidValueException.class, () -> store.transact(tx -> {
            tx.put("k", null);
            return null;
        }));
        assertNull(store.get("k"));
    }

    // --- transactions: conflicts and retries

    @Test
    public void changeOfAKeyReadConflictsAndTheWorkRunsAgain() {
        assumeTransactions();
        store.put("counter", bytes("1"));
        AtomicInteger attempts = new AtomicInteger();
        store.transact(tx -> {
            int seen = Integer.parseInt(text(tx.get("counter")));
            if (attempts.incrementAndGet() == 1) {
                store.put("counter", bytes("100"));
            }
            tx.put("counter", bytes(Integer.toString(seen + 1)));
            return null;
        });
        assertEquals(2, attempts.get());
        assertEquals("101", text(store.get("counter")));
    }

    @Test
    public void creationOfAKeyReadAsAbsentConflicts() {
        assumeTransactions();
        AtomicInteger attempts = new AtomicInteger();
        boolean created = store.transact(tx -> {
            boolean absent = !tx.exists("lock");
            if (attempts.incrementAndGet() == 1) {
                store.put("lock", bytes("someone else"));
            }
            if (absent) {
                tx.put("lock", bytes("me"));
            }
            return absent;
        });
        assertEquals(2, attempts.get());
        assertFalse(created);
        assertEquals("someone else", text(store.get("lock")));
    }

    @Test
    public void keyAddedToAScannedRangeIsAConflict() {
        assumeTransactions();
        store.put("item:1", bytes("a"));
        store.put("item:3", bytes("c"));
        AtomicInteger attempts = new AtomicInteger();
        int counted = store.transact(tx -> {
            int items = tx.keys("item:*", 100).items().size();
            if (attempts.incrementAndGet() == 1) {
                store.put("item:2", bytes("phantom"));
            }
            tx.put("count", bytes(Integer.toString(items)));
            return items;
        });
        assertEquals(2, attempts.get());
        assertEquals(3, counted);
        assertEquals("3", text(store.get("count")));
    }

    @Test
    public void writesOutsideWhatWasReadDoNotConflict() {
        assumeTransactions();
        store.put("read", bytes("r"));
        AtomicInteger attempts = new AtomicInteger();
        store.transact(tx -> {
            tx.get("read");
            tx.scan("m", "n", 10);
            attempts.incrementAndGet();
            store.put("unrelated", bytes("u"));
            store.put("n-after-the-range", bytes("u"));
            tx.put("blind", bytes("mine"));
            store.put("blind", bytes("theirs, overwritten by the commit"));
            return null;
        });
        assertEquals(1, attempts.get());
        assertEquals("mine", text(store.get("blind")));
    }

    @Test
    public void expiryOfAnEntryReadLiveIsAChange() {
        assumeTransactions();
        store.put("lease", bytes("held"), shortTtl());
        AtomicInteger attempts = new AtomicInteger();
        String seen = store.transact(tx -> {
            String lease = text(tx.get("lease"));
            if (attempts.incrementAndGet() == 1) {
                elapse(shortTtl().plusMillis(50));
            }
            tx.put("seen", bytes(String.valueOf(lease)));
            return lease;
        });
        assertEquals(2, attempts.get());
        assertNull(seen);
        assertEquals("null", text(store.get("seen")));
    }

    @Test
    public void workFailingOnAViewThatChangedRunsAgain() {
        assumeTransactions();
        store.put("state", bytes("bad"));
        AtomicInteger attempts = new AtomicInteger();
        String result = store.transact(tx -> {
            String state = text(tx.get("state"));
            if (attempts.incrementAndGet() == 1) {
                store.put("state", bytes("good"));
            }
            if (!state.equals("good")) {
                throw new IllegalStateException("inconsistent: " + state);
            }
            return state;
        });
        assertEquals("good", result);
        assertEquals(2, attempts.get());
    }

    @Test
    public void conflictsOnEveryAttemptEndInATypedExceptionWithNothingWritten() {
        assumeTransactions();
        store.put("hot", bytes("0"));
        AtomicInteger attempts = new AtomicInteger();
        TransactionConflictException thrown = assertThrows(TransactionConflictException.class,
                () -> store.transact(tx -> {
                    tx.get("hot");
                    store.put("hot", bytes(Integer.toString(attempts.incrementAndGet())));
                    tx.put("written", bytes("never"));
                    return null;
                }));
        assertTrue(thrown.getMessage(), thrown.getMessage().contains(store.namespace() + "/" + store.name()));
        assertTrue("attempts: " + attempts.get(), attempts.get() > 1);
        assertNull(store.get("written"));
    }

    @Test
    public void concurrentTransfersKeepTheTotalInEverySnapshot() throws Exception {
        assumeTransactions();
        Bank bank = Bank.open(store, 8, 100);
        bank.start(4, 1);
        try {
            bank.run(Duration.ofSeconds(2), 200, 20);
        } finally {
            bank.stop();
        }
        bank.verify();
        assertEquals(bank.summary(), List.of(), bank.failures());
        assertEquals(bank.summary(), 0, bank.unavailable());
    }
}
