package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.api.Batch;
import io.stowage.api.KeyTtl;
import io.stowage.api.Store;

/**
 * An update of the memory extension holding many entries: the new instance serves at once while the handed-over
 * entries are still being loaded into it in the background, and a client working on handed-over keys meanwhile
 * (puts, deletes, putIfAbsent, compare-and-set, batches, gets, glob listings) gets every answer a model predicts;
 * afterwards every key holds exactly what the model says, nothing deleted came back, and an expiry survived.
 */
public class HandOverUnderLoadIT extends FrameworkProbe {

    /** Enough that loading them takes a while after the new instance serves. */
    private static final int BULK = 300_000;
    private static final int PROBES = 2_000;

    @Test
    public void everyAnswerDuringTheBackgroundLoadMatchesTheModel() throws Exception {
        StowageFramework.memoryBackend(configurations, "volatile");
        StowageFramework.route(context, configurations, "big", "volatile");
        Store store = storage().store("big");
        StowageFramework.awaitWritable(store, "ready", "ready", log);
        Batch.Builder batch = Batch.builder();
        for (int i = 0; i < BULK; i++) {
            batch.put("bulk" + i, ("b" + i).getBytes(UTF_8));
            if (i % 5_000 == 4_999) {
                store.write(batch.build());
                batch = Batch.builder();
            }
        }
        TreeMap<String, String> model = new TreeMap<>();
        for (int i = 0; i < PROBES; i++) {
            String key = probe(i);
            store.put(key, ("p" + i).getBytes(UTF_8));
            model.put(key, "p" + i);
        }
        store.put("expiring", "x".getBytes(UTF_8), Duration.ofHours(1));

        Bundle memory = StowageFramework.installed(context, "io.stowage.storage.memory");
        // Working from before the update: through the live copy, the kernel's copy serving while the bundle
        // restarts, the new instance taking it over, and the background load
        Client client = new Client(store, model);
        client.start();
        StowageFramework.await("the client to work", 10_000, () -> client.done.get() > 100);
        memory.update(TestBundles.atVersion(memory, "1.1.0"));
        StowageFramework.await("the hand-over to be loaded", 60_000,
                () -> FrameworkLog.contains(log, "handed over are loaded, in the background"));
        client.finish();

        assertEquals(List.of(), client.failures);
        assertTrue("operations while the hand-over loaded: " + client.whileLoading, client.whileLoading > 0);
        assertEquals(new ArrayList<>(model.keySet()), store.keys("probe*", PROBES + 1, null).items());
        model.forEach((key, value) -> assertEquals(key, value, text(store.get(key))));
        for (int i = 0; i < BULK; i += 997) {
            assertEquals("b" + i, text(store.get("bulk" + i)));
        }
        assertEquals(BULK + model.size() + 2, store.count());
        KeyTtl ttl = store.ttl("expiring");
        assertTrue(ttl.toString(), ttl.expires() && ttl.remaining().compareTo(Duration.ofMinutes(59)) > 0);
        assertTrue(FrameworkLog.contains(log, "serves at once; the entries handed over load in the background"));
        assertTrue(FrameworkLog.contains(log, "is served by the kernel's copy until the next instance takes it"));
        assertEquals(List.of(), FrameworkLog.errors(log).stream().filter(e -> e.startsWith("io.stowage")).toList());
    }

    private static String probe(int i) {
        return String.format("probe%05d", i);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, UTF_8);
    }

    /** Works on the probe keys until told to finish, checking each answer against the model. */
    private final class Client extends Thread {

        final Store store;
        final Map<String, String> model;
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        volatile long whileLoading;
        final AtomicLong done = new AtomicLong();

        Client(Store store, TreeMap<String, String> model) {
            super("hand-over-client");
            this.store = store;
            this.model = model;
        }

        @Override
        public void run() {
            Random random = new Random(14);
            for (int op = 0; running.get() && failures.size() < 10; op++) {
                String key = probe(random.nextInt(PROBES));
                String value = "w" + op;
                int kind = random.nextInt(100);
                try {
                    if (kind < 25) {
                        store.put(key, value.getBytes(UTF_8));
                        model.put(key, value);
                    } else if (kind < 35) {
                        expect("delete " + key, model.remove(key) != null, store.delete(key));
                    } else if (kind < 45) {
                        expect("putIfAbsent " + key, !model.containsKey(key),
                                store.putIfAbsent(key, value.getBytes(UTF_8)));
                        model.putIfAbsent(key, value);
                    } else if (kind < 55) {
                        String expected = model.getOrDefault(key, "none");
                        expect("replace " + key, model.containsKey(key),
                                store.replace(key, expected.getBytes(UTF_8), value.getBytes(UTF_8)));
                        model.computeIfPresent(key, (k, v) -> value);
                    } else if (kind < 62) {
                        String other = probe(random.nextInt(PROBES));
                        store.write(Batch.builder().put(key, value.getBytes(UTF_8)).delete(other).build());
                        model.put(key, value);
                        model.remove(other);
                    } else if (kind < 95) {
                        expect("get " + key, model.get(key), text(store.get(key)));
                    } else {
                        List<String> expected = ((TreeMap<String, String>) model).subMap("probe01", "probe02")
                                .keySet().stream().toList();
                        expect("keys probe01*", expected, store.keys("probe01*", PROBES, null).items());
                    }
                    // The last 100 operations ran while it loaded if it has still not finished after them
                    if (op % 100 == 99 && !FrameworkLog.contains(log, "handed over are loaded")) {
                        whileLoading += 100;
                    }
                } catch (RuntimeException e) {
                    failures.add(key + ": " + e);
                }
                done.incrementAndGet();
            }
        }

        private void expect(String what, Object expected, Object actual) {
            if (!Objects.equals(expected, actual)) {
                failures.add(what + ": expected " + expected + " but was " + actual);
            }
        }

        void finish() throws InterruptedException {
            running.set(false);
            join(30_000);
        }
    }
}
