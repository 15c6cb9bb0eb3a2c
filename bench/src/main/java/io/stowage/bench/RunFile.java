package io.stowage.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One JVM run of the paired report as a TSV file, so that several runs can be pooled after their JVMs have ended:
 * a comment line with the run's header, a line of column names, then one line per report line with its per-round
 * samples separated by commas. Samples are written as {@link Double#toString}, which reads back to the same double.
 */
record RunFile(String header, List<LineSamples> lines) {

    private static final String COLUMNS = "name\tunit\tmeasure\tcounted\tgoal\tsamples";

    RunFile {
        if (header.contains("\n")) {
            throw new IllegalArgumentException("a run's header is one line: " + header);
        }
        lines = List.copyOf(lines);
    }

    void write(Path file) throws IOException {
        List<String> text = new ArrayList<>();
        text.add("# " + header);
        text.add(COLUMNS);
        for (LineSamples line : lines) {
            text.add(String.join("\t", line.name(), line.unit().name(), line.measure(), line.counted(),
                    Double.toString(line.goal()), Arrays.stream(line.values()).mapToObj(Double::toString)
                            .collect(Collectors.joining(","))));
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(file, text, UTF_8);
    }

    static RunFile read(Path file) throws IOException {
        List<String> text = Files.readAllLines(file, UTF_8);
        if (text.size() < 2 || !text.get(0).startsWith("# ") || !text.get(1).equals(COLUMNS)) {
            throw new IOException(file + " is not a paired run's samples: it must begin with '# header' and "
                    + COLUMNS.replace('\t', ' '));
        }
        List<LineSamples> lines = new ArrayList<>();
        for (int n = 2; n < text.size(); n++) {
            String[] columns = text.get(n).split("\t", -1);
            if (columns.length != 6) {
                throw new IOException(file + ":" + (n + 1) + ": " + columns.length + " columns, not 6");
            }
            try {
                lines.add(new LineSamples(columns[0], PairedLine.Unit.valueOf(columns[1]), columns[2], columns[3],
                        Double.parseDouble(columns[4]), Arrays.stream(columns[5].split(","))
                                .mapToDouble(Double::parseDouble).toArray()));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return new RunFile(text.get(0).substring(2), lines);
    }
}
