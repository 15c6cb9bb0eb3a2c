package io.stowage.bench;

import java.util.ArrayList;
import java.util.Collection;
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
 * per-operation time difference and the allocations per operation of both sides.
 *
 * <p>Usage: {@code java -jar benchmarks.jar [quick|full]}. Quick uses 100,000 entries and one fork; full uses
 * 1,000,000 entries, more iterations and two forks.
 */
public final class Compare {

    /** A comparison: which benchmark is "kernel", which is "raw". */
    private record Comparison(String name, String kernel, String raw) {
    }

    private static final List<Comparison> COMPARISONS = List.of(
            new Comparison("memory.get", "MemoryBenchmark.kernelGet", "MemoryBenchmark.rawGet"),
            new Comparison("memory.put", "MemoryBenchmark.kernelPut", "MemoryBenchmark.rawPut"),
            new Comparison("memory.get-vs-lmdb", "MemoryBenchmark.kernelGet", "LmdbBenchmark.rawLmdbGet"),
            new Comparison("memory.raw-get-vs-skiplist", "MemoryBenchmark.rawGet", "MemoryBenchmark.rawSkipListGet"));

    private Compare() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean full = args.length > 0 && args[0].equals("full");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("io\\.stowage\\.bench\\.(MemoryBenchmark|LmdbBenchmark)\\..*")
                .param("entries", full ? "1000000" : "100000")
                .threads(1)
                .forks(full ? 2 : 1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(full ? 8 : 5)
                .measurementTime(TimeValue.seconds(2))
                .addProfiler("gc")
                .jvmArgsAppend("-Xms4g", "-Xmx4g",
                        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, RunResult> byName = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            byName.put(label.substring(label.indexOf("bench.") + "bench.".length()), result);
        }
        List<String> lines = new ArrayList<>();
        for (Comparison comparison : COMPARISONS) {
            RunResult kernel = byName.get(comparison.kernel());
            RunResult raw = byName.get(comparison.raw());
            if (kernel == null || raw == null) {
                lines.add(comparison.name() + ": not measured");
                continue;
            }
            lines.add(line(comparison.name(), kernel, raw));
        }
        System.out.println();
        System.out.println("entries=" + (full ? 1_000_000 : 100_000) + ", 1 thread");
        lines.forEach(System.out::println);
    }

    private static String line(String name, RunResult kernel, RunResult raw) {
        Result<?> k = kernel.getPrimaryResult();
        Result<?> r = raw.getPrimaryResult();
        double kernelOps = k.getScore();
        double rawOps = r.getScore();
        return String.format(Locale.ROOT,
                "%s: ratio=%.3f kernel=%.0f raw=%.0f error=±%.1f%%/±%.1f%% delta=%+.1fns/op alloc=%s/%s B/op",
                name, kernelOps / rawOps, kernelOps, rawOps, percent(k), percent(r),
                1e9 / kernelOps - 1e9 / rawOps, allocation(kernel), allocation(raw));
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
