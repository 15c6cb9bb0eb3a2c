package io.stowage.shell.command;

import io.stowage.admin.StoreId;
import io.stowage.api.Store;
import io.stowage.typed.GarbageCollection;
import io.stowage.typed.ObjectStores;

/**
 * {@code stowage:gc}'s call of the typed-data API, and the line it prints. The only class of the shell that links
 * against {@code io.stowage.typed}, which the shell imports dynamically: the JVM loads it, and the API with it, only
 * once {@link TypedDataWiring} has loaded a class of the package, which made the wire.
 */
final class ObjectGarbage {

    private ObjectGarbage() {
    }

    /** @param pageSize keys per step, or null for the API's default */
    static String collect(StoreId id, Store store, Integer pageSize) {
        GarbageCollection run = pageSize == null ? ObjectStores.collectGarbage(store)
                : ObjectStores.collectGarbage(store, pageSize);
        return "collected " + run.collected() + " object(s) of " + id.label() + " in " + run.duration().toMillis()
                + " ms; " + run.reachable() + " reachable from " + run.roots() + " root(s)";
    }
}
