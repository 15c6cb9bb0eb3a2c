package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.IndexUnavailableException;
import io.stowage.api.InvalidInputException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.IndexLayout;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.IndexFunction;
import io.stowage.spi.StorageBackend;

/**
 * Creates and drops a store's indexes while the store serves. A new index is maintained by every write from the
 * moment it is defined (once the writes that began without it have ended), while a background pass indexes the
 * entries written before, one conditional write per entry on its value being the one read; it answers lookups once
 * that pass is through. Dropping an index stops its maintenance and then deletes its entries.
 */
public final class IndexLifecycle implements AutoCloseable {

    private static final int PAGE = 1000;

    private final Kernel kernel;
    private final Logger logger;
    private final Set<Thread> builds = ConcurrentHashMap.newKeySet();

    public IndexLifecycle(Kernel kernel, Logger logger) {
        this.kernel = kernel;
        this.logger = logger;
    }

    /**
     * Checks a definition an operator gives before it is saved: its function is installed and takes its parameters.
     *
     * @throws IndexUnavailableException if no index function of the type is installed
     * @throws InvalidInputException     if the function refuses the parameters
     */
    public void check(StoreRoute route, IndexDefinition definition) {
        IndexFunction function = kernel.indexFunctions().newest(definition.type());
        if (function == null) {
            throw new IndexUnavailableException("store " + route.label + ": no index function '" + definition.type()
                    + "' is installed (installed: " + kernel.indexFunctions().registered().keySet() + ")");
        }
        LiveIndex.bind(function, definition, route.label);
    }

    /**
     * Defines the index and starts its build; returns at once with the index {@link LiveIndex.State#BUILDING}.
     * Writes maintain it from now on: while its function is not installed they wait for it and fail, and the build
     * waits for it.
     *
     * @throws InvalidInputException if the store has an index of that name
     */
    public LiveIndex create(StoreRoute route, IndexDefinition definition) {
        StoreAccess access = new StoreAccess(route, kernel);
        LiveIndex live = new LiveIndex(definition, route.label);
        synchronized (route) {
            if (route.migration() != null) {
                // Its writes pass the migration's gate, uncounted: nothing could tell when all have seen the index
                throw new IndexUnavailableException("store " + route.label + " is being migrated; create index '"
                        + definition.name() + "' once the migration is done");
            }
            if (route.indexes().named(definition.name()) != null) {
                throw new InvalidInputException("store " + route.label + " already has an index '"
                        + definition.name() + "'");
            }
            route.useIndexes(route.indexes().with(live));
        }
        Thread build = new Thread(() -> build(access, live), "stowage-index-build-" + route.label + "-"
                + definition.name());
        build.setDaemon(true);
        builds.add(build);
        build.start();
        return live;
    }

    /** Drops the index and deletes its entries; false if the store has no index of that name. */
    public boolean drop(StoreRoute route, String name) {
        LiveIndex dropped;
        synchronized (route) {
            dropped = route.indexes().named(name);
            if (dropped == null) {
                return false;
            }
            route.useIndexes(route.indexes().without(dropped));
        }
        awaitWritesWithout(route);
        deleteEntries(new StoreAccess(route, kernel), name);
        return true;
    }

    /** How many entries the index has now, expired ones not yet swept included. */
    public long entries(StoreRoute route, String name) {
        return countEntries(new StoreAccess(route, kernel), name);
    }

    private void build(StoreAccess access, LiveIndex live) {
        StoreRoute route = access.route;
        try {
            clearLeftovers(access, live);
            live.maintain();
            awaitWritesWithout(route);
            awaitFunction(live, route);
            IndexedWrites indexed = new IndexedWrites(access);
            new StoreListing(access).forEachStored(true, (raw, prefixLength, envelope) -> {
                if (route.indexes().named(live.name()) != live || Thread.currentThread().isInterrupted()) {
                    throw new BuildStopped();
                }
                String key = KeyCodec.decode(raw, prefixLength);
                access.writeUnchanged((bound, keys, k, e, expiry) -> {
                    reindex(indexed, bound, keys, key, k);
                    return null;
                }, raw, null, ValueEnvelope.NO_EXPIRY);
                live.progressed(1);
            });
            live.ready();
            logger.info("index '{}' of store {} is built: {} entries indexed", live.name(), route.label, live.built());
        } catch (BuildStopped e) {
            logger.info("build of index '{}' of store {} stopped", live.name(), route.label);
        } catch (DuplicateIndexKeyException | InvalidInputException e) {
            live.failed(e.getMessage());
            logger.warn("index '{}' of store {} cannot be built: {}", live.name(), route.label, e.getMessage());
        } catch (RuntimeException e) {
            live.failed(e.toString());
            logger.error("build of index '{}' of store {} failed", live.name(), route.label, e);
        } finally {
            builds.remove(Thread.currentThread());
        }
    }

    /**
     * Deletes the entries an earlier runtime left under the index's name, which nothing kept since, before writes
     * keep the index. The store's backend may not serve yet (the index was configured as the runtime started): then
     * it waits for it, as long as the index is defined.
     */
    private void clearLeftovers(StoreAccess access, LiveIndex live) {
        while (true) {
            try {
                deleteEntries(access, live.name());
                return;
            } catch (BackendUnavailableException notYet) {
                if (access.route.indexes().named(live.name()) != live || Thread.currentThread().isInterrupted()) {
                    throw new BuildStopped();
                }
            }
        }
    }

    /** Waits for the index's function, as long as the index is defined; binds it (a refusal fails the build). */
    private void awaitFunction(LiveIndex live, StoreRoute route) {
        while (kernel.indexFunctions().awaitNewest(live.definition.type(), kernel.operationTimeoutMillis()) == null) {
            if (route.indexes().named(live.name()) != live || Thread.currentThread().isInterrupted()) {
                throw new BuildStopped();
            }
        }
        live.keys(kernel.indexFunctions(), kernel.operationTimeoutMillis());
    }

    /** Writes the index entries of the key's value as it is now, unless it changes meanwhile (then again). */
    private static void reindex(IndexedWrites indexed, BoundBackend bound, Keyspace keys, String key, byte[] raw) {
        StorageBackend backend = bound.backend();
        while (true) {
            byte[] current = backend.get(raw);
            if (current == null) {
                return; // deleted since the page was read: its delete removed whatever entries it had
            }
            IndexedWrites.Change same = new IndexedWrites.Change(key, raw, null, current,
                    ValueEnvelope.expiresAt(current));
            IndexedWrites.Plan plan = indexed.plan(backend, keys, List.of(same), Collections.singletonList(current));
            if (backend.writeIf(plan.conditions(), plan.mutations(), Long.MAX_VALUE)) {
                IndexedWrites.written(plan.mutations());
                return;
            }
        }
    }

    /**
     * Waits for the writes that began before the store's index list last changed, so that from here on every write
     * sees the new list.
     */
    private void awaitWritesWithout(StoreRoute route) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(kernel.drainTimeoutMillis());
        while (!route.awaitUngated(kernel.operationTimeoutMillis())) {
            if (System.nanoTime() - deadline > 0) {
                throw new IndexUnavailableException("store " + route.label + ": writes still running after "
                        + kernel.drainTimeoutMillis() + " ms kept its index list from taking effect");
            }
        }
    }

    /** Deletes the index's entries, a page per call. */
    private static void deleteEntries(StoreAccess access, String name) {
        while (deletePage(access, name) == PAGE) {
            // the next page starts where the deleted one was
        }
    }

    /** Reads the index's entries a page at a time, counting them. */
    private static long countEntries(StoreAccess access, String name) {
        long count = 0;
        byte[] from = null;
        while (true) {
            byte[] after = from;
            List<BackendEntry> page = access.read((bound, keys, raw, envelope, expiresAt) -> {
                byte[] start = IndexLayout.start(keys.prefix(), name);
                return scan(access, bound, after == null ? start : keys.key(after), IndexLayout.end(start));
            }, null);
            count += page.size();
            if (page.size() < PAGE) {
                return count;
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    /** Deletes the index's first page of entries in one call; returns how many it deleted. */
    private static int deletePage(StoreAccess access, String name) {
        return access.writeUnchanged((bound, keys, raw, envelope, expiresAt) -> {
            byte[] start = IndexLayout.start(keys.prefix(), name);
            List<BackendEntry> entries = scan(access, bound, start, IndexLayout.end(start));
            if (!entries.isEmpty()) {
                List<BackendMutation> deletes = entries.stream().map(entry -> BackendMutation.delete(entry.key()))
                        .toList();
                bound.backend().write(deletes);
                IndexedWrites.written(deletes);
            }
            return entries.size();
        }, null, null, ValueEnvelope.NO_EXPIRY);
    }

    private static List<BackendEntry> scan(StoreAccess access, BoundBackend bound, byte[] from, byte[] to) {
        access.require(bound, Capability.ORDERED_SCAN, "indexes");
        return bound.backend().scan(from, to, PAGE);
    }

    /** Stops running builds and waits for them. */
    @Override
    public void close() {
        List<Thread> running = new ArrayList<>(builds);
        running.forEach(Thread::interrupt);
        for (Thread thread : running) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Ends a build whose index was dropped or whose kernel closes. */
    private static final class BuildStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildStopped() {
            super(null, null, false, false);
        }
    }
}
