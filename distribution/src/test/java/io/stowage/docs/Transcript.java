package io.stowage.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares a transcript as a document shows it with what ran. Lines are compared with runs of blanks taken as one
 * (tables may be aligned differently); {@code ...} on a line of its own stands for any number of lines, and within a
 * line for any text (a TTL, a timing, a bundle id).
 */
final class Transcript {

    static final String ELIDED = "...";

    private final List<String> expected;
    private final List<String> actual;
    /** Pairs (expected, actual) already known not to match from there on. */
    private final boolean[][] failed;
    private int furthestExpected;
    private int furthestActual;

    private Transcript(List<String> expected, List<String> actual) {
        this.expected = expected;
        this.actual = actual;
        this.failed = new boolean[expected.size() + 1][actual.size() + 1];
    }

    /**
     * Empty if what ran matches the block's lines; otherwise a report naming the block's first line that did not
     * match, with the block as written and what ran, ready to paste.
     */
    static Optional<String> compare(DocBlock block, List<String> actual) {
        List<String> expected = block.lines();
        Transcript transcript = new Transcript(expected, actual);
        if (transcript.matches(0, 0)) {
            return Optional.empty();
        }
        int differs = transcript.furthestExpected;
        StringBuilder report = new StringBuilder(block.where() + ": the " + block.language()
                + " block does not match what ran; the first line that differs is "
                + (differs < expected.size() ? block.where(differs)
                        : "after its last line (what ran goes on)")
                + "\n--- as written\n");
        for (int i = 0; i < expected.size(); i++) {
            report.append(i == differs ? ">> " : "   ").append(expected.get(i)).append('\n');
        }
        report.append("--- what ran\n");
        for (int j = 0; j < actual.size(); j++) {
            report.append(j == transcript.furthestActual ? ">> " : "   ").append(actual.get(j)).append('\n');
        }
        if (transcript.furthestActual >= actual.size()) {
            report.append(">> (nothing more ran)\n");
        }
        return Optional.of(report.toString());
    }

    private boolean matches(int i, int j) {
        if (failed[i][j]) {
            return false;
        }
        boolean matched;
        if (i == expected.size()) {
            matched = j == actual.size();
        } else if (expected.get(i).strip().equals(ELIDED)) {
            matched = matches(i + 1, j) || (j < actual.size() && matches(i, j + 1));
        } else {
            matched = j < actual.size() && lineMatches(expected.get(i), actual.get(j)) && matches(i + 1, j + 1);
        }
        if (!matched) {
            failed[i][j] = true;
            if (i > furthestExpected || (i == furthestExpected && j > furthestActual)) {
                furthestExpected = i;
                furthestActual = j;
            }
        }
        return matched;
    }

    static boolean lineMatches(String expected, String actual) {
        String pattern = blanksAsOne(expected);
        String line = blanksAsOne(actual);
        if (!pattern.contains(ELIDED)) {
            return pattern.equals(line);
        }
        List<String> parts = new ArrayList<>();
        for (String literal : pattern.split(Pattern.quote(ELIDED), -1)) {
            parts.add(Pattern.quote(literal));
        }
        return Pattern.compile(String.join(".*", parts)).matcher(line).matches();
    }

    private static String blanksAsOne(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
