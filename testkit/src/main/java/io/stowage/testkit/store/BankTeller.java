package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.TransactionConflictException;

/**
 * One thread of a {@link Bank} moving a random amount between two random accounts per transaction, and in the same
 * transaction recording it in a ledger key of its own: how many transfers it made and what they added to each
 * account. So a transfer committed twice, or not at all after its acknowledgement, shows in the count, and one
 * committed half in the balances, which must be the opening ones plus what every ledger says. The ledger stays as
 * small as the bank, however long it runs.
 */
final class BankTeller extends Thread {

    static final String LEDGER_PREFIX = "ledger:";

    private final Bank bank;
    private final String ledgerKey;
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
        this.ledgerKey = LEDGER_PREFIX + "t" + index;
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
                    long[] ledger = ledger(tx.get(ledgerKey));
                    long read = ledger[0];
                    long fromBalance = Bank.parse(tx.get(Bank.account(from)));
                    long toBalance = Bank.parse(tx.get(Bank.account(to)));
                    tx.put(Bank.account(from), Bank.number(fromBalance - amount));
                    tx.put(Bank.account(to), Bank.number(toBalance + amount));
                    ledger[0]++;
                    ledger[1 + from] -= amount;
                    ledger[1 + to] += amount;
                    tx.put(ledgerKey, text(ledger).getBytes(UTF_8));
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
     * Checks the count this teller's ledger holds against the transfers it saw acknowledged, and adds what the ledger
     * says its transfers moved to {@code balances}.
     */
    void verify(List<String> found, long[] balances) {
        long[] ledger = ledger(bank.store.get(ledgerKey));
        long count = ledger[0];
        if (count < known || count > known + unknownSince) {
            found.add(getName() + ": the count is " + count + ", but the last acknowledged transfer left " + known
                    + " and " + unknownSince + " more may have committed");
        }
        long seen = acknowledged.get();
        if (count < seen || count > seen + unknown.get()) {
            found.add(getName() + ": " + count + " transfers committed, " + seen + " acknowledged, "
                    + unknown.get() + " unknown");
        }
        for (int i = 0; i < balances.length; i++) {
            balances[i] += ledger[1 + i];
        }
    }

    /** The count, then what the transfers added to each account; all zero before the first. */
    private long[] ledger(byte[] stored) {
        long[] ledger = new long[1 + bank.accounts];
        if (stored != null) {
            String[] numbers = new String(stored, UTF_8).split(",");
            for (int i = 0; i < ledger.length; i++) {
                ledger[i] = Long.parseLong(numbers[i]);
            }
        }
        return ledger;
    }

    private static String text(long[] ledger) {
        StringBuilder text = new StringBuilder();
        for (long number : ledger) {
            text.append(text.length() == 0 ? "" : ",").append(number);
        }
        return text.toString();
    }
}
