package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.stowage.api.Entry;
import io.stowage.api.Store;

/**
 * A bank in the style of Jepsen's: accounts in one store, teller threads moving amounts between two of them with
 * {@link Store#transact}, and auditor threads summing all of them in read-only transactions. {@link #verify} then
 * proves that no transaction committed half or twice, and none that was acknowledged was lost:
 * <ul>
 * <li>every snapshot an auditor's transaction returned holds every account and the opening total;</li>
 * <li>each teller records its transfers in a ledger key of its own, in the same transaction: how many, and what they
 * added to each account. The count it read when a transfer was acknowledged is the one it left after the previous,
 * plus at most the transfers whose outcome it could not know (a {@link io.stowage.api.BackendUnavailableException}
 * after its work had returned, so the commit may have been sent); at the end likewise; and the opening balances plus
 * what the ledgers say are exactly the balances the store holds.</li>
 * </ul>
 * A {@link io.stowage.api.TransactionConflictException}, or an unavailable backend before the work returned, means
 * nothing was written. Everything else a teller or auditor caught is a {@link #failures() failure}; whether
 * unavailability is one is the test's call ({@link #unavailable()}).
 */
public final class Bank {

    static final String ACCOUNTS_FROM = "acct:";
    /** The key after every account key: ';' follows ':'. */
    static final String ACCOUNTS_TO = "acct;";

    final Store store;
    final int accounts;
    final long opening;
    private final List<BankTeller> tellers = new ArrayList<>();
    private final List<BankAuditor> auditors = new ArrayList<>();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** The first few failures as unavailable, for the summary. */
    private final List<String> unavailable = Collections.synchronizedList(new ArrayList<>());
    volatile boolean running;

    private Bank(Store store, int accounts, long opening) {
        this.store = store;
        this.accounts = accounts;
        this.opening = opening;
    }

    /** Opens {@code accounts} accounts of {@code balance} each in a store that holds none of the bank's keys yet. */
    public static Bank open(Store store, int accounts, long balance) {
        if (accounts < 2) {
            throw new IllegalArgumentException("a transfer needs two accounts: " + accounts);
        }
        Bank bank = new Bank(store, accounts, balance);
        boolean fresh = store.transact(tx -> {
            boolean empty = tx.scan(ACCOUNTS_FROM, ACCOUNTS_TO, 1).items().isEmpty()
                    && tx.keys(BankTeller.LEDGER_PREFIX + "*", 1).items().isEmpty();
            for (int i = 0; i < accounts; i++) {
                tx.put(account(i), number(balance));
            }
            return empty;
        });
        if (!fresh) {
            throw new IllegalStateException("store " + store.name() + " holds a bank already");
        }
        return bank;
    }

    /** Starts the tellers and auditors, each on a thread of its own named after the store. */
    public synchronized void start(int tellerThreads, int auditorThreads) {
        if (running || !tellers.isEmpty()) {
            throw new IllegalStateException("the bank of " + store.name() + " was started already");
        }
        running = true;
        for (int t = 0; t < tellerThreads; t++) {
            tellers.add(new BankTeller(this, t));
        }
        for (int a = 0; a < auditorThreads; a++) {
            auditors.add(new BankAuditor(this, a));
        }
        tellers.forEach(Thread::start);
        auditors.forEach(Thread::start);
    }

    /** Stops the threads and waits for each, up to 30 s: the longest a transaction waits for a backend and retries. */
    public void stop() throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Thread> threads = new ArrayList<>(tellers);
        threads.addAll(auditors);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not stop within 30 s");
            }
        }
    }

    /**
     * Lets the bank run for at least {@code duration} and until it acknowledged {@code transfers} transfers and took
     * {@code snapshots} snapshots; throws {@link AssertionError} if that takes 30 s longer, or a violation shows.
     */
    public void run(Duration duration, long transfers, long snapshots) {
        long started = System.nanoTime();
        long until = started + duration.toNanos();
        long deadline = until + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until || transfers() < transfers || snapshots() < snapshots) {
            if (System.nanoTime() > deadline || !violations.isEmpty()) {
                throw new AssertionError("after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                        + " ms, wanted " + transfers + " transfers and " + snapshots + " snapshots: " + summary());
            }
            // Polling the counters, not waiting for time to pass
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Transfers acknowledged so far. */
    public long transfers() {
        return tellers.stream().mapToLong(teller -> teller.acknowledged.get()).sum();
    }

    /** Snapshots the auditors took so far (each one checked). */
    public long snapshots() {
        return auditors.stream().mapToLong(auditor -> auditor.snapshots.get()).sum();
    }

    /** Transactions of tellers and auditors that gave up on conflicts. */
    public long conflicts() {
        return tellers.stream().mapToLong(teller -> teller.conflicts.get()).sum()
                + auditors.stream().mapToLong(auditor -> auditor.conflicts.get()).sum();
    }

    /** Transactions of tellers and auditors that failed as backend unavailable. */
    public long unavailable() {
        return tellers.stream().mapToLong(teller -> teller.unavailable.get()).sum()
                + auditors.stream().mapToLong(auditor -> auditor.unavailable.get()).sum();
    }

    /** Transfers that failed as unavailable after their work returned: committed or not, nobody can tell. */
    public long unknown() {
        return tellers.stream().mapToLong(teller -> teller.unknown.get()).sum();
    }

    /** What tellers and auditors caught that is neither a conflict nor unavailability (the first 5). */
    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** A line for assertion messages and logs. */
    public String summary() {
        return "bank of " + store.name() + ": " + transfers() + " transfers acknowledged, " + unknown()
                + " unknown, " + snapshots() + " snapshots, " + conflicts() + " conflicts, " + unavailable()
                + " unavailable " + firstUnavailable() + ", failures " + failures() + ", first violations "
                + firstViolations();
    }

    /**
     * After {@link #stop}: reads the store and throws {@link AssertionError} unless every snapshot held the total,
     * every teller's count agrees with what it saw acknowledged, and the ledgers account for the balances.
     */
    public void verify() {
        if (running) {
            throw new IllegalStateException("stop the bank before verifying it");
        }
        List<String> found = new ArrayList<>(firstViolations());
        long[] balances = new long[accounts];
        List<Entry> held = store.scan(ACCOUNTS_FROM, ACCOUNTS_TO, accounts + 1).items();
        if (held.size() != accounts) {
            found.add("the store holds " + held.size() + " accounts, not " + accounts);
        }
        long total = 0;
        for (Entry entry : held) {
            int index = Integer.parseInt(entry.key().substring(ACCOUNTS_FROM.length()));
            balances[index] = parse(entry.value());
            total += balances[index];
        }
        if (total != total()) {
            found.add("the accounts hold " + total + " in all, not " + total());
        }
        long[] expected = new long[accounts];
        Arrays.fill(expected, opening);
        for (BankTeller teller : tellers) {
            teller.verify(found, expected);
        }
        if (!Arrays.equals(balances, expected)) {
            found.add("the balances are not what the tellers' ledgers make of the opening ones: held "
                    + Arrays.toString(balances) + ", expected " + Arrays.toString(expected));
        }
        if (!found.isEmpty()) {
            throw new AssertionError(summary() + ": " + found);
        }
    }

    long total() {
        return opening * accounts;
    }

    void violation(String what) {
        if (violations.size() < 20) {
            violations.add(what);
        }
    }

    void unavailable(String what) {
        if (unavailable.size() < 3) {
            unavailable.add(what);
        }
    }

    void failure(String what) {
        if (failures.size() < 5) {
            failures.add(what);
        }
    }

    private List<String> firstUnavailable() {
        synchronized (unavailable) {
            return List.copyOf(unavailable);
        }
    }

    private List<String> firstViolations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** After a failure as unavailable: a client backs off from a backend that is down rather than spin on it. */
    static void backOff() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }

    static String account(int index) {
        return ACCOUNTS_FROM + String.format("%05d", index);
    }

    static byte[] number(long value) {
        return Long.toString(value).getBytes(UTF_8);
    }

    static long parse(byte[] value) {
        if (value == null) {
            throw new IllegalStateException("a bank key is missing");
        }
        return Long.parseLong(new String(value, UTF_8));
    }
}
