package io.stowage.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a paired benchmark with parts to choose from: {@code [seconds] [--entries N] [--only a,b]
 * [--chart file.png]... [--samples run.tsv]}.
 *
 * @param seconds each comparison's measured time
 * @param entries the data set's size
 * @param parts   the parts to run, all by default; an unknown one is refused naming the known ones
 * @param charts  where to draw the chart
 * @param samples where to write the per-round samples for {@link PooledRuns}, or null
 */
record PairedArguments(int seconds, long entries, List<String> parts, List<Path> charts, Path samples) {

    static PairedArguments parse(String[] args, List<String> knownParts, long defaultEntries) {
        List<String> positional = new ArrayList<>();
        List<String> parts = knownParts;
        List<Path> charts = new ArrayList<>();
        Path samples = null;
        long entries = defaultEntries;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> parts = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .filter(name -> !name.isEmpty()).toList();
                case "--entries" -> entries = Long.parseLong(args[++i]);
                case "--chart" -> charts.add(Path.of(args[++i]));
                case "--samples" -> samples = Path.of(args[++i]);
                default -> positional.add(args[i]);
            }
        }
        for (String part : parts) {
            if (!knownParts.contains(part)) {
                throw new IllegalArgumentException("--only " + part + " is none of " + knownParts);
            }
        }
        int seconds = positional.isEmpty() ? 20 : Integer.parseInt(positional.get(0));
        return new PairedArguments(seconds, entries, parts, charts, samples);
    }
}
