package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;

import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.IndexUnavailableException;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * The JSON index extension in a framework: an index created with stowage:index on a store with data is built while
 * two writers keep changing the store, and agrees with the data; updating the extension's bundle, and then the
 * backend's, under the same writers fails no write and keeps the index; uninstalling it makes writes and lookups wait the operation timeout
 * and fail naming the index, changing nothing; reinstalling resumes both. The index is saved as a configuration,
 * and stowage:dropindex removes it with the index's entries. Changing that configuration's function rebuilds the
 * index beside itself while lookups and writes go on, none failing, and swaps. How an index is used shows in
 * stowage:stats and on its store's MBean.
 */
public class IndexLifecycleIT extends FrameworkProbe {

    private static final long OPERATION_TIMEOUT_MILLIS = 1_000;
    private static final String BUNDLE = "io.stowage.index.json";
    private static final Pattern CITY = Pattern.compile("\"city\":\"([^\"]*)\"");
    private static final Pattern EMAIL = Pattern.compile("\"email\":\"([^\"]*)\"");

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().withBundles("index-json-bundle");
    }

    @Before
    public void settings() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.kernelSettings(context, configurations, scr,
                Map.of("defaultBackend", "default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
    }

    private static byte[] user(int id, int city) {
        return ("{\"email\":\"u" + id + "@example.org\",\"city\":\"c" + city + "\"}").getBytes(UTF_8);
    }

    /** The store, once writable, with 2000 users in 10 cities. */
    private Store storeOfUsers(String name) throws Exception {
        Store store = storage().store(name);
        StowageFramework.awaitWritable(store, "probe", new String(user(0, 0), UTF_8), log);
        for (int i = 0; i < 2000; i++) {
            store.put("u" + i, user(i, i % 10));
        }
        return store;
    }

    @Test
    public void anIndexIsBuiltLiveAndOutlivesUpdatesOfItsBundleButNoWriteSkipsIt() throws Exception {
        Store users = storeOfUsers("users");
        String label = users.namespace() + "/users";
        Writers writers = new Writers(users);
        try {
            writers.awaitProgress(200);
            assertTrue(command("stowage:index --wait " + label + " by-city 'json(pointer=/city)'")
                    .startsWith("index by-city of " + label + " (json(pointer=/city)) is built: "));
            assertTrue(command("stowage:indexes " + label), command("stowage:indexes " + label).contains("ready"));
            Configuration[] saved = configurations.listConfigurations("(&(service.factoryPid=io.stowage.index)"
                    + "(store=" + label + ")(name=by-city))");
            assertEquals("the index's configuration", 1, saved == null ? 0 : saved.length);

            Bundle bundle = bundle(BUNDLE);
            bundle.update(TestBundles.atVersion(bundle, "2.0.0"));
            refresh(bundle);
            writers.awaitProgress(200);
            assertEquals("writes that failed while the index extension was updated", List.of(), writers.errors());

            // The backend's bundle updated under the same writers: its hand-over carries the index entries too
            Bundle memory = StowageFramework.installed(context, "io.stowage.storage.memory");
            memory.update(TestBundles.atVersion(memory, "1.1.0"));
            writers.awaitProgress(200);
            assertEquals("writes that failed while the backend was updated", List.of(), writers.errors());
        } finally {
            writers.close();
        }
        assertEquals("writer errors", List.of(), writers.errors());
        assertEquals(recomputed(users, CITY), hits(users));

        byte[] u1 = users.get("u1");
        byte[] u2 = users.get("u2");
        Bundle bundle = bundle(BUNDLE);
        String location = bundle.getLocation();
        bundle.uninstall();
        refresh(bundle);
        long started = System.nanoTime();
        IndexUnavailableException write = assertThrows(IndexUnavailableException.class,
                () -> users.put("u1", user(1, 99)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue("the write waited " + waited + " ms", waited >= OPERATION_TIMEOUT_MILLIS);
        assertTrue(write.getMessage(), write.getMessage().contains("index 'by-city'")
                && write.getMessage().contains("'json'"));
        assertThrows(IndexUnavailableException.class, () -> users.delete("u2"));
        assertThrows(IndexUnavailableException.class,
                () -> users.index("by-city").find(IndexQuery.exact("c1"), 10));
        assertArrayEquals("u1 unchanged while the extension was missing", u1, users.get("u1"));
        assertArrayEquals("u2 unchanged while the extension was missing", u2, users.get("u2"));

        Bundle reinstalled = context.installBundle(location);
        reinstalled.start();
        StowageFramework.awaitWritable(users, "u1", new String(user(1, 99), UTF_8), log);
        assertEquals(List.of(new IndexHit("c99", "u1")), users.index("by-city").find(IndexQuery.exact("c99"), 10)
                .items());
        assertEquals(recomputed(users, CITY), hits(users));

        assertEquals("dropped index by-city of " + label + " and its entries",
                command("stowage:dropindex " + label + " by-city"));
        assertEquals("store " + label + " has no index", command("stowage:indexes " + label));
        awaitNoIndexConfiguration();
    }

    /**
     * The index's configuration changed to another function through ConfigAdmin while two writers write: the new
     * definition is built beside the index, lookups go on all the while and never fail, and once built it answers
     * them, agreeing with the data.
     */
    @Test
    public void aChangedConfigurationRebuildsTheIndexBesideItselfWhileLookupsGoOn() throws Exception {
        Store people = storeOfUsers("people");
        String label = people.namespace() + "/people";
        assertTrue(command("stowage:index --wait " + label + " by-city 'json(pointer=/city)'")
                .startsWith("index by-city of " + label + " (json(pointer=/city)) is built: "));
        Configuration configuration = configurations.listConfigurations("(&(service.factoryPid=io.stowage.index)"
                + "(store=" + label + ")(name=by-city))")[0];
        Writers writers = new Writers(people);
        Lookups lookups = new Lookups(people);
        try {
            writers.awaitProgress(200);
            Dictionary<String, Object> properties = configuration.getProperties();
            properties.put("function", "json(pointer=/email)");
            configuration.update(properties);
            StowageFramework.await("the index to answer by e-mail", 60_000, () -> !people.index("by-city")
                    .find(IndexQuery.prefix("u"), 1).items().isEmpty());
            lookups.awaitProgress(50);
            writers.awaitProgress(200);
        } finally {
            lookups.close();
            writers.close();
        }
        assertEquals("lookup errors", List.of(), lookups.errors());
        assertTrue("lookups answered during the rebuild: " + lookups.answered(), lookups.answered() > 0);
        assertEquals("writer errors", List.of(), writers.errors());
        assertEquals(recomputed(people, EMAIL), hits(people));
        String listed = command("stowage:indexes " + label);
        assertTrue(listed, listed.contains("json(pointer=/email)") && !listed.contains("json(pointer=/city)"));

        assertEquals("dropped index by-city of " + label + " and its entries",
                command("stowage:dropindex " + label + " by-city"));
        awaitNoIndexConfiguration();
    }

    /**
     * An index's usage as an operator reads it in the framework: stowage:stats shows a block for it, and the store's
     * MBean the same figures, moved by a lookup, by writes and by a write the unique index refused.
     */
    @Test
    public void anIndexsUsageShowsInStatsAndOverJmx() throws Exception {
        // A store of its own: the other tests' stores and their indexes' configurations are left as they expect
        Store people = storage().store("contacts");
        StowageFramework.awaitWritable(people, "p:1", "{\"email\":\"ada@example.org\"}", log);
        String label = people.namespace() + "/contacts";
        assertTrue(command("stowage:index --unique --wait " + label + " by-email 'json(pointer=/email)'")
                .contains("is built"));
        people.index("by-email").find(IndexQuery.exact("ada@example.org"), 10);
        people.put("p:2", "{\"email\":\"alan@example.org\"}".getBytes(UTF_8));
        people.put("p:2", "{\"email\":\"grace@example.org\"}".getBytes(UTF_8));
        assertThrows(DuplicateIndexKeyException.class,
                () -> people.put("p:3", "{\"email\":\"ada@example.org\"}".getBytes(UTF_8)));

        ObjectName storeName = new ObjectName("io.stowage:type=Store,namespace=" + people.namespace()
                + ",name=contacts");
        StowageFramework.await("the store's MBean", 10_000,
                () -> ManagementFactory.getPlatformMBeanServer().isRegistered(storeName));
        CompositeData[] indexes = (CompositeData[]) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(storeName, "Indexes");
        assertEquals(1, indexes.length);
        CompositeData index = indexes[0];
        assertEquals("by-email", index.get("name"));
        assertEquals("ready", index.get("state"));
        assertEquals("the build went through p:1", 1L, index.get("built"));
        assertEquals(1L, index.get("lookups"));
        assertEquals("alan's, then grace's", 2L, index.get("entriesWritten"));
        assertEquals("alan's", 1L, index.get("entriesRemoved"));
        assertEquals(1L, index.get("uniqueRefusals"));

        String stats = command("stowage:stats " + label);
        assertTrue(stats, stats.contains("index by-email json(pointer=/email), unique: ready, 2 entries; build went "
                + "through 1 key in "));
        assertTrue(stats, stats.contains("  lookups      1; 1 timed in the last "));
        assertTrue(stats, stats.contains("  entries      2 written, 1 removed by writes"));
        assertTrue(stats, stats.contains("  refused      1 write for giving an index key to a second key"));

        assertEquals("dropped index by-email of " + label + " and its entries",
                command("stowage:dropindex " + label + " by-email"));
        awaitNoIndexConfiguration();
    }

    /** Waits until no index configuration is left: the test's own indexes were dropped, as the next test expects. */
    private void awaitNoIndexConfiguration() throws InterruptedException {
        StowageFramework.await("the index's configuration to go", 10_000, () -> {
            try {
                return configurations.listConfigurations("(service.factoryPid=io.stowage.index)") == null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every hit of the index, in index order. */
    private static List<IndexHit> hits(Store store) {
        List<IndexHit> hits = new ArrayList<>();
        String after = null;
        do {
            Page<IndexHit> page = store.index("by-city").find(IndexQuery.all(), 500, after);
            hits.addAll(page.items());
            after = page.continuation();
        } while (after != null);
        return hits;
    }

    /** What the index must hold: each user's field (city or e-mail), recomputed from the data, in index order. */
    private static List<IndexHit> recomputed(Store store, Pattern field) {
        TreeSet<IndexHit> expected = new TreeSet<>((a, b) -> {
            int byIndexKey = a.indexKey().compareTo(b.indexKey());
            return byIndexKey != 0 ? byIndexKey : a.key().compareTo(b.key());
        });
        String after = null;
        do {
            var page = store.scan(null, null, 1000, after);
            for (var entry : page.items()) {
                Matcher found = field.matcher(new String(entry.value(), UTF_8));
                if (found.find()) {
                    expected.add(new IndexHit(found.group(1), entry.key()));
                }
            }
            after = page.continuation();
        } while (after != null);
        return List.copyOf(expected);
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        TestBundles.refresh(context, bundle);
    }

    /** A thread looking up a city's users until closed, counting answers and keeping errors. */
    private static final class Lookups implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong answered = new AtomicLong();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        Lookups(Store store) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        store.index("by-city").find(IndexQuery.exact("c1"), 10);
                        answered.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.add(e.toString());
                    }
                }
            }, "index-lookups");
            thread.start();
        }

        void awaitProgress(long lookups) throws InterruptedException {
            long target = answered.get() + lookups;
            StowageFramework.await(lookups + " more lookups", 20_000, () -> answered.get() >= target);
        }

        long answered() {
            return answered.get();
        }

        List<String> errors() {
            return List.copyOf(errors);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(10_000);
        }
    }

    /** Two threads putting and deleting users at random until closed, counting writes and keeping errors. */
    private static final class Writers implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong written = new AtomicLong();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();

        Writers(Store store) {
            for (int t = 0; t < 2; t++) {
                Random random = new Random(t);
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        int id = random.nextInt(2200);
                        try {
                            if (random.nextInt(5) == 0) {
                                store.delete("u" + id);
                            } else {
                                store.put("u" + id, user(id, random.nextInt(12)));
                            }
                            written.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.add(e.toString());
                        }
                    }
                }, "index-writer-" + t);
                thread.start();
                threads.add(thread);
            }
        }

        void awaitProgress(long writes) throws InterruptedException {
            long target = written.get() + writes;
            StowageFramework.await(writes + " more writes", 20_000, () -> written.get() >= target);
        }

        List<String> errors() {
            return List.copyOf(errors);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }
}
