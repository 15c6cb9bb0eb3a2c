package io.stowage.shell.command;

import java.time.Duration;
import java.util.List;

import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.IndexedEntry;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * The commands on secondary indexes: create or redefine (and wait for the build), drop, list with progress, and look
 * up.
 */
public final class IndexCommands {

    /** How long {@code --wait} waits for a build. */
    private static final Duration WAIT = Duration.ofMinutes(10);

    private final StowageAdmin admin;

    public IndexCommands(StowageAdmin admin) {
        this.admin = admin;
    }

    /**
     * Creates the index, or redefines the store's index of that name: then the new definition is built beside it.
     *
     * @param wait whether to return once the index (or its new definition) is built rather than while it builds
     */
    public String create(String store, String name, String function, boolean unique, boolean wait)
            throws InterruptedException {
        StoreId id = StoreId.parse(store);
        IndexInfo created = admin.createIndex(id, name, function, unique);
        boolean replacing = created.state() == IndexState.REPLACING;
        String what = "index " + name + " of " + store + " (" + created.function() + (unique ? ", unique" : "") + ")";
        if (!wait && replacing) {
            return what + " is building beside the index, which answers lookups with its former definition until"
                    + " then; stowage:indexes shows its progress";
        }
        if (!wait && created.state() == IndexState.BUILDING) {
            return what + " is building; stowage:indexes shows its progress";
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        IndexInfo now = created;
        while (now.state() == IndexState.BUILDING || now.state() == IndexState.REPLACING) {
            if (System.nanoTime() - deadline > 0) {
                throw new CommandFailure(what + " is still building after " + WAIT + " (" + now.built()
                        + " entries so far); stowage:indexes shows its progress");
            }
            Thread.sleep(100); // polls the build's state, which has no listener to wait on
            now = replacing ? findDefined(id, created) : find(id, name);
        }
        if (now.state() == IndexState.FAILED) {
            throw new CommandFailure(what + " could not be built: " + now.failure());
        }
        if (now.state() == IndexState.REPLACEMENT_FAILED) {
            throw new CommandFailure(what + " could not be built: " + now.failure() + "; the index answers lookups"
                    + " with its former definition");
        }
        return what + " is built: " + now.entries() + " entries from " + now.built() + " keys";
    }

    public String drop(String store, String name) {
        if (!admin.dropIndex(StoreId.parse(store), name)) {
            throw new CommandFailure("store " + store + " has no index '" + name + "' (stowage:indexes lists them)");
        }
        return "dropped index " + name + " of " + store + " and its entries";
    }

    /** @param store only this store's, or null for every store's */
    public String list(String store) {
        StoreId only = store == null ? null : StoreId.parse(store);
        List<IndexInfo> indexes = admin.indexes().stream().filter(info -> only == null || info.store().equals(only))
                .toList();
        if (indexes.isEmpty()) {
            return only == null ? "no store has an index" : "store " + store + " has no index";
        }
        TextTable table = new TextTable("STORE", "INDEX", "FUNCTION", "UNIQUE", "STATE", ">BUILT", ">ENTRIES");
        for (IndexInfo info : indexes) {
            table.row(info.store().label(), info.name(), info.function(), info.unique() ? "yes" : "no",
                    state(info), info.built(),
                    info.entries() < 0 ? "-" : info.entries());
        }
        return table.render();
    }

    /** An index's state as the list shows it: a replacement's row follows its index's, with the same name. */
    private static String state(IndexInfo info) {
        return switch (info.state()) {
            case FAILED -> "failed: " + info.failure();
            case REPLACEMENT_FAILED -> "replacement failed: " + info.failure();
            default -> info.state().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Looks keys up by index key: {@code key} exactly, or every index key starting with it ({@code prefix}), or
     * from it up to {@code to} (exclusive; "-" for open ends).
     */
    public String query(String store, String index, String key, boolean prefix, String to, boolean values,
            String limit, String after) {
        if (prefix && to != null) {
            throw new CommandFailure("--prefix and --to do not go together: a lookup is by prefix or by range");
        }
        IndexQuery query = prefix ? IndexQuery.prefix(key)
                : to != null ? IndexQuery.range(open(key), open(to)) : IndexQuery.exact(key);
        int pageSize = ShellText.parseLimit(limit);
        try (Store existing = admin.openStore(StoreId.parse(store))) {
            if (values) {
                Page<IndexedEntry> page = existing.index(index).entries(query, pageSize, after);
                return ShellText.page(page.items().stream().map(hit -> hit.indexKey() + "  " + hit.key() + " = "
                        + ShellText.render(hit.value())).toList(), page.continuation(), "no key found");
            }
            Page<IndexHit> page = existing.index(index).find(query, pageSize, after);
            return ShellText.page(page.items().stream().map(hit -> hit.indexKey() + "  " + hit.key()).toList(),
                    page.continuation(), "no key found");
        }
    }

    /**
     * The index as {@code replacement} defines it: the replacement while it builds or once it failed, or the index
     * itself once the replacement took its place.
     */
    private IndexInfo findDefined(StoreId store, IndexInfo replacement) {
        IndexInfo serving = null;
        for (IndexInfo info : admin.indexes()) {
            if (info.store().equals(store) && info.name().equals(replacement.name())) {
                if (info.state() != IndexState.REPLACING && info.state() != IndexState.REPLACEMENT_FAILED) {
                    serving = info;
                } else if (sameDefinition(info, replacement)) {
                    return info;
                }
            }
        }
        if (serving == null) {
            throw new CommandFailure("index " + replacement.name() + " of " + store
                    + " was dropped while it was being built");
        }
        if (!sameDefinition(serving, replacement)) {
            throw new CommandFailure("index " + replacement.name() + " of " + store + " was redefined again ("
                    + serving.function() + ") while it was being built");
        }
        return serving;
    }

    private static boolean sameDefinition(IndexInfo one, IndexInfo other) {
        return one.function().equals(other.function()) && one.unique() == other.unique();
    }

    private IndexInfo find(StoreId store, String name) {
        return admin.index(store, name).orElseThrow(() -> new CommandFailure("index " + name + " of " + store
                + " was dropped while it was being built"));
    }

    private static String open(String bound) {
        return bound.equals("-") ? null : bound;
    }
}
