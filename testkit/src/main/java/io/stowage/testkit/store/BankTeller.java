package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Entry;
import io.stowage.api.TransactionConflictException;

/**
 * One thread of a {@link Bank} moving a random amount between two random accounts per transaction, and in the same
 * transaction counting the transfer in its own key and logging it under the count it read: so a transfer committed
 * twice, half or not at all after its acknowledgement shows in the count, the log or the balances.
 */
final class BankTeller extends Thread {

    static final String COUNTER_PREFIX = "done:";

    private final Bank bank;
    private final String counterKey;
    private final String logPrefix;
    private final Random random;
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong unknown = new AtomicLong();
    /** The count this teller's last acknowledged transfer left: what its next transfer must read. */
    private volatile long known;
    /** Transfers since then whose outcome is unknown: each may have added one to the count. */
    private volatile long unknownSince;

    BankTeller(Bank bank, int index) {
        super("bank-teller-" + index + "-" + bank.store.name());
        this.bank = bank;
        this.counterKey = COUNTER_PREFIX + "t" + index;
        this.logPrefix = "log:t" + index + ":";
        this.random = new Random(31L * index + bank.store.name().hashCode());
    }

    @Override
    public void run() {
        while (bank.running) {
            int from = random.nextInt(bank.accounts);
            int to = (from + 1 + random.nextInt(bank.accounts - 1)) % bank.accounts;
            long amount = 1 + random.nextInt(10);
            // Set by the work as it returns: a failure after that may come from a commit that was sent
            boolean[] workReturned = new boolean[1];
            try {
                long count = bank.store.transact(tx -> {
                    workReturned[0] = false;
                    byte[] counted = tx.get(counterKey);
                    long read = counted == null ? 0 : Bank.parse(counted);
                    long fromBalance = Bank.parse(tx.get(Bank.account(from)));
                    long toBalance = Bank.parse(tx.get(Bank.account(to)));
                    tx.put(Bank.account(from), Bank.number(fromBalance - amount));
                    tx.put(Bank.account(to), Bank.number(toBalance + amount));
                    tx.put(counterKey, Bank.number(read + 1));
                    tx.put(logKey(read), (from + ">" + to + ":" + amount).getBytes(UTF_8));
                    workReturned[0] = true;
                    return read;
                });
                acknowledged(count);
            } catch (TransactionConflictException e) {
                conflicts.incrementAndGet();
            } catch (BackendUnavailableException e) {
                unavailable.incrementAndGet();
                bank.unavailable(getName() + (workReturned[0] ? " after its work returned: " : ": ") + e);
                Bank.backOff();
                if (workReturned[0]) {
                    unknown.incrementAndGet();
                    unknownSince++;
                }
            } catch (RuntimeException e) {
                bank.failure(getName() + ": " + e);
            }
        }
    }

    /** The acknowledged transfer read {@code count}: the one the last left, or up to {@link #unknownSince} more. */
    private void acknowledged(long count) {
        if (count < known || count > known + unknownSince) {
            bank.violation(getName() + ": an acknowledged transfer read the count " + count + " where "
                    + known + (unknownSince == 0 ? "" : " to " + (known + unknownSince)) + " was left");
        }
        known = count + 1;
        unknownSince = 0;
        acknowledged.incrementAndGet();
    }

    /**
     * Checks the count and the log this teller left in the store against what it saw, and adds the logged transfers
     * to {@code balances}.
     */
    void verify(List<String> found, long[] balances) {
        byte[] counted = bank.store.get(counterKey);
        long count = counted == null ? 0 : Bank.parse(counted);
        if (count < known || count > known + unknownSince) {
            found.add(getName() + ": the count is " + count + ", but the last acknowledged transfer left " + known
                    + " and " + unknownSince + " more may have committed");
        }
        long seen = acknowledged.get();
        if (count < seen || count > seen + unknown.get()) {
            found.add(getName() + ": " + count + " transfers committed, " + seen + " acknowledged, "
                    + unknown.get() + " unknown");
        }
        List<Entry> log = bank.log(logPrefix);
        if (log.size() != count) {
            found.add(getName() + ": " + log.size() + " transfers logged, " + count + " counted");
        }
        for (int i = 0; i < log.size(); i++) {
            Entry entry = log.get(i);
            if (!entry.key().equals(logKey(i))) {
                found.add(getName() + ": log entry " + i + " is " + entry.key());
                return;
            }
            String[] transfer = new String(entry.value(), UTF_8).split("[>:]");
            long amount = Long.parseLong(transfer[2]);
            balances[Integer.parseInt(transfer[0])] -= amount;
            balances[Integer.parseInt(transfer[1])] += amount;
        }
    }

    private String logKey(long count) {
        return logPrefix + String.format("%09d", count);
    }
}
