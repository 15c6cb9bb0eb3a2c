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

import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Store;
import io.stowage.bench.SlicedRounds.Contender;
import io.stowage.bench.SlicedRounds.Side;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.StorageBackend;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.testlog.Loggers;

/**
 * Issue 16's speed goal, measured as {@link Paired} measures issue 14's: an uncontended transaction of one read and
 * one write against a {@code replace} of the same backend, both sides in this one JVM in rounds of 200 ms slices in
 * random order ({@link SlicedRounds}), per backend (memory, LMDB in its default durable mode, LMDB in NO_SYNC mode,
 * where no fsync hides what the kernel adds, Redis on a server of the bench's own). The cost of a round is the
 * replace rate over the transaction rate; the goal (at most 1.5×) is met only when the 95% interval's upper bound
 * stays at or below it. Then {@link TransferContention} reports what transfers between four hot accounts do under
 * contention.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.TransactionPaired [seconds per comparison] [entries]
 * [--only memory,lmdb,lmdb-nosync,redis] [--breakdown] [--chart file.png]... [--samples run.tsv]} (defaults 20 s and
 * 100,000 entries, loaded into each store so that the hot keys sit in a tree of realistic depth; Redis holds at most
 * 100,000). {@code --breakdown} adds, per backend, the costs of lesser transactions ({@link TransactionBreakdown}).
 */
public final class TransactionPaired {

    static final double COST_GOAL = 1.5;
    static final List<String> BACKENDS = List.of("memory", "lmdb", "lmdb-nosync", "redis");
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int REDIS_ENTRIES = 100_000;
    /** The values of the measured keys: as long as the data set's, the first eight bytes a count of writes. */
    private static final int VALUE_LENGTH = Dataset.VALUE_LENGTH;

    private final int seconds;
    private final int entries;
    private final boolean breakdown;
    private final List<PairedLine> lines = new ArrayList<>();
    private final List<LineSamples> lineSamples = new ArrayList<>();
    private final List<String> contention = new ArrayList<>();
    private final AllThreadsAllocation allocation = new AllThreadsAllocation();

    private TransactionPaired(int seconds, int entries, boolean breakdown) {
        this.seconds = seconds;
        this.entries = entries;
        this.breakdown = breakdown;
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        List<String> only = BACKENDS;
        List<Path> charts = new ArrayList<>();
        Path samplesFile = null;
        boolean breakdown = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .filter(name -> !name.isEmpty()).toList();
                case "--chart" -> charts.add(Path.of(args[++i]));
                case "--samples" -> samplesFile = Path.of(args[++i]);
                case "--breakdown" -> breakdown = true;
                default -> positional.add(args[i]);
            }
        }
        for (String name : only) {
            if (!BACKENDS.contains(name)) {
                throw new IllegalArgumentException("--only " + name + " is none of " + BACKENDS);
            }
        }
        int seconds = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 20;
        int entries = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : REDIS_ENTRIES;
        new TransactionPaired(seconds, entries, breakdown).run(only, charts, samplesFile);
    }

    private void run(List<String> backends, List<Path> charts, Path samplesFile) throws IOException {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long sink = 0;
        for (String backend : BACKENDS) {
            if (backends.contains(backend)) {
                sink += measure(backend);
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String header = String.format(Locale.ROOT, "transactions: %s, %d s per comparison (+%d s warm-up), 200 ms "
                + "slices, entries=%d (Redis %d), %d bootstrap resamples, load average %.2f before, %.2f after "
                + "(sink %d)", start, seconds, warmUpSeconds(), entries, Math.min(entries, REDIS_ENTRIES),
                MedianInterval.RESAMPLES, loadBefore, loadAfter, sink);
        System.out.println();
        System.out.println(header);
        lines.forEach(line -> System.out.println(line.text()));
        contention.forEach(System.out::println);
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

    /** The paired cost line and the contention lines of one backend, on a kernel and data of their own. */
    private long measure(String backend) throws IOException {
        try (Served served = Served.open(backend, entries)) {
            long sink = pairOneReadOneWrite(backend, served.store);
            if (breakdown) {
                TransactionBreakdown parts = new TransactionBreakdown(served.store, served.raw, perCall(backend));
                List<double[]> costs = new ArrayList<>();
                List<PairedLine> partLines = parts.measure("tx." + backend + ".breakdown",
                        sides -> rounds(sides, () -> { }), costs);
                for (int n = 0; n < partLines.size(); n++) {
                    PairedLine line = partLines.get(n);
                    System.out.println(line.text());
                    lines.add(line);
                    lineSamples.add(new LineSamples(line.name(), PairedLine.Unit.COST, "cost", "rounds", Double.NaN,
                            costs.get(n)));
                }
                sink += parts.sink();
            }
            TransferContention transfers = new TransferContention(served.store, this::rounds);
            for (String line : transfers.measure("tx." + backend + ".transfers", List.of(2, 4))) {
                System.out.println(line);
                contention.add(line);
            }
            return sink;
        }
    }

    /**
     * Warm-up rounds, thrown away so that the JIT compiles every side before any round counts; then
     * {@code afterWarmUp}, then the rounds.
     */
    SlicedRounds.Samples rounds(List<Contender> sides, Runnable afterWarmUp) {
        SlicedRounds rounds = new SlicedRounds(System::nanoTime, allocation, Paired.SEED, SLICE_NANOS);
        rounds.run(sides, TimeUnit.SECONDS.toNanos(warmUpSeconds()));
        afterWarmUp.run();
        return rounds.run(sides, TimeUnit.SECONDS.toNanos(seconds));
    }

    /**
     * Side A replaces the value of one key by its successor, side B runs a transaction that reads another key and
     * writes its successor; neither key is touched by anything else, so every replace succeeds and every
     * transaction commits at its first attempt (checked: the attempts are counted, and each key's count of writes
     * must equal the operations done).
     */
    private long pairOneReadOneWrite(String backend, Store store) {
        String replaceKey = "tx:replace";
        String transactKey = "tx:transact";
        store.put(replaceKey, new byte[VALUE_LENGTH]);
        store.put(transactKey, new byte[VALUE_LENGTH]);
        int perCall = perCall(backend);
        long[] replaced = {0};
        byte[][] current = {store.get(replaceKey)};
        Side replace = () -> {
            for (int n = 0; n < perCall; n++) {
                byte[] next = successor(current[0]);
                if (!store.replace(replaceKey, current[0], next)) {
                    throw new IllegalStateException(replaceKey + " changed under an uncontended replace");
                }
                current[0] = next;
            }
            replaced[0] += perCall;
            return perCall;
        };
        long[] attempts = {0};
        long[] committed = {0};
        Side transact = () -> {
            for (int n = 0; n < perCall; n++) {
                store.transact(tx -> {
                    attempts[0]++;
                    tx.put(transactKey, successor(tx.get(transactKey)));
                    return null;
                });
            }
            committed[0] += perCall;
            return perCall;
        };
        SlicedRounds.Samples samples = rounds(List.of(Contender.of("tx", transact),
                Contender.of("replace", replace)), () -> { });
        check(store, replaceKey, replaced[0]);
        check(store, transactKey, committed[0]);
        if (attempts[0] != committed[0]) {
            throw new IllegalStateException(backend + ": " + (attempts[0] - committed[0]) + " of " + committed[0]
                    + " uncontended transactions ran again");
        }
        String name = "tx." + backend + ".1r1w-vs-replace";
        double[] costs = samples.ratios(1, 0);
        MedianInterval cost = MedianInterval.of(costs, MedianInterval.RESAMPLES, Paired.SEED);
        PairedLine line = new PairedLine(name, PairedLine.Unit.COST, cost, COST_GOAL, "");
        line = line.withText(String.format(Locale.ROOT,
                "%s: cost=%.3f ci=[%.3f,%.3f] pairs=%d tx=%.0f replace=%.0f ops/s alloc=%.0f/%.0f B/op "
                        + "goal<=%.2f %s (cost = replace rate / transaction rate per round; %d transactions, "
                        + "all at their first attempt)",
                name, cost.median(), cost.lower(), cost.upper(), cost.samples(), samples.rate(0), samples.rate(1),
                samples.bytesPerOperation(0), samples.bytesPerOperation(1), COST_GOAL,
                line.met() ? "met" : "not met", committed[0]));
        System.out.println(line.text());
        lines.add(line);
        lineSamples.add(new LineSamples(name, PairedLine.Unit.COST, "cost", "pairs", COST_GOAL, costs));
        return current[0][0];
    }

    /** Operations per call of a side: a memory operation is short next to reading the clock; others are not. */
    private static int perCall(String backend) {
        return backend.equals("memory") ? 8 : 1;
    }

    /** The value with its count of writes (its first eight bytes) one higher: a new array, as a caller makes. */
    static byte[] successor(byte[] value) {
        byte[] next = value.clone();
        ByteBuffer.wrap(next).putLong(0, writes(value) + 1);
        return next;
    }

    static long writes(byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    /** The key's count of writes is what the side counted, warm-up included: none lost, none applied twice. */
    private static void check(Store store, String key, long expected) {
        long found = writes(store.get(key));
        if (found != expected) {
            throw new IllegalStateException(key + " was written " + found + " times, not " + expected);
        }
    }

    /**
     * A kernel serving one backend, its store {@code points} loaded with the data set; and a raw backend instance of
     * the same kind and mode, outside the kernel, for the breakdown's floor.
     */
    private static final class Served implements AutoCloseable {

        final Store store;
        final StorageBackend raw;
        private final AutoCloseable closer;

        private Served(Store store, StorageBackend raw, AutoCloseable closer) {
            this.store = store;
            this.raw = raw;
            this.closer = closer;
        }

        static Served open(String backend, int entries) throws IOException {
            switch (backend) {
                case "memory": {
                    MemoryBackend memory = MemoryBackend.outsideFramework("bench", Long.MAX_VALUE, Loggers.silent());
                    EmbeddedKernel kernel = new EmbeddedKernel(memory, "memory", 5_000, System::currentTimeMillis,
                            Loggers.silent());
                    Store store = kernel.namespace("io.stowage.bench").store("points");
                    load(store, new Dataset(entries, 42));
                    MemoryBackend raw = MemoryBackend.outsideFramework("raw", Long.MAX_VALUE, Loggers.silent());
                    load(raw, new Dataset(entries, 42));
                    return new Served(store, raw, () -> {
                        kernel.close();
                        memory.close();
                        raw.close();
                    });
                }
                case "lmdb":
                case "lmdb-nosync": {
                    boolean durable = backend.equals("lmdb");
                    KernelOnLmdb lmdb = (durable ? new KernelOnLmdb() : KernelOnLmdb.withSyncMode("NO_SYNC"))
                            .load(new Dataset(entries, 42));
                    Path folder = TrialFolder.create("raw-lmdb");
                    LmdbBackend raw = durable ? LmdbBackend.outsideFramework("raw", folder, KernelOnLmdb.MAP_SIZE_MIB,
                            KernelOnLmdb.MAP_SIZE_MIB, Loggers.silent())
                            : KernelOnLmdb.configured("raw", folder, "NO_SYNC");
                    load(raw, new Dataset(entries, 42));
                    return new Served(lmdb.store, raw, () -> {
                        lmdb.close();
                        raw.close();
                        TrialFolder.delete(folder);
                    });
                }
                case "redis": {
                    KernelOnRedis redis = new KernelOnRedis().load(new Dataset(Math.min(entries, REDIS_ENTRIES), 42));
                    RedisBackend raw = RedisBackend.outsideFramework("raw", redis.server.host(), redis.server.port(),
                            Loggers.silent());
                    return new Served(redis.store, raw, () -> {
                        raw.close();
                        redis.close();
                    });
                }
                default:
                    throw new IllegalArgumentException("no backend " + backend);
            }
        }

        private static void load(Store store, Dataset data) {
            for (int start = 0; start < data.keys.length; start += Limits.MAX_BATCH_SIZE) {
                Batch.Builder batch = Batch.builder();
                for (int i = start; i < Math.min(data.keys.length, start + Limits.MAX_BATCH_SIZE); i++) {
                    batch.put(data.keys[i], data.values[i]);
                }
                store.write(batch.build());
            }
        }

        /**
         * The data set into a raw backend too, keys as UTF-8, in batches: its hot keys then sit in a tree as deep as
         * the kernel's (a raw memory or LMDB backend holding only them would be unfairly quick).
         */
        private static void load(StorageBackend raw, Dataset data) {
            for (int start = 0; start < data.keys.length; start += Limits.MAX_BATCH_SIZE) {
                List<BackendMutation> batch = new ArrayList<>();
                for (int i = start; i < Math.min(data.keys.length, start + Limits.MAX_BATCH_SIZE); i++) {
                    batch.add(BackendMutation.put(data.keys[i].getBytes(UTF_8), data.values[i], 0));
                }
                raw.write(batch);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closer.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
