package io.stowage.kernel.store;

import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.stowage.api.ChangeFeed;
import io.stowage.api.InvalidInputException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.feed.ChangeLog;
import io.stowage.kernel.feed.KernelFeed;

/** Opens a pull feed on a store: joins its change log, and leaves it when the feed closes. */
final class StoreWatch {

    private StoreWatch() {
    }

    /** {@code holders} keep the feed while it is open (its handle's set, its bundle's), so it closes with them. */
    static ChangeFeed open(StoreRoute route, Kernel kernel, String glob, long fromPosition, boolean withValues,
            BooleanSupplier handleClosed, List<Set<ChangeFeed>> holders) {
        Glob keys = Glob.parse(glob);
        if (fromPosition < 0 && fromPosition != ChangeFeed.NOW) {
            throw new InvalidInputException("store " + route.label + ": a feed starts at a position a feed gave, or "
                    + "at ChangeFeed.NOW, not at " + fromPosition);
        }
        ChangeLog log = route.watch(kernel.settings().changeLogSize(), kernel.operationTimeoutMillis(), kernel);
        try {
            KernelFeed[] opened = new KernelFeed[1];
            opened[0] = new KernelFeed(log, route.label, keys::matches, fromPosition, withValues, handleClosed, () -> {
                holders.forEach(holder -> holder.remove(opened[0]));
                unwatch(route, log, kernel);
            });
            log.endRetention();
            holders.forEach(holder -> holder.add(opened[0]));
            return opened[0];
        } catch (RuntimeException e) {
            unwatch(route, log, kernel);
            throw e;
        }
    }

    /** Leaves the store's log, which is kept for the kernel's retention if this was its last watcher. */
    static void unwatch(StoreRoute route, ChangeLog log, Kernel kernel) {
        route.unwatch(log, kernel.nowMillis(), kernel.settings().changeLogRetentionMillis());
    }
}
