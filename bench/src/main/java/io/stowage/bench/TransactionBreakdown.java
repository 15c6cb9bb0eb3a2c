package io.stowage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.stowage.api.Store;
import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.bench.SlicedRounds.Side;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.StorageBackend;

/**
 * Where an uncontended transaction's time goes, seen from the API alone: transactions that do less and less, and a
 * plain get and put, in the same rounds as a replace, each as a cost against it (the replace rate over the side's,
 * per round). The steps between them are what each part of a transaction costs: the empty one runs the kernel's
 * set-up and nothing on the backend (it read and wrote nothing, so it does not commit); the read-only one adds one
 * get and a check-only conditional write; the write-only one a conditional write without conditions; the full one
 * both. Report lines, no goal.
 *
 * <p>Given a raw backend of the same kind (its own instance, no kernel), two more sides show the floor: what the
 * backend's own work for a replace (a get, then its compare-and-set) and for a transaction of one read and one write
 * (a get, then a conditional write with that value as its condition) cost, and their ratio, which is what the
 * transaction would cost against a replace if the kernel added nothing to either.
 */
final class TransactionBreakdown {

    /** Runs the sides in warmed-up rounds. */
    interface Rounds {
        SlicedRounds.Samples run(List<Contender> sides);
    }

    private final Store store;
    private final StorageBackend raw;
    private final int perCall;
    private long sink;

    /** {@code raw}: a backend instance of the same kind outside the kernel, or null for no floor lines. */
    TransactionBreakdown(Store store, StorageBackend raw, int perCall) {
        this.store = store;
        this.raw = raw;
        this.perCall = perCall;
    }

    /** The lines, named {@code prefix.<side>}, and their per-round costs, in the same order. */
    List<PairedLine> measure(String prefix, Rounds rounds, List<double[]> samplesOut) {
        List<Contender> sides = new ArrayList<>(List.of(
                Contender.of("replace", replaces("tx:bd:replace")),
                Contender.of("tx-1r1w", readWrites("tx:bd:1r1w")),
                Contender.of("tx-empty", times(() -> store.transact(tx -> null))),
                Contender.of("tx-1r", times(() -> store.transact(tx -> tx.get("tx:bd:1r")))),
                Contender.of("tx-1w", blindWrites("tx:bd:1w")),
                Contender.of("get", times(() -> store.get("tx:bd:get"))),
                Contender.of("put", blindPuts("tx:bd:put"))));
        if (raw != null) {
            sides.add(Contender.of("raw-get+replace", rawReplaces("tx:bd:raw-replace".getBytes(UTF_8))));
            sides.add(Contender.of("raw-get+writeIf", rawConditionalWrites("tx:bd:raw-writeIf".getBytes(UTF_8))));
        }
        for (String key : List.of("tx:bd:replace", "tx:bd:1r1w", "tx:bd:1r", "tx:bd:1w", "tx:bd:get", "tx:bd:put")) {
            store.put(key, new byte[Dataset.VALUE_LENGTH]);
        }
        SlicedRounds.Samples samples = rounds.run(sides);
        List<PairedLine> lines = new ArrayList<>();
        for (int side = 1; side < sides.size(); side++) {
            double[] costs = samples.ratios(0, side);
            MedianInterval cost = MedianInterval.of(costs, MedianInterval.RESAMPLES, Paired.SEED);
            String name = prefix + "." + sides.get(side).label();
            lines.add(new PairedLine(name, PairedLine.Unit.COST, cost, Double.NaN, String.format(Locale.ROOT,
                    "%s: cost=%.3f ci=[%.3f,%.3f] rounds=%d %s=%.0f replace=%.0f ops/s alloc=%.0f/%.0f B/op "
                            + "(report: cost against a replace in the same rounds)",
                    name, cost.median(), cost.lower(), cost.upper(), cost.samples(), sides.get(side).label(),
                    samples.rate(side), samples.rate(0), samples.bytesPerOperation(side),
                    samples.bytesPerOperation(0))));
            samplesOut.add(costs);
        }
        if (raw != null) {
            int replaces = sides.size() - 2;
            double[] floors = samples.ratios(replaces, replaces + 1);
            MedianInterval floor = MedianInterval.of(floors, MedianInterval.RESAMPLES, Paired.SEED);
            String name = prefix + ".raw-floor";
            lines.add(new PairedLine(name, PairedLine.Unit.COST, floor, Double.NaN, String.format(Locale.ROOT,
                    "%s: cost=%.3f ci=[%.3f,%.3f] rounds=%d (report: the raw backend's get+writeIf against its "
                            + "get+replace, per round: what a 1r1w transaction would cost against a replace if the "
                            + "kernel added nothing)",
                    name, floor.median(), floor.lower(), floor.upper(), floor.samples())));
            samplesOut.add(floors);
        }
        return lines;
    }

    long sink() {
        return sink;
    }

    private Side times(Runnable operation) {
        return () -> {
            for (int n = 0; n < perCall; n++) {
                operation.run();
            }
            return perCall;
        };
    }

    private Side replaces(String key) {
        byte[][] current = {new byte[Dataset.VALUE_LENGTH]};
        return times(() -> {
            byte[] next = TransactionPaired.successor(current[0]);
            if (!store.replace(key, current[0], next)) {
                throw new IllegalStateException(key + " changed under an uncontended replace");
            }
            current[0] = next;
        });
    }

    private Side readWrites(String key) {
        return times(() -> store.transact(tx -> {
            tx.put(key, TransactionPaired.successor(tx.get(key)));
            return null;
        }));
    }

    /** A transaction that writes without reading: its commit has no condition to check. */
    private Side blindWrites(String key) {
        byte[][] current = {new byte[Dataset.VALUE_LENGTH]};
        return times(() -> {
            byte[] next = TransactionPaired.successor(current[0]);
            store.transact(tx -> {
                tx.put(key, next);
                return null;
            });
            current[0] = next;
        });
    }

    /** The backend's part of a kernel replace: the stored value, then a compare-and-set from it. */
    private Side rawReplaces(byte[] key) {
        raw.put(key, new byte[Dataset.VALUE_LENGTH + 1], 0);
        return times(() -> {
            byte[] current = raw.get(key);
            if (!raw.replace(key, current, TransactionPaired.successor(current), 0)) {
                throw new IllegalStateException("the raw backend's value changed under an uncontended replace");
            }
        });
    }

    /** The backend's part of a 1r1w transaction's commit: the stored value, then a write conditional on it. */
    private Side rawConditionalWrites(byte[] key) {
        raw.put(key, new byte[Dataset.VALUE_LENGTH + 1], 0);
        return times(() -> {
            byte[] current = raw.get(key);
            if (!raw.writeIf(List.of(BackendCondition.value(key, current)),
                    List.of(BackendMutation.put(key, TransactionPaired.successor(current), 0)), Long.MAX_VALUE)) {
                throw new IllegalStateException("the raw backend's value changed under an uncontended writeIf");
            }
        });
    }

    private Side blindPuts(String key) {
        byte[][] current = {new byte[Dataset.VALUE_LENGTH]};
        return times(() -> {
            current[0] = TransactionPaired.successor(current[0]);
            store.put(key, current[0]);
            sink += current[0][7];
        });
    }
}
