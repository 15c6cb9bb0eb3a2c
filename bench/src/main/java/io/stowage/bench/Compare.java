package io.stowage.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks in one JMH run and prints one line per comparison:
 * {@code <benchmark>: ratio=<kernel/raw throughput> kernel=<ops/s> raw=<ops/s>}, followed by the errors, the
 * per-operation time difference and the allocations per operation of both sides. A comparison of times instead
 * prints {@code time-ratio=<kernel time/raw time>}, with what each side is.
 *
 * <p>Usage: {@code java -jar benchmarks.jar [quick|full|redis|typed]} (redis: the Redis comparisons alone, measured
 * as long as in a full run, on 100,000 entries; typed: the typed-data comparisons of issue 17 alone, as a quick
 * run measures them). Quick uses 100,000 entries, one fork per benchmark,
 * 2×2 s warm-up and 4×2 s measurement; full uses 1,000,000 entries, 3×2 s warm-up, 8×2 s measurement and the forks
 * each benchmark asks for with {@code @Fork}: two where the kernel meets its raw engine, one for the peers and the
 * fsync-bound single puts, which only report.
 */
public final class Compare {

    /**
     * A comparison: which benchmark is "kernel", which is "raw". A time comparison (non-null {@code sides}, which
     * says what the two times are) prints the kernel side's time per operation over the raw side's.
     */
    private record Comparison(String name, String kernel, String raw, String sides) {

        Comparison(String name, String kernel, String raw) {
            this(name, kernel, raw, null);
        }

        boolean comparesTimes() {
            return sides != null;
        }
    }

    private static final String KERNEL_LMDB_GET = "LmdbBenchmark.kernelGet";
    private static final String RAW_LMDB_GET = "LmdbBenchmark.rawLmdbGet";

    private static final List<Comparison> COMPARISONS = List.of(
            new Comparison("memory.get", "MemoryBenchmark.kernelGet", "MemoryBenchmark.rawGet"),
            new Comparison("memory.put", "MemoryBenchmark.kernelPut", "MemoryBenchmark.rawPut"),
            new Comparison("memory.get-vs-lmdb", "MemoryBenchmark.kernelGet", RAW_LMDB_GET),
            new Comparison("memory.raw-get-vs-skiplist", "MemoryBenchmark.rawGet", "MemoryBenchmark.rawSkipListGet"),
            new Comparison("lmdb.get", KERNEL_LMDB_GET, RAW_LMDB_GET),
            new Comparison("lmdb.batch-put", "LmdbBenchmark.kernelBatchPut", "LmdbBenchmark.rawBatchPut"),
            new Comparison("lmdb.durable-put", "LmdbBenchmark.kernelDurablePut", "LmdbBenchmark.rawDurablePut"),
            new Comparison("lmdb.get-vs-mapdb-btree", KERNEL_LMDB_GET, "MapDbBenchmark.bTreeGet"),
            new Comparison("lmdb.get-vs-mapdb-htree", KERNEL_LMDB_GET, "MapDbBenchmark.hTreeGet"),
            new Comparison("lmdb.get-vs-mvstore", KERNEL_LMDB_GET, "MvStoreBenchmark.mvStoreGet[cache=default]"),
            new Comparison("lmdb.get-vs-xodus", KERNEL_LMDB_GET, "XodusBenchmark.xodusGet"),
            new Comparison("lmdb.get-vs-rocksdb", KERNEL_LMDB_GET, "RocksDbBenchmark.rocksDbGet[cache=default]"),
            new Comparison("lmdb.get-vs-mvstore-all-cached", KERNEL_LMDB_GET, "MvStoreBenchmark.mvStoreGet[cache=all]"),
            new Comparison("lmdb.get-vs-rocksdb-all-cached", KERNEL_LMDB_GET,
                    "RocksDbBenchmark.rocksDbGet[cache=all]"),
            // Report only: how far raw lmdbjava itself is ahead of each peer, the ceiling for the kernel's ratio
            new Comparison("raw-lmdb.get-vs-mvstore", RAW_LMDB_GET, "MvStoreBenchmark.mvStoreGet[cache=default]"),
            new Comparison("raw-lmdb.get-vs-xodus", RAW_LMDB_GET, "XodusBenchmark.xodusGet"),
            new Comparison("raw-lmdb.get-vs-rocksdb", RAW_LMDB_GET, "RocksDbBenchmark.rocksDbGet[cache=default]"),
            new Comparison("raw-lmdb.get-vs-mapdb-btree", RAW_LMDB_GET, "MapDbBenchmark.bTreeGet"),
            new Comparison("lmdb.glob-1pct", "ListingBenchmark.listOnePercent", "ListingBenchmark.listAll",
                    "time of listing p:* (1% of keys) / time of listing * (all keys)"),
            new Comparison("redis.get", "RedisBenchmark.kernelGet", "RedisBenchmark.rawGet"),
            new Comparison("redis.put", "RedisBenchmark.kernelPut", "RedisBenchmark.rawPut"),
            new Comparison("redis.batch-put", "RedisBenchmark.kernelBatchPut", "RedisBenchmark.rawBatchPut"),
            new Comparison("redis.batch-get", "RedisBatchGetBenchmark.kernelBatchGet",
                    "RedisBatchGetBenchmark.rawBatchGet"),
            // Report only: what the index costs a put (put script: SET + ZADD, against a plain SET)
            new Comparison("redis.index-cost", "RedisBenchmark.rawPut", "RedisBenchmark.rawPlainSet"),
            // Issue 17: a small record through PersistentMap and the JSON codec, against the same bytes through the
            // raw Store, the same map with a binary codec, and MapDB's HTreeMap with its own serializer
            new Comparison("typed.get", "TypedBenchmark.typedGet", "TypedBenchmark.rawGet"),
            new Comparison("typed.set", "TypedBenchmark.typedSet", "TypedBenchmark.rawPut"),
            new Comparison("typed.get-json-vs-binary-codec", "TypedBenchmark.typedGet",
                    "TypedBenchmark.binaryCodecGet"),
            new Comparison("typed.get-vs-mapdb-htree", "TypedBenchmark.typedGet", "TypedBenchmark.mapDbGet"),
            new Comparison("typed.binary-get-vs-mapdb-htree", "TypedBenchmark.binaryCodecGet",
                    "TypedBenchmark.mapDbGet"),
            new Comparison("typed.set-vs-mapdb-htree-put", "TypedBenchmark.typedSet", "TypedBenchmark.mapDbPut"),
            new Comparison("typed.put-vs-mapdb-htree-put", "TypedBenchmark.typedPut", "TypedBenchmark.mapDbPut"));

    /** Batch gets from two threads, run apart from the single-threaded benchmarks. */
    /**
     * Issue 21's JCache comparison has no kernel-vs-raw line of its own: it runs alone, through JMH's main class
     * (docs/jcache.md, "Benchmark"), and stays out of the quick and full runs.
     */
    private static final String JCACHE = "io\\.stowage\\.bench\\.JCacheBenchmark\\.\\w+$";
    private static final String TWO_THREADS = "io\\.stowage\\.bench\\.RedisBatchGetBenchmark\\.\\w+$";

    private Compare() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        String mode = args.length > 0 ? args[0] : "quick";
        boolean full = mode.equals("full");
        boolean redisOnly = mode.equals("redis");
        boolean typedOnly = mode.equals("typed");
        // The Redis comparisons alone run as long as a full run (both forks), on the quick run's data set; the typed
        // ones alone as a quick run does
        ChainedOptionsBuilder options = options(full, full || redisOnly)
                .include(redisOnly ? "io\\.stowage\\.bench\\.RedisBenchmark\\.\\w+$"
                        : typedOnly ? "io\\.stowage\\.bench\\.TypedBenchmark\\.\\w+$"
                        : "io\\.stowage\\.bench\\.\\w+Benchmark\\.\\w+$")
                .exclude(TWO_THREADS)
                .exclude(JCACHE)
                .threads(1);
        List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
        if (!typedOnly) {
            results.addAll(new Runner(options(full, full || redisOnly).include(TWO_THREADS).threads(2).build()).run());
        }
        double redisBenchmarkKeys = typedOnly ? Double.NaN : RedisBenchmarkTool.getsPerSecond();

        Map<String, RunResult> byName = new HashMap<>();
        for (RunResult result : results) {
            byName.put(label(result), result);
        }
        List<String> lines = new ArrayList<>();
        for (Comparison comparison : COMPARISONS) {
            RunResult kernel = byName.get(comparison.kernel());
            RunResult raw = byName.get(comparison.raw());
            if (kernel == null || raw == null) {
                if (!typedOnly) {
                    lines.add(comparison.name() + ": not measured");
                }
                continue;
            }
            lines.add(line(comparison, kernel, raw));
        }
        for (String[] side : new String[][] {{"redis.batch-get-vs-redis-benchmark", "kernelBatchGet"},
                {"raw-lettuce.batch-get-vs-redis-benchmark", "rawBatchGet"},
                {"raw-jedis.batch-get-vs-redis-benchmark", "rawJedisBatchGet"}}) {
            RunResult batchGets = byName.get("RedisBatchGetBenchmark." + side[1]);
            if (batchGets != null) {
                double keys = batchGets.getPrimaryResult().getScore();
                lines.add(String.format(Locale.ROOT, "%s: ratio=%.3f %s=%.0f keys/s redis-benchmark=%.0f GET/s (%s)",
                        side[0], keys / redisBenchmarkKeys, side[1], keys, redisBenchmarkKeys,
                        RedisBenchmarkTool.COMMAND));
            }
        }
        System.out.println();
        System.out.println("mode=" + mode + ", entries=" + (full ? 1_000_000 : 100_000)
                + ", 1 thread (redis.batch-get*: 2 threads)");
        lines.forEach(System.out::println);
    }

    private static ChainedOptionsBuilder options(boolean fullData, boolean longRun) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .param("entries", fullData ? "1000000" : "100000")
                .warmupIterations(longRun ? 3 : 2)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(longRun ? 8 : 4)
                .measurementTime(TimeValue.seconds(2))
                .addProfiler("gc")
                .jvmArgsAppend("-Xms4g", "-Xmx4g",
                        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
        if (!longRun) {
            // Long runs take each benchmark's @Fork: two for the kernel against the raw engine, one for the rest
            options.forks(1);
        }
        return options;
    }

    /** {@code Class.method}, with {@code [cache=…]} for the peers measured with two cache sizes. */
    private static String label(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String label = benchmark.substring(benchmark.indexOf("bench.") + "bench.".length());
        String cache = result.getParams().getParam("cache");
        return cache == null ? label : label + "[cache=" + cache + "]";
    }

    private static String line(Comparison comparison, RunResult kernel, RunResult raw) {
        Result<?> k = kernel.getPrimaryResult();
        Result<?> r = raw.getPrimaryResult();
        double kernelOps = k.getScore();
        double rawOps = r.getScore();
        String ratio = comparison.comparesTimes()
                ? String.format(Locale.ROOT, "time-ratio=%.4f (%s)", rawOps / kernelOps, comparison.sides())
                : String.format(Locale.ROOT, "ratio=%.3f", kernelOps / rawOps);
        return String.format(Locale.ROOT, "%s: %s kernel=%s raw=%s error=±%.1f%%/±%.1f%% delta=%s/op alloc=%s/%s B/op",
                comparison.name(), ratio, rate(kernelOps), rate(rawOps), percent(k), percent(r),
                duration(1e9 / kernelOps - 1e9 / rawOps), allocation(kernel), allocation(raw));
    }

    /** Whole operations per second, or three significant digits below 100/s (whole listings of many keys). */
    private static String rate(double opsPerSecond) {
        return String.format(Locale.ROOT, opsPerSecond >= 100 ? "%.0f" : "%.3g", opsPerSecond);
    }

    /** Nanoseconds, or milliseconds from a millisecond on. */
    private static String duration(double nanos) {
        return Math.abs(nanos) >= 1e6
                ? String.format(Locale.ROOT, "%+.1fms", nanos / 1e6)
                : String.format(Locale.ROOT, "%+.1fns", nanos);
    }

    private static double percent(Result<?> result) {
        double error = result.getScoreError();
        return Double.isNaN(error) ? 0 : 100 * error / result.getScore();
    }

    private static String allocation(RunResult result) {
        Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return alloc == null ? "?" : String.format(Locale.ROOT, "%.0f", alloc.getScore());
    }
}
