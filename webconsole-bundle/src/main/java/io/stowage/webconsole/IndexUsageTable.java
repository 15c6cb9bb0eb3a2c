package io.stowage.webconsole;

import java.util.List;
import java.util.Locale;

import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.IndexStatistics;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;

/**
 * A store's secondary indexes on its page: each one that answers lookups with its function, state and entries, and
 * how it was used since the kernel started (the figures {@code stowage:stats <namespace/store>} shows). Index names
 * and functions are the operator's text: all encoded.
 */
final class IndexUsageTable {

    private IndexUsageTable() {
    }

    /** Nothing for a store without indexes. */
    static void render(Html html, StowageAdmin admin, StoreId store) {
        List<IndexStatistics> usage = admin.indexStatistics(store);
        if (usage.isEmpty()) {
            return;
        }
        List<IndexInfo> listed = admin.indexes();
        html.raw("<h3>Indexes</h3>\n");
        html.table("stowage-indexes", "Index", "Function", "State", "Entries", "Lookups", "Lookup p99 (us)",
                "Entries written", "Entries removed", "Unique refusals", "Last build");
        for (IndexStatistics index : usage) {
            IndexInfo info = listed.stream().filter(one -> one.store().equals(store)
                    && one.name().equals(index.name()) && one.state() != IndexState.REPLACING
                    && one.state() != IndexState.REPLACEMENT_FAILED).findFirst().orElse(null);
            html.row(index.name(), info == null ? "?" : info.function() + (info.unique() ? ", unique" : ""),
                    index.state().name().toLowerCase(Locale.ROOT),
                    info == null || info.entries() < 0 ? "-" : info.entries(), index.lookups(),
                    index.lookupLatency().timed() == 0 ? "-"
                            : String.format(Locale.ROOT, "%.1f", index.lookupLatency().p99Nanos() / 1_000.0),
                    index.entriesWritten(), index.entriesRemoved(),
                    info != null && info.unique() ? index.uniqueRefusals() : "-",
                    index.built() + " keys in " + index.buildTime().toMillis() + " ms");
        }
        html.endTable();
        html.raw("<p class='stowage-note'>Counts since the kernel started (a redefined index counts anew from when its "
                + "new definition takes over); entries are counted by a scan now (- while it builds); lookup "
                + "latency over the last one to two minutes; entries written are every index key of each value "
                + "written, entries removed those a replaced or deleted value had and its new value has not.</p>\n");
    }
}
