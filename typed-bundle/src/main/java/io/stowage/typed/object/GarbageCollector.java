package io.stowage.typed.object;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.stowage.api.Batch;
import io.stowage.api.Entry;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.api.Transaction;
import io.stowage.typed.GarbageCollection;

/**
 * One garbage collection of an object store, live and in bounded memory (see
 * {@link io.stowage.typed.ObjectStores#collectGarbage(Store, int)}).
 *
 * <p>It writes its run into {@code gc:state}, greys the roots' objects, then marks: it takes a page of grey keys,
 * and for each, in one transaction, turns it into a mark and greys the unmarked objects the object refers to (read
 * from the stored reference list, without the application's classes). Sessions committing meanwhile grey what they
 * link (see {@link SessionCommit}). When no grey key is left, every reachable object is marked or, if a session
 * linked it since, grey; the sweep then pages through {@code obj:} keys and deletes each that is neither, in a
 * transaction that conflicts with any session that read the object. The state and the run's keys go last.
 *
 * <p>It holds one page of keys at a time, and the reference list of the object it marks: never all ids.
 */
public final class GarbageCollector {

    /** What a test sees of a run: each object as it is marked, after its transaction committed. */
    @FunctionalInterface
    public interface Probe {
        Probe NONE = (run, id) -> { };

        void marked(String run, String id);
    }

    private final Store store;
    private final int pageSize;
    private final Probe probe;
    private final String label;
    // For envelopes only: it reads JSON trees and never sees an application class
    private final ObjectMapper json = new ObjectMapper();
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private long roots;
    private long reachable;
    private long collected;
    private int maxIds;

    public GarbageCollector(Store store, int pageSize) {
        this(store, pageSize, Probe.NONE);
    }

    public GarbageCollector(Store store, int pageSize, Probe probe) {
        if (pageSize < 1 || pageSize > Limits.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size " + pageSize + " must be 1 to " + Limits.MAX_PAGE_SIZE);
        }
        this.store = store;
        this.pageSize = pageSize;
        this.probe = probe;
        this.label = store.namespace() + "/" + store.name();
    }

    /** Runs the collection. */
    public GarbageCollection collect() {
        long started = System.nanoTime();
        if (!store.exists(ObjectKeys.MARKER)) {
            throw new IllegalArgumentException("store " + label + " is not an object store: it has no key '"
                    + ObjectKeys.MARKER + "', which an object session's first commit writes");
        }
        String previous = store.transact(tx -> {
            byte[] state = tx.get(ObjectKeys.GC_STATE);
            tx.put(ObjectKeys.GC_STATE, StoreFormat.gcState(run, Instant.now()));
            return state == null ? null : StoreFormat.gcRun(state);
        });
        try {
            if (previous != null) {
                deleteKeys(ObjectKeys.runPrefix(previous));
            }
            greyRoots();
            mark();
            sweep();
        } catch (RuntimeException | Error failure) {
            try {
                end();
            } catch (RuntimeException cleanup) {
                // The run's failure is the news; its keys go with the next collection, which takes over
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        end();
        return new GarbageCollection(roots, reachable, collected, maxIds,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Ends the run: sessions stop greying for it once {@code gc:state} no longer names it; its keys go. */
    private void end() {
        store.transact(tx -> {
            if (current(tx)) {
                tx.delete(ObjectKeys.GC_STATE);
            }
            return null;
        });
        deleteKeys(ObjectKeys.runPrefix(run));
    }

    private void greyRoots() {
        String continuation = null;
        do {
            Page<Entry> page = store.scan(ObjectKeys.ROOT, ObjectKeys.end(ObjectKeys.ROOT), pageSize, continuation);
            held(page.items().size());
            Batch.Builder greys = Batch.builder();
            for (Entry root : page.items()) {
                greys.put(ObjectKeys.grey(run, StoreFormat.rootId(root.value(), where(root.key()))),
                        StoreFormat.EMPTY);
                roots++;
            }
            if (!page.items().isEmpty()) {
                store.write(greys.build());
            }
            continuation = page.continuation();
        } while (continuation != null);
    }

    private void mark() {
        String greyPrefix = ObjectKeys.grey(run, "");
        while (true) {
            // Always the first page: each step deletes the grey key it handled, and sessions may add some
            Page<Entry> page = store.transact(tx -> {
                requireCurrent(tx);
                return tx.scan(greyPrefix, ObjectKeys.end(greyPrefix), pageSize);
            });
            if (page.items().isEmpty()) {
                return;
            }
            for (Entry grey : page.items()) {
                String id = grey.key().substring(greyPrefix.length());
                List<String> refs = store.transact(tx -> markOne(tx, id));
                if (refs != null) {
                    reachable++;
                    held(page.items().size() + refs.size());
                    probe.marked(run, id);
                }
            }
        }
    }

    /** Marks the object and greys what it refers to; null if another step had handled it. */
    private List<String> markOne(Transaction tx, String id) {
        requireCurrent(tx);
        String grey = ObjectKeys.grey(run, id);
        if (!tx.exists(grey)) {
            return null;
        }
        tx.delete(grey);
        String mark = ObjectKeys.mark(run, id);
        if (tx.exists(mark)) {
            return null;
        }
        tx.put(mark, StoreFormat.EMPTY);
        String key = ObjectKeys.object(id);
        byte[] stored = tx.get(key);
        // A reference to nothing keeps nothing; the session that follows it gets the error
        List<String> refs = stored == null ? List.of() : StoredObject.read(json, stored, where(key)).refs();
        for (String ref : refs) {
            if (!tx.exists(ObjectKeys.mark(run, ref))) {
                tx.put(ObjectKeys.grey(run, ref), StoreFormat.EMPTY);
            }
        }
        return refs;
    }

    private void sweep() {
        String continuation = null;
        do {
            Page<String> page = store.keys(ObjectKeys.OBJECT + "*", pageSize, continuation);
            held(page.items().size());
            for (String key : page.items()) {
                String id = ObjectKeys.idOf(key);
                if (store.transact(tx -> deleteIfWhite(tx, id))) {
                    collected++;
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
    }

    private boolean deleteIfWhite(Transaction tx, String id) {
        requireCurrent(tx);
        String key = ObjectKeys.object(id);
        if (tx.exists(ObjectKeys.mark(run, id)) || tx.exists(ObjectKeys.grey(run, id)) || !tx.exists(key)) {
            return false;
        }
        tx.delete(key);
        return true;
    }

    private void deleteKeys(String prefix) {
        while (true) {
            Page<String> page = store.keys(prefix + "*", pageSize);
            if (page.items().isEmpty()) {
                return;
            }
            Batch.Builder deletes = Batch.builder();
            page.items().forEach(deletes::delete);
            store.write(deletes.build());
        }
    }

    private boolean current(Transaction tx) {
        byte[] state = tx.get(ObjectKeys.GC_STATE);
        return state != null && StoreFormat.gcRun(state).equals(run);
    }

    private void requireCurrent(Transaction tx) {
        if (!current(tx)) {
            throw new IllegalStateException("garbage collection " + run + " of store " + label
                    + " stopped: another collection took over the store");
        }
    }

    private void held(int ids) {
        maxIds = Math.max(maxIds, ids);
    }

    private String where(String key) {
        return "store " + label + ", key '" + key + "'";
    }
}
