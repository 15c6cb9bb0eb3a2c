package io.stowage.kernel.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.StoreId;
import io.stowage.api.InvalidInputException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.IndexDefinitionStore;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.kernel.store.StoreRoute;

/** The operator's side of secondary indexes: create (checked, then saved), drop, and list with state and size. */
final class AdminIndexes {

    private final Kernel kernel;
    private final IndexDefinitionStore saved;

    AdminIndexes(Kernel kernel, IndexDefinitionStore saved) {
        this.kernel = kernel;
        this.saved = saved;
    }

    IndexInfo create(StoreId store, String name, String function, boolean unique) {
        if (store == null || function == null) {
            throw new InvalidInputException("creating an index needs a store and a function");
        }
        IndexDefinition definition = IndexDefinition.parse(store.label(), IndexDefinition.requireName(name),
                function, unique);
        StoreRoute route = kernel.route(store.namespace(), store.store());
        kernel.indexes().check(route, definition);
        LiveIndex live = kernel.indexes().create(route, definition);
        saved.save(store, definition);
        return info(route, live);
    }

    boolean drop(StoreId store, String name) {
        StoreRoute route = kernel.route(store.namespace(), store.store());
        boolean dropped = kernel.indexes().drop(route, IndexDefinition.requireName(name));
        saved.remove(store, name);
        return dropped;
    }

    List<IndexInfo> list() {
        List<IndexInfo> infos = new ArrayList<>();
        for (StoreRoute route : kernel.knownRoutes()) {
            for (LiveIndex live : route.indexes().all()) {
                infos.add(info(route, live));
            }
        }
        return infos;
    }

    Optional<IndexInfo> one(StoreId store, String name) {
        StoreRoute route = kernel.route(store.namespace(), store.store());
        LiveIndex live = route.indexes().named(IndexDefinition.requireName(name));
        return live == null ? Optional.empty() : Optional.of(info(route, live));
    }

    private IndexInfo info(StoreRoute route, LiveIndex live) {
        IndexDefinition definition = live.definition;
        LiveIndex.State state = live.state();
        // Not counted while building: a scan of the entries on every look would slow the build down
        long entries = state == LiveIndex.State.BUILDING ? -1 : kernel.indexes().entries(route, definition.name());
        return new IndexInfo(new StoreId(route.namespace, route.name), definition.name(), definition.function(),
                definition.unique(), IndexState.valueOf(state.name()), live.built(), entries,
                live.failure() == null ? "" : live.failure());
    }
}
