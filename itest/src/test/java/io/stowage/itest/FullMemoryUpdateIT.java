package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;

import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.StorageFullException;
import io.stowage.api.Store;

/**
 * An update of the memory extension while it holds its limit of keys (maxKeys) and a client keeps adding keys,
 * deleting one of its own whenever the store is full: the kernel's copy serving while the bundle restarts, and the
 * new instance loading what was handed over, keep the limit as the ended instance did. So every key acknowledged is
 * there afterwards with its value, every key deleted is gone, the configuration serves, and no load fails for want
 * of room (before, the copy took keys past the limit and the new instance then could not load them).
 */
public class FullMemoryUpdateIT extends FrameworkProbe {

    /** Past what the new instance loads before it serves, so that it serves while it loads. */
    private static final long MAX_KEYS = 30_000;
    private static final int BATCH = 1_000;

    @Test
    public void theLimitHoldsThroughAnUpdateAndNothingAcknowledgedIsLost() throws Exception {
        Configuration capped = configurations.getFactoryConfiguration("io.stowage.memory", "capped", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "capped");
        properties.put("maxKeys", MAX_KEYS);
        capped.update(properties);
        StowageFramework.route(context, configurations, "full", "capped");
        Store store = storage().store("full");
        StowageFramework.awaitWritable(store, "ready", "ready", log);
        int bulk = fillUpToTheLimit(store);

        Bundle memory = StowageFramework.installed(context, "io.stowage.storage.memory");
        Client client = new Client(store);
        client.start();
        StowageFramework.await("the client to meet the limit", 10_000, () -> client.refused.get() > 10);
        memory.update(TestBundles.atVersion(memory, "1.1.0"));
        StowageFramework.await("the hand-over to be loaded", 60_000,
                () -> FrameworkLog.contains(log, "handed over are loaded, in the background"));
        long doneWhenLoaded = client.done.get();
        StowageFramework.await("the client to work on the new instance", 10_000,
                () -> client.done.get() > doneWhenLoaded + 100);
        client.finish();

        assertEquals(List.of(), client.failures);
        List<String> present = new ArrayList<>(client.present);
        Collections.sort(present);
        assertEquals(present, allKeys(store, "client*"));
        for (String key : present) {
            assertEquals(key, "value of " + key, new String(store.get(key), UTF_8));
        }
        assertEquals(bulk, allKeys(store, "bulk*").size());
        assertTrue(FrameworkLog.contains(log, "is served by the kernel's copy until the next instance takes it"));
        assertTrue(FrameworkLog.contains(log, "serves at once; the entries handed over load in the background"));
        assertFalse(FrameworkLog.contains(log, "could not load what was handed over"));
        assertEquals(List.of(), FrameworkLog.errors(log).stream().filter(e -> e.startsWith("io.stowage")).toList());
        StowageFramework.await("the new instance to refuse a key past its limit", 10_000, () -> {
            try {
                store.put("past-the-limit-" + System.nanoTime(), new byte[1]);
                return false;
            } catch (StorageFullException e) {
                return e.getMessage().contains("maxKeys");
            }
        });
    }

    private static List<String> allKeys(Store store, String glob) {
        List<String> keys = new ArrayList<>();
        Page<String> page = store.keys(glob, Limits.MAX_PAGE_SIZE, null);
        keys.addAll(page.items());
        while (page.hasMore()) {
            page = store.keys(glob, Limits.MAX_PAGE_SIZE, page.continuation());
            keys.addAll(page.items());
        }
        return keys;
    }

    /** Bulk keys until a batch no longer fits, then one at a time until the store is full; returns how many. */
    private static int fillUpToTheLimit(Store store) {
        int stored = 0;
        int batch = BATCH;
        while (batch > 0) {
            Batch.Builder builder = Batch.builder();
            for (int i = 0; i < batch; i++) {
                builder.put("bulk" + (stored + i), "b".getBytes(UTF_8));
            }
            try {
                store.write(builder.build());
                stored += batch;
            } catch (StorageFullException full) {
                batch = batch == 1 ? 0 : Math.max(1, batch / 10);
            }
        }
        return stored;
    }

    /** Adds a key at a time; when the store is full, deletes the oldest of its own instead; remembers what stays. */
    private static final class Client extends Thread {

        final Store store;
        final Deque<String> present = new ArrayDeque<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong done = new AtomicLong();
        final AtomicLong refused = new AtomicLong();

        Client(Store store) {
            super("full-memory-client");
            this.store = store;
        }

        @Override
        public void run() {
            for (int n = 0; running.get() && failures.size() < 10; n++) {
                String key = String.format("client%08d", n);
                try {
                    store.put(key, ("value of " + key).getBytes(UTF_8));
                    present.addLast(key);
                } catch (StorageFullException full) {
                    refused.incrementAndGet();
                    makeRoom();
                } catch (RuntimeException e) {
                    failures.add("put " + key + ": " + e);
                }
                done.incrementAndGet();
            }
        }

        private void makeRoom() {
            String oldest = present.peekFirst();
            if (oldest == null) {
                return;
            }
            try {
                if (store.delete(oldest)) {
                    present.removeFirst();
                } else {
                    failures.add("delete " + oldest + ": it was acknowledged, but is not there");
                }
            } catch (RuntimeException e) {
                failures.add("delete " + oldest + ": " + e);
            }
        }

        void finish() throws InterruptedException {
            running.set(false);
            join(30_000);
        }
    }
}
