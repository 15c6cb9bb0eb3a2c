package io.stowage.shell.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns as wide as their widest cell, so that no value, however long, pushes the columns after it out of line. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    /** @param headers the header row; a header starting with '>' names a right-aligned (numeric) column */
    TextTable(String... headers) {
        rightAligned = new boolean[headers.length];
        String[] names = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            names[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
        rows.add(names);
    }

    TextTable row(Object... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of "
                    + rightAligned.length + " columns");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    /** The rows, one per line, with two spaces between columns and no trailing spaces. */
    String render() {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String padding = " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(rightAligned[i] ? padding + row[i] : row[i] + padding);
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString().stripTrailing();
    }
}
