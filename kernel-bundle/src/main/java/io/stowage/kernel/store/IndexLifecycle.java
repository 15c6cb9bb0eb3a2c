package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.IndexUnavailableException;
import io.stowage.api.InvalidInputException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.spi.IndexFunction;
import io.stowage.spi.StorageBackend;

/**
 * Creates, redefines and drops a store's indexes while the store serves. A new index is maintained by every write
 * from the moment it is defined (once the writes that began without it have ended), while a background pass indexes
 * the entries written before, one conditional write per entry on its value being the one read; it answers lookups
 * once that pass is through. A changed definition of a built index is built the same way beside it, in a space of its
 * own, while the index goes on answering lookups; once built it takes the index's place in one step and the old
 * entries are deleted. Dropping an index stops its maintenance and then deletes its entries.
 */
public final class IndexLifecycle implements AutoCloseable {


    private final Kernel kernel;
    private final Logger logger;
    private final Set<Thread> builds = ConcurrentHashMap.newKeySet();
    /**
     * Held while the index lists change and while the entries an index no longer needs are deleted, so that no
     * space is deleted while another change puts entries there.
     */
    private final Object changes = new Object();
    /** The generation of the next replacement: a space not used before in this runtime. */
    private final AtomicLong generations = new AtomicLong();

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
        LiveIndex live = new LiveIndex(definition, route.label);
        synchronized (changes) {
            synchronized (route) {
                refuseWhileMigrated(route, definition);
                if (route.indexes().named(definition.name()) != null) {
                    throw new InvalidInputException("store " + route.label + " already has an index '"
                            + definition.name() + "'");
                }
                route.useIndexes(route.indexes().with(live));
            }
        }
        startBuild(route, live);
        return live;
    }

    /**
     * Gives the store's index another definition. A built index goes on answering lookups while the new definition
     * is built beside it (writes keep both), and is replaced by it once built; a replacement still being built for an
     * earlier change is abandoned and its entries deleted first. An index not built yet (or whose build failed) has
     * no lookups to keep: it is dropped and built anew. Returns the index that will serve the definition: the
     * replacement, {@link LiveIndex.State#BUILDING}, or the index itself if it has that definition already.
     *
     * @throws InvalidInputException if the store has no index of that name
     */
    public LiveIndex redefine(StoreRoute route, IndexDefinition definition) {
        String name = definition.name();
        LiveIndex serving;
        LiveIndex abandoned;
        LiveIndex replacement;
        synchronized (changes) {
            synchronized (route) {
                refuseWhileMigrated(route, definition);
                serving = route.indexes().named(name);
                if (serving == null) {
                    throw new InvalidInputException("store " + route.label + " has no index '" + name
                            + "' to redefine");
                }
                abandoned = route.indexes().replacementOf(name);
                if (abandoned != null && abandoned.definition.equals(definition)) {
                    return abandoned; // that change is being built already (delivered twice, or saved and delivered)
                }
            }
            if (serving.definition.equals(definition) && abandoned == null) {
                serving.replacementFailed(null);
                return serving;
            }
            // Only a replacement is built while the index serves, and the index then stays READY
            if (serving.state() != LiveIndex.State.READY) {
                logger.info("index '{}' of store {} is not built: it is dropped and built anew as {}", name,
                        route.label, definition);
                drop(route, name);
                return create(route, definition);
            }
            serving.replacementFailed(null);
            if (abandoned != null) {
                logger.info("the rebuild of index '{}' of store {} as {} is abandoned for a newer change", name,
                        route.label, abandoned.definition);
                remove(route, abandoned);
            }
            if (serving.definition.equals(definition)) {
                return serving; // changed back before the replacement was built: the index is as it was
            }
            replacement = new LiveIndex(definition, route.label, generations.incrementAndGet());
            synchronized (route) {
                route.useIndexes(route.indexes().withReplacement(replacement));
            }
        }
        logger.info("index '{}' of store {} is being rebuilt as {} beside the index, which answers lookups with {}"
                + " until then", name, route.label, definition, serving.definition);
        startBuild(route, replacement);
        return replacement;
    }

    /** Drops the index, and any replacement being built for it, and deletes their entries; false if there is none. */
    public boolean drop(StoreRoute route, String name) {
        synchronized (changes) {
            LiveIndex dropped = route.indexes().named(name);
            if (dropped == null) {
                return false;
            }
            LiveIndex replacement = route.indexes().replacementOf(name);
            if (replacement != null) {
                remove(route, replacement);
            }
            remove(route, dropped);
            return true;
        }
    }

    /** How many entries the store's index of that name that answers lookups has now; 0 if it has none. */
    public long entries(StoreRoute route, String name) {
        LiveIndex index = route.indexes().named(name);
        return index == null ? 0 : entries(route, index);
    }

    /** How many entries the index has now, expired ones not yet swept included. */
    public long entries(StoreRoute route, LiveIndex index) {
        return IndexEntries.space(index.space).count(new StoreAccess(route, kernel));
    }

    /** Writes stop keeping the index (serving or replacement); then its entries are deleted. Under {@link #changes}. */
    private void remove(StoreRoute route, LiveIndex index) {
        synchronized (route) {
            route.useIndexes(route.indexes().without(index));
        }
        awaitWritesWithout(route);
        IndexEntries.space(index.space).delete(new StoreAccess(route, kernel));
    }

    private static void refuseWhileMigrated(StoreRoute route, IndexDefinition definition) {
        if (route.migration() != null) {
            // Its writes pass the migration's gate, uncounted: nothing could tell when all have seen the index
            throw new IndexUnavailableException("store " + route.label + " is being migrated; create index '"
                    + definition.name() + "' once the migration is done");
        }
    }

    private void startBuild(StoreRoute route, LiveIndex live) {
        StoreAccess access = new StoreAccess(route, kernel);
        Thread build = new Thread(() -> build(access, live), "stowage-index-build-" + route.label + "-"
                + live.space);
        build.setDaemon(true);
        builds.add(build);
        build.start();
    }

    private void build(StoreAccess access, LiveIndex live) {
        StoreRoute route = access.route;
        live.buildStarted();
        try {
            clearLeftovers(access, live);
            live.maintain();
            awaitWritesWithout(route);
            awaitFunction(live, route);
            IndexedWrites indexed = new IndexedWrites(access);
            new StoreListing(access).forEachStored(true, (raw, prefixLength, envelope) -> {
                stopUnlessKept(route, live);
                String key = KeyCodec.decode(raw, prefixLength);
                access.writeUnchanged((bound, keys, k, e, expiry) -> {
                    reindex(indexed, bound, keys, key, k);
                    return null;
                }, raw, null, ValueEnvelope.NO_EXPIRY);
                live.progressed(1);
            });
            if (route.indexes().isReplacement(live)) {
                swap(access, live);
            } else {
                live.ready();
                logger.info("index '{}' of store {} is built: {} entries indexed", live.name(), route.label,
                        live.built());
            }
        } catch (BuildStopped e) {
            logger.info("build of index '{}' of store {} ({}) stopped", live.name(), route.label,
                    live.definition.function());
        } catch (DuplicateIndexKeyException | InvalidInputException e) {
            failed(access, live, e.getMessage());
            logger.warn("index '{}' of store {} cannot be built as {}: {}", live.name(), route.label,
                    live.definition.function(), e.getMessage());
        } catch (RuntimeException e) {
            failed(access, live, e.toString());
            logger.error("build of index '{}' of store {} as {} failed", live.name(), route.label,
                    live.definition.function(), e);
        } finally {
            builds.remove(Thread.currentThread());
        }
    }

    /**
     * The built replacement answers lookups in its index's place from now on, in one step; the replaced index's
     * entries are deleted once the writes and lookups that still used it are done.
     */
    private void swap(StoreAccess access, LiveIndex replacement) {
        StoreRoute route = access.route;
        synchronized (changes) {
            LiveIndex replaced;
            synchronized (route) {
                if (!route.indexes().isReplacement(replacement)) {
                    throw new BuildStopped(); // abandoned or dropped as its pass ended
                }
                replaced = route.indexes().named(replacement.name());
                replacement.ready();
                route.useIndexes(route.indexes().swapped(replacement));
            }
            logger.info("index '{}' of store {} is rebuilt: {} entries indexed with {}; it answers lookups in place of"
                    + " the index with {}, whose entries are deleted now", replacement.name(), route.label,
                    replacement.built(), replacement.definition, replaced.definition);
            awaitWritesWithout(route);
            IndexEntries.space(replaced.space).delete(access);
        }
    }

    /**
     * A fresh index stays listed as failed, as it was defined. A replacement leaves: writes stop keeping it, its
     * entries are deleted and its index, still answering lookups with its definition, shows why it failed.
     */
    private void failed(StoreAccess access, LiveIndex live, String reason) {
        live.failed(reason);
        StoreRoute route = access.route;
        synchronized (changes) {
            if (!route.indexes().isReplacement(live)) {
                return;
            }
            LiveIndex serving = route.indexes().named(live.name());
            serving.replacementFailed(live);
            logger.warn("index '{}' of store {} keeps answering lookups with {}: its new definition {} could not be"
                    + " built", live.name(), route.label, serving.definition, live.definition);
            try {
                remove(route, live);
            } catch (RuntimeException e) {
                logger.error("the entries of the failed replacement of index '{}' of store {} were not all deleted;"
                        + " a restart deletes them", live.name(), route.label, e);
            }
        }
    }

    /**
     * Deletes the entries an earlier runtime left in the index's space (for an index as first defined, in the spaces
     * of its replacements too), which nothing kept since, before writes keep the index. The store's backend may not
     * serve yet (the index was configured as the runtime started): then it waits for it, as long as the index is
     * defined.
     */
    private void clearLeftovers(StoreAccess access, LiveIndex live) {
        while (true) {
            try {
                IndexEntries.space(live.space).delete(access);
                if (live.space.equals(live.name())) {
                    IndexEntries.replacementsOf(live.name()).delete(access);
                }
                return;
            } catch (BackendUnavailableException notYet) {
                stopUnlessKept(access.route, live);
            }
        }
    }

    /** Waits for the index's function, as long as the index is defined; binds it (a refusal fails the build). */
    private void awaitFunction(LiveIndex live, StoreRoute route) {
        while (kernel.indexFunctions().awaitNewest(live.definition.type(), kernel.operationTimeoutMillis()) == null) {
            stopUnlessKept(route, live);
        }
        live.keys(kernel.indexFunctions(), kernel.operationTimeoutMillis());
    }

    /** Ends the build once writes no longer keep its index (dropped, or an abandoned replacement) or the kernel closes. */
    private static void stopUnlessKept(StoreRoute route, LiveIndex live) {
        if (!route.indexes().contains(live) || Thread.currentThread().isInterrupted()) {
            throw new BuildStopped();
        }
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
            // Not counted in the index's usage: the build's progress is counted as such
            IndexedWrites.Plan plan = indexed.plan(backend, keys, List.of(same), Collections.singletonList(current),
                    false);
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

    /** Ends a build whose index was dropped or abandoned, or whose kernel closes. */
    private static final class BuildStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildStopped() {
            super(null, null, false, false);
        }
    }
}
