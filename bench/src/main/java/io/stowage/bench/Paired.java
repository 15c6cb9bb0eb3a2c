package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.lmdbjava.Txn;
import org.rocksdb.RocksDBException;

import io.stowage.api.Batch;
import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.bench.SlicedRounds.Side;

/**
 * Paired ratios (issue 14, part 1): all sides of each comparison in this one JVM, on the same data, measured in
 * rounds of 200 ms slices in random order (see {@link SlicedRounds}); each line gives the median of the per-round
 * ratios with its 95% bootstrap interval and each side's allocation per operation, and calls a goal met only when
 * the interval clears it. JMH ({@link Compare}) stays the source of absolute figures.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.Paired [seconds per comparison] [entries]
 * [--only name,name,prefix*] [--chart file.png]... [--samples run.tsv]} (defaults 60 and 1,000,000; Redis holds at
 * most 100,000). {@code --samples} also writes every line's per-round samples to a file, which {@link PooledRuns}
 * pools with other runs' ({@code bench/run.sh paired --runs N}).
 */
public final class Paired {

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Gets per call of a local get side: enough that reading the clock between calls costs little against them. */
    static final int GETS_PER_CALL = 16;
    static final long SEED = 14;
    /** Issue 14: a kernel get may allocate at most this many bytes more than the raw get. */
    static final double ALLOCATION_ALLOWANCE = 48;
    static final double RATIO_GOAL = 0.90;
    /** As {@code bench/run.sh redis}: a server of the bench's own holds at most this many entries. */
    static final int REDIS_ENTRIES = 100_000;
    private static final List<String> PEERS = List.of("mapdb-btree", "mvstore", "xodus", "rocksdb");
    /** What {@code --only} may name (or name a prefix of, with a trailing {@code *} or up to a dot). */
    static final List<String> NAMES = List.of("lmdb.batch-put", "lmdb.get", "lmdb.get-chained", "memory.get",
            "memory.get-chained", "memory.get-vs-lmdb",
            "lmdb.get-vs-mapdb-btree", "lmdb.get-vs-mvstore", "lmdb.get-vs-xodus", "lmdb.get-vs-rocksdb",
            "redis.get", "redis.put", "redis.batch-get", "redis.raw-jedis-vs-lettuce");

    private final int seconds;
    private final int entries;
    private final List<String> only;
    private final List<PairedLine> lines = new ArrayList<>();
    /** The samples of each line, in the same order, for {@code --samples}. */
    private final List<LineSamples> lineSamples = new ArrayList<>();
    private final AllThreadsAllocation allocation = new AllThreadsAllocation();
    /** What each side's results feed, so that the JIT cannot drop the reads. */
    long sink;

    private Paired(int seconds, int entries, List<String> only) {
        this.seconds = seconds;
        this.entries = entries;
        this.only = only;
    }

    public static void main(String[] args) throws IOException, RocksDBException {
        List<String> positional = new ArrayList<>();
        List<String> only = List.of();
        List<Path> charts = new ArrayList<>();
        Path samplesFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .filter(name -> !name.isEmpty()).toList();
                case "--chart" -> charts.add(Path.of(args[++i]));
                case "--samples" -> samplesFile = Path.of(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        for (String name : only) {
            if (NAMES.stream().noneMatch(known -> selects(name, known))) {
                throw new IllegalArgumentException("--only " + name + " selects none of " + NAMES);
            }
        }
        int seconds = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 60;
        int entries = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 1_000_000;
        new Paired(seconds, entries, only).run(charts, samplesFile);
    }

    /** Whether an {@code --only} item selects a comparison: its name, a prefix up to a dot, or a prefix and *. */
    static boolean selects(String item, String name) {
        return item.endsWith("*") ? name.startsWith(item.substring(0, item.length() - 1))
                : name.equals(item) || name.startsWith(item + ".");
    }

    boolean selected(String name) {
        return only.isEmpty() || only.stream().anyMatch(item -> selects(item, name));
    }

    private void run(List<Path> charts, Path samplesFile) throws IOException, RocksDBException {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> peers = PEERS.stream().filter(peer -> selected("lmdb.get-vs-" + peer)).toList();
        boolean memoryVsLmdb = selected("memory.get-vs-lmdb");
        if (selected("lmdb.batch-put") || selected("lmdb.get") || selected("lmdb.get-chained") || memoryVsLmdb
                || !peers.isEmpty()) {
            measureLmdb(peers, memoryVsLmdb);
        } else if (selected("memory.get") || selected("memory.get-chained")) {
            measureMemory(null);
        }
        if (selected("redis.get") || selected("redis.put") || selected("redis.batch-get")
                || selected("redis.raw-jedis-vs-lettuce")) {
            new RedisPairs(this, entries).measure();
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String header = String.format(Locale.ROOT, "paired: %s, %d s per comparison (+%d s warm-up), 200 ms slices, "
                + "entries=%d (Redis %d), %d bootstrap resamples, load average %.2f before, %.2f after (sink %d)",
                start, seconds, warmUpSeconds(), entries, Math.min(entries, REDIS_ENTRIES), MedianInterval.RESAMPLES,
                loadBefore, loadAfter, sink);
        System.out.println();
        System.out.println(header);
        lines.forEach(line -> System.out.println(line.text()));
        PairedChart.write(lines, header.substring(0, header.indexOf(" (sink")), charts);
        charts.forEach(chart -> System.out.println("chart: " + chart));
        if (samplesFile != null) {
            new RunFile(header, lineSamples).write(samplesFile);
            System.out.println("samples: " + samplesFile);
        }
    }

    private int warmUpSeconds() {
        return Math.min(10, Math.max(2, seconds / 5));
    }

    /** Warm-up rounds, thrown away so that the JIT compiles every side before any round counts; then the rounds. */
    SlicedRounds.Samples measure(List<Contender> sides) {
        SlicedRounds rounds = new SlicedRounds(System::nanoTime, allocation, SEED, SLICE_NANOS);
        rounds.run(sides, TimeUnit.SECONDS.toNanos(warmUpSeconds()));
        return rounds.run(sides, TimeUnit.SECONDS.toNanos(seconds));
    }

    static MedianInterval interval(double[] samples) {
        return MedianInterval.of(samples, MedianInterval.RESAMPLES, SEED);
    }

    /** Prints a line and keeps it, with the per-round samples its interval was taken from ({@code measure} each). */
    void add(PairedLine line, String measure, String counted, double[] values) {
        System.out.println(line.text());
        lines.add(line);
        lineSamples.add(new LineSamples(line.name(), line.unit(), measure, counted, line.goal(), values));
    }

    static String verdict(PairedLine line) {
        return line.met() ? "met" : "not met";
    }

    // ---- LMDB and memory ----

    private void measureLmdb(List<String> peers, boolean memoryVsLmdb) throws IOException, RocksDBException {
        Dataset data = new Dataset(entries, 42);
        try (KernelOnLmdb kernel = new KernelOnLmdb().load(data)) {
            LmdbBenchmark.RawEnvironment raw = new LmdbBenchmark.RawEnvironment();
            raw.entries = entries;
            raw.load();
            try {
                // Writes first: the raw get side's read transaction stays open to the end, and while it is open
                // no page a commit frees can be reused, so batch puts after it would fill the 4 GiB map
                if (selected("lmdb.batch-put")) {
                    pair("lmdb.batch-put", RATIO_GOAL, "kernel", kernelLmdbBatchPuts(kernel, data), "raw",
                            rawLmdbBatchPuts(raw), null);
                }
                Side kernelGet = kernelLmdbGets(kernel, data);
                Side rawGet = rawLmdbGets(raw);
                if (selected("lmdb.get")) {
                    pair("lmdb.get", RATIO_GOAL, "kernel", kernelGet, "raw", rawGet, "alloc.lmdb.get");
                }
                if (selected("memory.get") || selected("memory.get-chained") || memoryVsLmdb) {
                    measureMemory(memoryVsLmdb ? rawGet : null);
                }
                for (String peer : peers) {
                    measurePeer(peer, kernelGet, rawGet);
                }
                // Reports after every goal line: their loops are compiled after the goal lines' were
                if (selected("lmdb.get-chained")) {
                    ChainedGets chained = new ChainedGets(this);
                    chained.report("lmdb.get-chained", chained.kernelLmdb(kernel, data), chained.rawLmdb(raw));
                }
            } finally {
                raw.close();
            }
        }
    }

    /** memory.get and its allocation; memory.get-vs-lmdb too when given raw LMDB's get side. */
    private void measureMemory(Side rawLmdbGet) {
        MemoryBenchmark memory = new MemoryBenchmark();
        memory.entries = entries;
        memory.load();
        try {
            if (selected("memory.get")) {
                pair("memory.get", RATIO_GOAL, "kernel", kernelMemoryGets(memory), "raw", rawMemoryGets(memory),
                        "alloc.memory.get");
            }
            if (rawLmdbGet != null) {
                pair("memory.get-vs-lmdb", 2.0, "kernel-memory", kernelMemoryGets(memory), "raw-lmdb", rawLmdbGet,
                        null);
            }
            if (selected("memory.get-chained")) {
                ChainedGets chained = new ChainedGets(this);
                chained.report("memory.get-chained", chained.kernelMemory(memory), chained.rawMemory(memory));
            }
        } finally {
            memory.close();
        }
    }

    /**
     * Two sides in rounds: the ratio line and, when {@code allocationName} is given, the allocation goal's line
     * (kernel bytes per operation minus raw, per round).
     */
    private void pair(String name, double goal, String labelA, Side a, String labelB, Side b,
            String allocationName) {
        SlicedRounds.Samples samples = measure(List.of(Contender.of(labelA, a), Contender.of(labelB, b)));
        double[] ratios = samples.ratios(0, 1);
        MedianInterval ratio = interval(ratios);
        PairedLine line = new PairedLine(name, PairedLine.Unit.RATIO, ratio, goal, "");
        add(line.withText(String.format(Locale.ROOT,
                "%s: ratio=%.3f ci=[%.3f,%.3f] pairs=%d %s=%.0f %s=%.0f ops/s alloc=%.0f/%.0f B/op goal>=%.2f %s",
                name, ratio.median(), ratio.lower(), ratio.upper(), ratio.samples(), labelA, samples.rate(0), labelB,
                samples.rate(1), samples.bytesPerOperation(0), samples.bytesPerOperation(1), goal, verdict(line))),
                "ratio", "pairs", ratios);
        if (allocationName != null) {
            double[] differences = samples.bytesPerOperationDifferences(0, 1);
            MedianInterval extra = interval(differences);
            PairedLine bytes = new PairedLine(allocationName, PairedLine.Unit.BYTES_PER_OPERATION, extra,
                    ALLOCATION_ALLOWANCE, "");
            add(bytes.withText(String.format(Locale.ROOT,
                    "%s: kernel-raw=%+.1f ci=[%+.1f,%+.1f] B/op pairs=%d kernel=%.1f raw=%.1f B/op goal<=+%.0f %s "
                            + "(a difference in bytes per get, not a ratio: met when the upper bound is at most +%.0f)",
                    allocationName, extra.median(), extra.lower(), extra.upper(), extra.samples(),
                    samples.bytesPerOperation(0), samples.bytesPerOperation(1), ALLOCATION_ALLOWANCE,
                    verdict(bytes), ALLOCATION_ALLOWANCE)), "kernel-raw", "pairs", differences);
        }
    }

    private Side kernelLmdbGets(KernelOnLmdb kernel, Dataset data) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < GETS_PER_CALL; n++) {
                sink += kernel.store.get(data.keys[cursor.next(data.order)])[0];
            }
            return GETS_PER_CALL;
        };
    }

    /** As {@link LmdbBenchmark#rawLmdbGet}: one reused read transaction, the value copied out to a fresh array. */
    private Side rawLmdbGets(LmdbBenchmark.RawEnvironment raw) {
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
    private Side kernelLmdbBatchPuts(KernelOnLmdb kernel, Dataset data) {
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

    private Side rawLmdbBatchPuts(LmdbBenchmark.RawEnvironment raw) {
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

    /**
     * The kernel's gets on the memory backend: a lambda of its own, not one for both sides with a flag, so that the
     * JIT compiles and profiles each side's loop apart, as it does the LMDB sides'.
     */
    private Side kernelMemoryGets(MemoryBenchmark memory) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < GETS_PER_CALL; n++) {
                sink += memory.kernelGet(cursor)[0];
            }
            return GETS_PER_CALL;
        };
    }

    /** The raw memory backend's gets on a map of its own, as {@link MemoryBenchmark#rawGet}. */
    private Side rawMemoryGets(MemoryBenchmark memory) {
        Cursor cursor = new Cursor();
        return () -> {
            for (int n = 0; n < GETS_PER_CALL; n++) {
                sink += memory.rawGet(cursor)[0];
            }
            return GETS_PER_CALL;
        };
    }

    // ---- Peers ----

    /**
     * Kernel on LMDB, raw lmdbjava and one ordered peer in rounds of three: the goal is that the kernel keeps 90% of
     * raw lmdbjava's lead over the peer, (kernel / peer) / (raw / peer) of each round; the peer is loaded, measured
     * and closed here, so that only one peer's data is in memory at a time.
     */
    private void measurePeer(String peer, Side kernelGet, Side rawGet) throws IOException, RocksDBException {
        PeerStore store = PeerStore.open(peer, entries);
        try {
            String name = "lmdb.get-vs-" + peer;
            SlicedRounds.Samples samples = measure(List.of(Contender.of("kernel", kernelGet),
                    Contender.of("raw", rawGet), Contender.of(peer, store.gets(this, GETS_PER_CALL))));
            double[] leads = samples.leadRatios(0, 1, 2);
            MedianInterval lead = interval(leads);
            MedianInterval kernelOverPeer = interval(samples.ratios(0, 2));
            MedianInterval rawOverPeer = interval(samples.ratios(1, 2));
            PairedLine line = new PairedLine(name, PairedLine.Unit.RATIO, lead, RATIO_GOAL, "");
            add(line.withText(String.format(Locale.ROOT,
                    "%s: lead=%.3f ci=[%.3f,%.3f] rounds=%d kernel/peer=%.3f ci=[%.3f,%.3f] raw/peer=%.3f "
                            + "ci=[%.3f,%.3f] kernel=%.0f raw=%.0f %s=%.0f ops/s alloc=%.0f/%.0f/%.0f B/op "
                            + "goal>=%.2f %s (lead = (kernel/peer)/(raw/peer) per round)",
                    name, lead.median(), lead.lower(), lead.upper(), lead.samples(), kernelOverPeer.median(),
                    kernelOverPeer.lower(), kernelOverPeer.upper(), rawOverPeer.median(), rawOverPeer.lower(),
                    rawOverPeer.upper(), samples.rate(0), samples.rate(1), peer, samples.rate(2),
                    samples.bytesPerOperation(0), samples.bytesPerOperation(1), samples.bytesPerOperation(2),
                    RATIO_GOAL, verdict(line))), "lead", "rounds", leads);
        } finally {
            store.close();
        }
    }
}
