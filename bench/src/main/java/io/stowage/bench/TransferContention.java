package io.stowage.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

import io.stowage.api.Store;
import io.stowage.api.TransactionConflictException;
import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.bench.SlicedRounds.Side;

/**
 * Transfers of one unit between two of four hot accounts, each a transaction that reads both balances and writes
 * both, from several thread counts whose slices alternate in the same rounds (so each count sees the same machine):
 * how many commit, conflict, run again and give up a second. The counts are the bench's own, by the kernel's
 * definitions ({@code TransactionRunner}): every run of the work is an attempt; an attempt that did not commit is a
 * conflict; a conflict is followed by a retry unless it was the last attempt allowed, when the transaction gives up
 * with {@link TransactionConflictException}. So conflicts = attempts − commits and retries = conflicts − gave-up.
 * At the end the balances must still add up to what they started with.
 */
final class TransferContention {

    static final int ACCOUNTS = 4;
    static final long OPENING_BALANCE = 1_000_000;

    /** Runs the sides in warmed-up rounds, calling back between the warm-up and the measured rounds. */
    interface Rounds {
        SlicedRounds.Samples run(List<Contender> sides, Runnable afterWarmUp);
    }

    /** Counts shared by the threads of one contender; LongAdder so that counting adds no contention of its own. */
    private static final class Counts {
        final LongAdder attempts = new LongAdder();
        final LongAdder commits = new LongAdder();
        final LongAdder gaveUp = new LongAdder();

        void reset() {
            attempts.reset();
            commits.reset();
            gaveUp.reset();
        }
    }

    private final Store store;
    private final Rounds rounds;
    private final List<String> accounts = new ArrayList<>();

    TransferContention(Store store, Rounds rounds) {
        this.store = store;
        this.rounds = rounds;
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add("tx:account:" + i);
        }
    }

    /** One report line per thread count, named {@code prefix.<threads>t}. */
    List<String> measure(String prefix, List<Integer> threadCounts) {
        for (String account : accounts) {
            store.put(account, balance(OPENING_BALANCE));
        }
        List<Counts> counts = new ArrayList<>();
        List<Contender> sides = new ArrayList<>();
        for (int threads : threadCounts) {
            Counts of = new Counts();
            counts.add(of);
            sides.add(Contender.threads(threads + "t", threads,
                    thread -> transfers(of, new SplittableRandom(Paired.SEED * 31 + threads * 7 + thread))));
        }
        SlicedRounds.Samples samples = rounds.run(sides, () -> counts.forEach(Counts::reset));
        long total = total();
        if (total != ACCOUNTS * OPENING_BALANCE) {
            throw new IllegalStateException(prefix + ": the accounts add up to " + total + ", not "
                    + ACCOUNTS * OPENING_BALANCE);
        }
        List<String> lines = new ArrayList<>();
        for (int side = 0; side < sides.size(); side++) {
            Counts of = counts.get(side);
            double seconds = samples.nanos()[side] / 1e9;
            long attempts = of.attempts.sum();
            long commits = of.commits.sum();
            long gaveUp = of.gaveUp.sum();
            long conflicts = attempts - commits;
            long retries = conflicts - gaveUp;
            lines.add(String.format(Locale.ROOT, "%s.%dt: commits=%.0f/s conflicts=%.0f/s retries=%.0f/s "
                    + "gave-up=%.1f/s (%d transfers committed, %d conflicts, %d retries, %d gave up, in %.1f s of "
                    + "slices; %.3f conflicts per commit; %d hot accounts, %d threads; total kept) (report)",
                    prefix, threadCounts.get(side), commits / seconds, conflicts / seconds, retries / seconds,
                    gaveUp / seconds, commits, conflicts, retries, gaveUp, seconds,
                    commits == 0 ? Double.NaN : (double) conflicts / commits, ACCOUNTS, threadCounts.get(side)));
        }
        return lines;
    }

    /** One thread's transfers: a random pair of distinct accounts each time, one unit from the first to the second. */
    private Side transfers(Counts counts, SplittableRandom random) {
        return () -> {
            String from = accounts.get(random.nextInt(ACCOUNTS));
            String to = accounts.get((accounts.indexOf(from) + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS);
            try {
                store.transact(tx -> {
                    counts.attempts.increment();
                    long source = amount(tx.get(from));
                    long target = amount(tx.get(to));
                    tx.put(from, balance(source - 1));
                    tx.put(to, balance(target + 1));
                    return null;
                });
                counts.commits.increment();
            } catch (TransactionConflictException e) {
                counts.gaveUp.increment();
            }
            return 1;
        };
    }

    /** The sum of the balances, read in one transaction so that it is one snapshot. */
    private long total() {
        return store.transact(tx -> {
            long sum = 0;
            for (Map.Entry<String, byte[]> account : tx.getAll(accounts).entrySet()) {
                sum += amount(account.getValue());
            }
            return sum;
        });
    }

    static byte[] balance(long amount) {
        return ByteBuffer.allocate(Long.BYTES).putLong(amount).array();
    }

    static long amount(byte[] balance) {
        return ByteBuffer.wrap(balance).getLong();
    }
}
