package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.lmdbjava.Txn;

import io.stowage.api.Batch;

/**
 * Paired ratios (issue 14, part 1): both sides of each comparison in this one JVM, on the same data, measured in
 * alternating 200 ms slices (see {@link SlicedPair}); prints the median of the per-pair ratios with its 95% bootstrap
 * interval, and calls a goal met only when the interval's lower bound clears it. JMH ({@link Compare}) stays the
 * source of absolute figures, allocation and the peers.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.Paired [seconds per comparison] [entries]}
 * (defaults 60 and 1,000,000).
 */
public final class Paired {

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Gets per call of a get side: enough that reading the clock between calls costs little against them. */
    private static final int GETS_PER_CALL = 16;
    private static final long SEED = 14;

    /** What each side's result feeds, so that the JIT cannot drop the reads. */
    private long sink;

    private Paired() {
    }

    public static void main(String[] args) throws IOException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        new Paired().run(seconds, entries);
    }

    private void run(int seconds, int entries) throws IOException {
        Dataset data = new Dataset(entries, 42);
        List<String> lines = new ArrayList<>();
        try (KernelOnLmdb kernelLmdb = new KernelOnLmdb().load(data)) {
            LmdbBenchmark.RawEnvironment rawLmdb = new LmdbBenchmark.RawEnvironment();
            rawLmdb.entries = entries;
            rawLmdb.load();
            MemoryBenchmark memory = new MemoryBenchmark();
            memory.entries = entries;
            memory.load();
            try {
                // Writes first: the raw get side's read transaction stays open to the end, and while it is open
                // no page a commit frees can be reused, so batch puts after it would fill the 4 GiB map
                lines.add(compare("lmdb.batch-put", 0.90, "kernel", kernelLmdbBatchPuts(kernelLmdb, data), "raw",
                        rawLmdbBatchPuts(rawLmdb), seconds));
                SlicedPair.Side rawLmdbGet = rawLmdbGets(rawLmdb);
                lines.add(compare("lmdb.get", 0.90, "kernel", kernelLmdbGets(kernelLmdb, data), "raw",
                        rawLmdbGet, seconds));
                lines.add(compare("memory.get", 0.90, "kernel", memoryGets(memory, true), "raw",
                        memoryGets(memory, false), seconds));
                lines.add(compare("memory.get-vs-lmdb", 2.0, "kernel-memory", memoryGets(memory, true), "raw-lmdb",
                        rawLmdbGet, seconds));
            } finally {
                memory.close();
                rawLmdb.close();
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "paired: %d s per comparison, 200 ms slices, entries=%d, 1 thread, "
                + "%d bootstrap resamples (sink %d)%n", seconds, entries, MedianInterval.RESAMPLES, sink);
        lines.forEach(System.out::println);
    }

    private String compare(String name, double goal, String labelA, SlicedPair.Side a, String labelB,
            SlicedPair.Side b, int seconds) {
        SlicedPair pair = new SlicedPair(System::nanoTime, SEED, SLICE_NANOS);
        // Warm-up slices, thrown away: the JIT compiles both sides before any pair counts
        pair.run(a, b, TimeUnit.SECONDS.toNanos(Math.min(10, Math.max(2, seconds / 5))));
        SlicedPair.Samples samples = pair.run(a, b, TimeUnit.SECONDS.toNanos(seconds));
        MedianInterval ratio = MedianInterval.of(samples.ratios(), MedianInterval.RESAMPLES, SEED);
        String line = String.format(Locale.ROOT,
                "%s: ratio=%.3f ci=[%.3f,%.3f] pairs=%d %s=%.0f ops/s %s=%.0f ops/s goal>=%.2f %s",
                name, ratio.median(), ratio.lower(), ratio.upper(), ratio.samples(), labelA, samples.rateA(),
                labelB, samples.rateB(), goal, ratio.meets(goal) ? "met" : "not met");
        System.out.println(line);
        return line;
    }

    private SlicedPair.Side kernelLmdbGets(KernelOnLmdb kernel, Dataset data) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < GETS_PER_CALL; n++) {
                sink += kernel.store.get(data.keys[cursor.next(data.order)])[0];
            }
            return GETS_PER_CALL;
        };
    }

    /** As {@link LmdbBenchmark#rawLmdbGet}: one reused read transaction, the value copied out to a fresh array. */
    private SlicedPair.Side rawLmdbGets(LmdbBenchmark.RawEnvironment raw) {
        Cursor cursor = new Cursor();
        Txn<ByteBuffer> txn = raw.openReader();
        ByteBuffer key = ByteBuffer.allocateDirect(511);
        return () -> {
            for (int n = 0; n < GETS_PER_CALL; n++) {
                key.clear();
                key.put(raw.data.keys[cursor.next(raw.data.order)].getBytes(UTF_8)).flip();
                ByteBuffer found = raw.dbi.get(txn, key);
                byte[] value = new byte[found.remaining()];
                found.get(value);
                sink += value[0];
            }
            return GETS_PER_CALL;
        };
    }

    /** As {@link LmdbBenchmark#kernelBatchPut}: one batch of 1,000 puts in one transaction per call. */
    private SlicedPair.Side kernelLmdbBatchPuts(KernelOnLmdb kernel, Dataset data) {
        Cursor cursor = new Cursor();
        return () -> {
            Batch.Builder batch = Batch.builder();
            for (int n = 0; n < LmdbBenchmark.BATCH; n++) {
                int i = cursor.next(data.order);
                batch.put(data.keys[i], data.values[i]);
            }
            kernel.store.write(batch.build());
            return LmdbBenchmark.BATCH;
        };
    }

    private SlicedPair.Side rawLmdbBatchPuts(LmdbBenchmark.RawEnvironment raw) {
        Cursor cursor = new Cursor();
        LmdbBenchmark.Writer writer = new LmdbBenchmark.Writer();
        return () -> {
            try (Txn<ByteBuffer> txn = raw.env.txnWrite()) {
                for (int n = 0; n < LmdbBenchmark.BATCH; n++) {
                    writer.put(raw, txn, cursor.next(raw.data.order));
                }
                txn.commit();
            }
            return LmdbBenchmark.BATCH;
        };
    }

    private SlicedPair.Side memoryGets(MemoryBenchmark memory, boolean kernel) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < GETS_PER_CALL; n++) {
                sink += (kernel ? memory.kernelGet(cursor) : memory.rawGet(cursor))[0];
            }
            return GETS_PER_CALL;
        };
    }
}
