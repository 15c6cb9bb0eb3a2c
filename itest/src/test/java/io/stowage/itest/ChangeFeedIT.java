package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import io.stowage.api.ChangeFeed;
import io.stowage.api.ChangeKind;
import io.stowage.api.FeedGap;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;
import io.stowage.api.StoreListener;

/**
 * Change feeds in a running framework: a whiteboard listener and a pull feed get every write two writers had
 * acknowledged, once each and in each key's order, while the memory and LMDB extensions are updated live, the memory
 * one is replaced by a version beside it and a store is migrated; a listener that falls behind a small change log is
 * told of the gap and recovers by reading the store again; a listener hears its own namespace only, hears the
 * sweep's expiries, and nothing more once unregistered.
 */
public class ChangeFeedIT extends FrameworkProbe {

    /** Large enough that the load's listener and feeds never fall behind by a whole log. */
    private static final int LOG_SIZE_UNDER_LOAD = 500_000;
    /** Small enough that a listener blocked for a few hundred writes falls out of it. */
    private static final int SMALL_LOG_SIZE = 64;
    private static final long WRITES_BETWEEN_OPERATIONS = 1_000;

    @Before
    public void backends() throws Exception {
        kernel(LOG_SIZE_UNDER_LOAD);
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.memoryBackend(configurations, "volatile");
    }

    @Test
    public void feedsAndListenersGetEveryAcknowledgedWriteOnceInOrderWhileBackendsAreUpdatedSwitchedAndMigrated()
            throws Exception {
        StowageFramework.route(context, configurations, "feed-memory", "volatile");
        StowageFramework.route(context, configurations, "feed-lmdb", "default");
        List<Store> stores = List.of(writable("feed-memory"), writable("feed-lmdb"));
        RecordingListener listener = new RecordingListener();
        ServiceRegistration<StoreListener> registration = listener.register(context, "feed-*", "*", true);
        List<FeedReader> readers = new ArrayList<>();
        for (Store store : stores) {
            readers.add(new FeedReader(store.watch("w*", ChangeFeed.NOW, true), store.name()));
        }
        try {
            // The listener follows both stores once it hears a write made after its registration in each
            for (Store store : stores) {
                store.put("started", "yes".getBytes(UTF_8));
                StowageFramework.await("the listener on " + store.name(), 10_000,
                        () -> listener.heard(store.name(), "started"));
            }
            FeedWriters writers = new FeedWriters(stores);
            try {
                writers.awaitProgress("before any live operation", WRITES_BETWEEN_OPERATIONS);
                liveOperations(writers, stores.get(1));
            } finally {
                writers.close();
            }
            assertEquals(List.of(), writers.failures());
            Map<String, List<Long>> acknowledged = writers.acknowledged().snapshot();
            assertTrue("writes acknowledged: " + writers.completed(), writers.completed() > 6 * WRITES_BETWEEN_OPERATIONS);
            assertReceivedExactly("the listener", acknowledged, listener.history());
            for (int i = 0; i < stores.size(); i++) {
                String prefix = stores.get(i).name() + "/";
                assertReceivedExactly("the feed on " + stores.get(i).name(), acknowledged.entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith(prefix))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), readers.get(i).received());
            }
            assertLastChangesAreStored(stores, acknowledged);
        } finally {
            registration.unregister();
            for (FeedReader reader : readers) {
                reader.close();
            }
        }
    }

    /**
     * Two updates of each extension, the memory one replaced by a version installed beside it, and the LMDB store
     * migrated to memory, each followed by writes on every store: all of them serve again.
     */
    private void liveOperations(FeedWriters writers, Store onLmdb) throws Exception {
        Bundle memory = bundle("io.stowage.storage.memory");
        Bundle lmdb = bundle("io.stowage.storage.lmdb");
        for (int update = 1; update <= 2; update++) {
            memory.update(TestBundles.atVersion(memory, "1.1." + update));
            writers.awaitProgress("after memory update " + update, WRITES_BETWEEN_OPERATIONS);
            lmdb.update(TestBundles.atVersion(lmdb, "1.1." + update));
            writers.awaitProgress("after LMDB update " + update, WRITES_BETWEEN_OPERATIONS);
        }
        Bundle beside = context.installBundle("feeds:memory-2.0.0", TestBundles.atVersion(memory, "2.0.0"));
        beside.start();
        StowageFramework.await("memory 2.0.0 serving 'volatile'", 10_000,
                () -> command("stowage:backends").lines().anyMatch(line -> line.trim().startsWith("volatile ")
                        && line.contains("serving on memory 2.0.0")));
        writers.awaitProgress("after the switch to memory 2.0.0", WRITES_BETWEEN_OPERATIONS);
        memory.uninstall();
        writers.awaitProgress("after the uninstall of memory 1.1.2", WRITES_BETWEEN_OPERATIONS);
        String label = onLmdb.namespace() + "/" + onLmdb.name();
        String migrated = command("stowage:migrate --keep " + label + " volatile");
        assertTrue(migrated, migrated.contains("migrated " + label + " from 'default' to 'volatile'"));
        writers.awaitProgress("after the migration of " + label, WRITES_BETWEEN_OPERATIONS);
    }

    @Test
    public void aListenerBehindTheLogIsToldOfTheGapAndCatchesUpByRescanning() throws Exception {
        kernel(SMALL_LOG_SIZE);
        Store store = writable("behind");
        RescanningListener listener = new RescanningListener(store);
        ServiceRegistration<StoreListener> registration = listener.register(context, "behind");
        try {
            store.put("k0", "first".getBytes(UTF_8));
            listener.awaitBlocked();
            write(store, 0, 10 * SMALL_LOG_SIZE);
            listener.release();
            write(store, 10 * SMALL_LOG_SIZE, 2 * SMALL_LOG_SIZE);
            Map<String, String> contents = RescanningListener.contents(store);
            StowageFramework.await("the listener's view to match the store " + contents, 10_000,
                    () -> listener.view().equals(contents));
            assertEquals(List.of(), listener.errors());
            assertFalse("a gap was signalled", listener.gaps().isEmpty());
            FeedGap gap = listener.gaps().get(0);
            assertEquals("behind", gap.store());
            assertTrue(gap.toString(), gap.missedFrom() < gap.resumeFrom());
        } finally {
            registration.unregister();
        }
    }

    /** Puts to 20 keys in turn, and deletes every seventh write's key, from write {@code first} on. */
    private static void write(Store store, int first, int count) {
        for (int i = first; i < first + count; i++) {
            String key = "k" + (i % 20);
            if (i % 7 == 6) {
                store.delete(key);
            } else {
                store.put(key, ("v" + i).getBytes(UTF_8));
            }
        }
    }

    @Test
    public void aListenerHearsItsOwnNamespaceOnly() throws Exception {
        Bundle other = TestBundles.installAndStart(context, "other.ns");
        RecordingListener own = new RecordingListener();
        RecordingListener others = new RecordingListener();
        ServiceRegistration<StoreListener> ownRegistration = own.register(context, "*", "*", false);
        ServiceRegistration<StoreListener> othersRegistration = others.register(other.getBundleContext(), "*", "*",
                false);
        try {
            command("stowage:put other.ns/shared foreign written-elsewhere");
            writable("shared").put("own", "written-here".getBytes(UTF_8));
            StowageFramework.await("both listeners to hear their writes", 10_000,
                    () -> own.heard("shared", "own") && others.heard("shared", "foreign"));
            assertFalse(own.events().toString(), own.heard("shared", "foreign"));
            assertFalse(others.events().toString(), others.heard("shared", "own"));
        } finally {
            ownRegistration.unregister();
            othersRegistration.unregister();
            other.uninstall();
        }
    }

    @Test
    public void theSweepsExpiriesAreEventsOnMemoryAndLmdb() throws Exception {
        StowageFramework.route(context, configurations, "expiring-memory", "volatile");
        StowageFramework.route(context, configurations, "expiring-lmdb", "default");
        for (String name : List.of("expiring-memory", "expiring-lmdb")) {
            Store store = writable(name);
            try (ChangeFeed feed = store.watch("short*", ChangeFeed.NOW, false)) {
                store.put("short-lived", "soon gone".getBytes(UTF_8), Duration.ofSeconds(1));
                List<StoreEvent> events = new ArrayList<>();
                // The kernel's sweep, every second here, removes the key once it expired
                StowageFramework.await("the expiry of short-lived in " + name, 15_000, () -> {
                    events.addAll(poll(feed));
                    return events.stream().anyMatch(event -> event.kind() == ChangeKind.EXPIRE);
                });
                assertEquals(List.of(ChangeKind.PUT, ChangeKind.EXPIRE), events.stream().map(StoreEvent::kind).toList());
                assertEquals("short-lived", events.get(1).key());
                assertNull(store.get("short-lived"));
            }
        }
    }

    @Test
    public void anUnregisteredListenerHearsNothingMore() throws Exception {
        Store store = writable("unheard");
        RecordingListener listener = new RecordingListener();
        ServiceRegistration<StoreListener> registration = listener.register(context, "unheard", "*", false);
        try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false)) {
            store.put("before", "heard".getBytes(UTF_8));
            StowageFramework.await("the listener to hear 'before'", 10_000, () -> listener.heard("unheard", "before"));
            registration.unregister();
            store.put("after", "unheard".getBytes(UTF_8));
            store.put("marker", "written last".getBytes(UTF_8));
            // The feed gets the changes in commit order: once it has the marker, 'after' was delivered to any cursor
            List<StoreEvent> events = new ArrayList<>();
            StowageFramework.await("the feed to get the marker", 10_000, () -> {
                events.addAll(poll(feed));
                return events.stream().anyMatch(event -> event.key().equals("marker"));
            });
            assertEquals(List.of("before"), listener.events().stream().map(StoreEvent::key).toList());
        }
    }

    /** The changes a feed has now, without waiting. */
    private static List<StoreEvent> poll(ChangeFeed feed) {
        try {
            return feed.poll(100, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling " + feed);
        }
    }

    private void assertReceivedExactly(String who, Map<String, List<Long>> acknowledged, ChangeHistory received)
            throws InterruptedException {
        Supplier<Map<String, List<Long>>> got = received::snapshot;
        try {
            StowageFramework.await(who + " to get every acknowledged write", 30_000,
                    () -> got.get().equals(acknowledged) || !received.errors().isEmpty());
        } catch (AssertionError e) {
            // The difference key by key, which the bare maps would bury
            List<String> differences = new ArrayList<>();
            acknowledged.forEach((key, versions) -> {
                List<Long> seen = got.get().getOrDefault(key, List.of());
                if (!seen.equals(versions) && differences.size() < 5) {
                    differences.add(key + ": acknowledged " + versions + ", got " + seen);
                }
            });
            throw new AssertionError(e.getMessage() + "; " + received.size() + " changes of "
                    + acknowledged.values().stream().mapToLong(List::size).sum() + "; " + differences);
        }
        assertEquals(who + " errors", List.of(), received.errors());
        assertEquals(who, acknowledged, got.get());
    }

    /** The last change each key got is what the store holds for it. */
    private static void assertLastChangesAreStored(List<Store> stores, Map<String, List<Long>> acknowledged) {
        for (Store store : stores) {
            acknowledged.forEach((label, versions) -> {
                if (label.startsWith(store.name() + "/")) {
                    String key = label.substring(store.name().length() + 1);
                    long last = versions.get(versions.size() - 1);
                    byte[] stored = store.get(key);
                    assertEquals(label, last == ChangeHistory.DELETED ? null : "v" + last,
                            stored == null ? null : new String(stored, UTF_8));
                }
            });
        }
    }

    private Store writable(String name) throws InterruptedException {
        Store store = storage().store(name);
        StowageFramework.awaitWritable(store, "ready", "ready", log);
        return store;
    }

    /** The kernel with this change log size for logs opened from now on, and a sweep every second. */
    private void kernel(int changeLogSize) throws Exception {
        StowageFramework.kernelSettings(context, configurations, scr,
                Map.of("changeLogSize", changeLogSize, "sweepIntervalSeconds", 1L));
    }
}
