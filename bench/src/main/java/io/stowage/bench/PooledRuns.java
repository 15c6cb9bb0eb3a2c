package io.stowage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The paired report pooled over several JVM runs ({@code bench/run.sh paired --runs N}): each line's median of the
 * rounds of every run, its 95% two-level bootstrap interval ({@link RunsInterval}), the number of runs and each run's
 * own median, and the goal's verdict by the same rule as one run's line; then the chart of the pooled lines.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.PooledRuns [--chart file.png]... run.tsv...}, the files
 * written by {@code Paired --samples}, one for each run.
 */
public final class PooledRuns {

    private PooledRuns() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> charts = new ArrayList<>();
        List<RunFile> runs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--chart")) {
                charts.add(Path.of(args[++i]));
            } else {
                runs.add(RunFile.read(Path.of(args[i])));
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to pool: give the files Paired --samples wrote");
        }
        String header = String.format(Locale.ROOT, "paired, pooled over %d JVM runs: two-level bootstrap (the runs, "
                + "then the rounds within each), %d resamples; the runs:", runs.size(), MedianInterval.RESAMPLES);
        List<PairedLine> lines = pool(runs);
        System.out.println();
        System.out.println(header);
        runs.forEach(run -> System.out.println("  " + run.header()));
        lines.forEach(line -> System.out.println(line.text()));
        String first = runs.get(0).header();
        PairedChart.write(lines, runs.size() + " JVM runs pooled, two-level bootstrap; the first: "
                + first.substring(0, first.contains(", load average") ? first.indexOf(", load average")
                        : first.length()), charts);
        charts.forEach(chart -> System.out.println("chart: " + chart));
    }

    /** One pooled line for each line of the runs, which must all report the same lines in the same order. */
    static List<PairedLine> pool(List<RunFile> runs) {
        List<LineSamples> first = runs.get(0).lines();
        for (int r = 1; r < runs.size(); r++) {
            List<String> names = runs.get(r).lines().stream().map(LineSamples::name).toList();
            List<String> expected = first.stream().map(LineSamples::name).toList();
            if (!names.equals(expected)) {
                throw new IllegalArgumentException("run " + (r + 1) + " reports " + names + ", run 1 " + expected
                        + ": pool runs of the same comparisons only");
            }
        }
        List<PairedLine> pooled = new ArrayList<>();
        for (int n = 0; n < first.size(); n++) {
            int line = n;
            pooled.add(line(runs.stream().map(run -> run.lines().get(line)).toList()));
        }
        return pooled;
    }

    /** One line's samples from each run, pooled, with the text it prints. */
    static PairedLine line(List<LineSamples> perRun) {
        LineSamples first = perRun.get(0);
        List<double[]> runs = perRun.stream().map(LineSamples::values).toList();
        MedianInterval interval = RunsInterval.of(runs, MedianInterval.RESAMPLES, Paired.SEED);
        PairedLine line = new PairedLine(first.name(), first.unit(), interval, first.goal(), "");
        boolean bytes = first.unit() == PairedLine.Unit.BYTES_PER_OPERATION;
        String number = bytes ? "%+.1f" : "%.3f";
        String perRunMedians = Arrays.stream(RunsInterval.medians(runs))
                .mapToObj(median -> String.format(Locale.ROOT, number, median)).collect(Collectors.joining(","));
        String goal = !line.hasGoal() ? "(report)"
                : String.format(Locale.ROOT, bytes ? "goal<=+%.0f %s"
                        : first.unit() == PairedLine.Unit.COST ? "goal<=%.2f %s" : "goal>=%.2f %s", line.goal(),
                        line.met() ? "met" : "not met");
        return line.withText(String.format(Locale.ROOT, "%s: %s=" + number + " ci=[" + number + "," + number + "]%s "
                + "runs=%d %s=%d per-run=[%s] %s", first.name(), first.measure(), interval.median(), interval.lower(),
                interval.upper(), bytes ? " B/op" : "", runs.size(), first.counted(), interval.samples(),
                perRunMedians, goal));
    }
}
