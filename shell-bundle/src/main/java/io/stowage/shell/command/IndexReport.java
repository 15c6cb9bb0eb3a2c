package io.stowage.shell.command;

import java.util.List;
import java.util.Locale;

import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.IndexStatistics;

/**
 * What {@code stowage:stats <namespace/store>} shows of the store's secondary indexes: a block per index that answers
 * lookups, with its state and entries (as {@code stowage:indexes} lists them) and how it was used since the kernel
 * started: lookups and their latencies, index entries that writes put and deleted, writes a unique index refused,
 * and its last build.
 */
final class IndexReport {

    private IndexReport() {
    }

    /**
     * The lines of each index in {@code usage}, in the format of the store's own lines.
     *
     * @param listed the indexes as listed, for the entries and uniqueness of each
     * @param window the latency window's wording, as the store's lines have it
     */
    static String detail(List<IndexStatistics> usage, List<IndexInfo> listed, String format, String window) {
        StringBuilder out = new StringBuilder();
        for (IndexStatistics index : usage) {
            IndexInfo info = listed.stream().filter(one -> one.store().equals(index.store())
                    && one.name().equals(index.name()) && one.state() != IndexState.REPLACING
                    && one.state() != IndexState.REPLACEMENT_FAILED).findFirst().orElse(null);
            boolean unique = info != null && info.unique();
            String entries = info == null || info.entries() < 0 ? "entries counted once built"
                    : info.entries() + " entries";
            out.append(String.format(format, "index " + index.name(), (info == null ? "" : info.function()
                    + (unique ? ", unique" : "") + ": ") + index.state().name().toLowerCase(Locale.ROOT) + ", "
                    + entries + "; build went through " + count(index.built(), "key") + " in "
                    + ShellText.duration(index.buildTime().toNanos())));
            out.append(String.format(format, "  lookups", index.lookups() + "; "
                    + StatsReport.latencies(index.lookupLatency(), window)));
            out.append(String.format(format, "  entries", index.entriesWritten() + " written, "
                    + index.entriesRemoved() + " removed by writes"));
            if (unique) {
                out.append(String.format(format, "  refused", count(index.uniqueRefusals(), "write")
                        + " for giving an index key to a second key"));
            }
        }
        return out.toString();
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
