package io.stowage.testkit.store;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Entry;
import io.stowage.api.TransactionConflictException;

/**
 * One thread of a {@link Bank} summing every account in a read-only transaction, again and again: the snapshot a
 * committed one returns must hold every account and the opening total.
 */
final class BankAuditor extends Thread {

    private final Bank bank;
    final AtomicLong snapshots = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();

    BankAuditor(Bank bank, int index) {
        super("bank-auditor-" + index + "-" + bank.store.name());
        this.bank = bank;
    }

    @Override
    public void run() {
        while (bank.running) {
            try {
                // Only what a committed attempt returns is a snapshot; a discarded one may have seen anything
                long[] snapshot = bank.store.transact(tx -> {
                    List<Entry> held = tx.scan(Bank.ACCOUNTS_FROM, Bank.ACCOUNTS_TO, bank.accounts + 1).items();
                    long total = 0;
                    for (Entry entry : held) {
                        total += Bank.parse(entry.value());
                    }
                    return new long[] {held.size(), total};
                });
                if (snapshot[0] != bank.accounts || snapshot[1] != bank.total()) {
                    bank.violation(getName() + ": a snapshot held " + snapshot[0] + " accounts with " + snapshot[1]
                            + " in all");
                }
                snapshots.incrementAndGet();
            } catch (TransactionConflictException e) {
                conflicts.incrementAndGet();
            } catch (BackendUnavailableException e) {
                unavailable.incrementAndGet();
                bank.unavailable(getName() + ": " + e.getMessage());
                Bank.backOff();
            } catch (RuntimeException e) {
                bank.failure(getName() + ": " + e);
            }
        }
    }
}
