package io.stowage.kernel.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.IndexStatistics;
import io.stowage.admin.StoreId;
import io.stowage.api.InvalidInputException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.IndexDefinitionStore;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.kernel.metrics.IndexCounter;
import io.stowage.kernel.store.StoreRoute;

/**
 * The operator's side of secondary indexes: create or redefine (checked, then saved), drop, list with state and
 * size, a replacement being built beside its index listed after it, and how the indexes that serve were used.
 */
final class AdminIndexes {

    private final Kernel kernel;
    private final IndexDefinitionStore saved;

    AdminIndexes(Kernel kernel, IndexDefinitionStore saved) {
        this.kernel = kernel;
        this.saved = saved;
    }

    /** Creates the index, or gives the index of that name this definition (rebuilt beside it); then saves it. */
    IndexInfo create(StoreId store, String name, String function, boolean unique) {
        if (store == null || function == null) {
            throw new InvalidInputException("creating an index needs a store and a function");
        }
        IndexDefinition definition = IndexDefinition.parse(store.label(), IndexDefinition.requireName(name),
                function, unique);
        StoreRoute route = kernel.route(store.namespace(), store.store());
        kernel.indexes().check(route, definition);
        LiveIndex live = route.indexes().named(definition.name()) == null
                ? kernel.indexes().create(route, definition)
                : kernel.indexes().redefine(route, definition);
        saved.save(store, definition);
        return info(route, live, route.indexes().isReplacement(live) ? IndexState.REPLACING : null);
    }

    boolean drop(StoreId store, String name) {
        StoreRoute route = kernel.route(store.namespace(), store.store());
        boolean dropped = kernel.indexes().drop(route, IndexDefinition.requireName(name));
        saved.remove(store, name);
        return dropped;
    }

    /** Every index, each followed by its replacement being built or the last that failed, if it has one. */
    List<IndexInfo> list() {
        List<IndexInfo> infos = new ArrayList<>();
        for (StoreRoute route : kernel.knownRoutes()) {
            for (LiveIndex live : route.indexes().all()) {
                infos.add(info(route, live, null));
                LiveIndex replacement = route.indexes().replacementOf(live.name());
                if (replacement != null) {
                    infos.add(info(route, replacement, IndexState.REPLACING));
                } else if (live.failedReplacement() != null) {
                    infos.add(info(route, live.failedReplacement(), IndexState.REPLACEMENT_FAILED));
                }
            }
        }
        return infos;
    }

    Optional<IndexInfo> one(StoreId store, String name) {
        StoreRoute route = kernel.route(store.namespace(), store.store());
        LiveIndex live = route.indexes().named(IndexDefinition.requireName(name));
        return live == null ? Optional.empty() : Optional.of(info(route, live, null));
    }

    /** The usage of the route's indexes that answer lookups, in the order {@link #list()} gives them. */
    List<IndexStatistics> statistics(StoreRoute route) {
        StoreId store = new StoreId(route.namespace, route.name);
        return route.indexes().all().stream().map(live -> {
            IndexCounter.Snapshot usage = live.usage.snapshot();
            return new IndexStatistics(store, live.name(), IndexState.valueOf(live.state().name()), live.built(),
                    Duration.ofNanos(live.buildNanos()), usage.lookups(),
                    TrafficFigures.latencies(usage.lookupLatency()), Duration.ofNanos(usage.windowNanos()),
                    usage.entriesWritten(), usage.entriesRemoved(), usage.uniqueRefusals());
        }).toList();
    }

    /** @param replacing the state of a replacement, or null for an index that serves lookups */
    private IndexInfo info(StoreRoute route, LiveIndex live, IndexState replacing) {
        IndexDefinition definition = live.definition;
        LiveIndex.State state = live.state();
        IndexState shown = replacing != null ? replacing : IndexState.valueOf(state.name());
        // Not counted while building (a scan of the entries on every look would slow the build down), nor once
        // a replacement failed (its entries are being deleted)
        long entries = shown == IndexState.READY || shown == IndexState.FAILED
                ? kernel.indexes().entries(route, live) : -1;
        return new IndexInfo(new StoreId(route.namespace, route.name), definition.name(), definition.function(),
                definition.unique(), shown, live.built(), entries, live.failure() == null ? "" : live.failure());
    }
}
