package io.stowage.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.api.Limits;
import io.stowage.api.Store;

/**
 * Expired-entry listeners hear of the entries the kernel's sweep expires, through the store's change feed, while
 * they are registered and the cache is open: one event per entry, with its cache key, and nothing left running after.
 */
class ExpiredListenerTest {

    private static final String SWEEP_MILLIS = "50";
    private static final long DEADLINE_MILLIS = 10_000;

    private StowageCachingProvider provider;

    @AfterEach
    void closeProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void eachExpiredEntryIsOneEventWithItsKeyOnTheAsynchronousThread() {
        Cache<String, String> cache = expiringCache("sessions");
        ExpiryRecorder recorder = new ExpiryRecorder();
        cache.registerCacheEntryListener(recorder.configuration(null, true));
        cache.put("alice", "1");
        cache.put("bob", "2");
        cache.put("carol", "3");
        awaitUntil(() -> recorder.keys().size() >= 3, "three expired events, got " + recorder.keys());
        // A later expiry arrives after any duplicate of the earlier ones would have, as the feed is in commit order
        cache.put("dave", "4");
        awaitUntil(() -> recorder.keys().contains("dave"), "dave's expiry, got " + recorder.keys());

        assertEquals(List.of("alice", "bob", "carol", "dave"), recorder.keys().stream().sorted().toList());
        for (CacheEntryEvent<? extends String, ? extends String> event : recorder.events) {
            assertEquals(EventType.EXPIRED, event.getEventType());
            assertNull(event.getValue(), "the sweep logs the key only");
            assertFalse(event.isOldValueAvailable());
            assertEquals(cache, event.getSource());
        }
        assertTrue(recorder.threads.stream().allMatch(name -> name.equals("stowage-jcache-listeners-sessions")),
                "a synchronous listener too hears of expiries on the cache's asynchronous thread: " + recorder.threads);
    }

    @Test
    void aFilterChoosesWhichExpiriesAListenerHears() {
        Cache<String, String> cache = expiringCache("filtered");
        ExpiryRecorder recorder = new ExpiryRecorder();
        cache.registerCacheEntryListener(recorder.configuration(new KeyPrefixFilter("keep:"), false));
        cache.put("drop:1", "x");
        cache.put("keep:1", "y");
        cache.put("drop:2", "x");
        cache.put("keep:2", "y");
        // The sweep removes keys in key order, so the drops were told (and filtered out) before keep:2
        awaitUntil(() -> recorder.keys().contains("keep:2"), "keep:2's expiry, got " + recorder.keys());

        assertEquals(List.of("keep:1", "keep:2"), recorder.keys().stream().sorted().toList());
    }

    @Test
    void expiriesOfKeysTheCacheCannotNameAreSkipped() {
        Cache<String, String> cache = expiringCache("mixed");
        ExpiryRecorder recorder = new ExpiryRecorder();
        cache.registerCacheEntryListener(recorder.configuration(null, false));
        Store store = cache.unwrap(Store.class);
        store.put("another:raw", new byte[] {1}, java.time.Duration.ofMillis(50));
        // Stored under its hash (KeyMappingTest), whose cache key goes with the envelope the sweep removes
        String tooLongForAStoreKey = "k".repeat(Limits.MAX_KEY_BYTES);
        cache.put(tooLongForAStoreKey, "hashed");
        cache.put("after", "last");
        // "s:after" sorts after "another:raw" and "h:...", and expires last, so the sweep reaches it last
        awaitUntil(() -> recorder.keys().contains("after"), "after's expiry, got " + recorder.keys());

        assertEquals(List.of("after"), recorder.keys());
    }

    @Test
    void deregisteringTheLastExpiredListenerStopsFollowingTheFeed() {
        CacheManager manager = manager();
        Cache<String, String> cache = manager.createCache("deregistered", expiring());
        ExpiryRecorder first = new ExpiryRecorder();
        ExpiryRecorder second = new ExpiryRecorder();
        MutableCacheEntryListenerConfiguration<String, String> firstConfiguration = first.configuration(null, false);
        MutableCacheEntryListenerConfiguration<String, String> secondConfiguration = second.configuration(null, false);
        cache.registerCacheEntryListener(firstConfiguration);
        cache.registerCacheEntryListener(secondConfiguration);
        assertEquals(1, followers("deregistered"), "one follower a cache, however many listeners");

        cache.deregisterCacheEntryListener(firstConfiguration);
        assertEquals(1, followers("deregistered"), "still followed for the second listener");
        cache.put("a", "1");
        awaitUntil(() -> second.keys().contains("a"), "the second listener to hear of a's expiry");

        cache.deregisterCacheEntryListener(secondConfiguration);
        assertEquals(0, followers("deregistered"), "the follower's thread ended with the last expired listener");
        cache.put("b", "2");
        // A witness entry, written later with the same TTL, is swept in the same pass as b or a later one
        Cache<String, String> witness = manager.createCache("witness", expiring());
        ExpiryRecorder witnessing = new ExpiryRecorder();
        witness.registerCacheEntryListener(witnessing.configuration(null, false));
        witness.put("w", "3");
        awaitUntil(() -> witnessing.keys().contains("w"), "the sweep to remove the witness entry");
        assertEquals(List.of("a"), second.keys(), "no event after deregistration");
        assertEquals(List.of(), first.keys());
    }

    @Test
    void closingTheCacheStopsFollowingTheFeed() {
        Cache<String, String> cache = expiringCache("closed");
        cache.registerCacheEntryListener(new ExpiryRecorder().configuration(null, false));
        assertEquals(1, followers("closed"));
        cache.close();
        assertEquals(0, followers("closed"));
    }

    @Test
    void closingTheProviderStopsFollowingTheFeedOfACacheConfiguredWithTheListener() {
        MutableConfiguration<String, String> configuration = expiring()
                .addCacheEntryListenerConfiguration(new ExpiryRecorder().configuration(null, false));
        manager().createCache("configured", configuration);
        assertEquals(1, followers("configured"));
        provider.close();
        provider = null;
        assertEquals(0, followers("configured"));
    }

    private Cache<String, String> expiringCache(String name) {
        return manager().createCache(name, expiring());
    }

    private static MutableConfiguration<String, String> expiring() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 50)));
    }

    private CacheManager manager() {
        Properties settings = new Properties();
        settings.setProperty(EmbeddedStowage.URI, "stowage:memory");
        settings.setProperty(EmbeddedStowage.NAMESPACE, "expiries");
        settings.setProperty(EmbeddedStowage.SWEEP_INTERVAL_MILLIS, SWEEP_MILLIS);
        provider = new StowageCachingProvider(new EmbeddedStowage(settings));
        return provider.getCacheManager();
    }

    /** The live threads following the named cache's change feed. */
    private static long followers(String cacheName) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("stowage-jcache-expiries-" + cacheName) && thread.isAlive())
                .count();
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + DEADLINE_MILLIS + " ms for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** An expired-entry listener that keeps what it heard, and on which thread. */
    private static final class ExpiryRecorder implements CacheEntryExpiredListener<String, String> {

        final List<CacheEntryEvent<? extends String, ? extends String>> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> expired) {
            threads.add(Thread.currentThread().getName());
            expired.forEach(events::add);
        }

        List<String> keys() {
            return events.stream().<String>map(CacheEntryEvent::getKey).toList();
        }

        MutableCacheEntryListenerConfiguration<String, String> configuration(
                CacheEntryEventFilter<String, String> filter, boolean synchronous) {
            Factory<CacheEntryExpiredListener<String, String>> listeners = new Handing<>(this);
            return new MutableCacheEntryListenerConfiguration<>(listeners,
                    filter == null ? null : new Handing<>(filter), true, synchronous);
        }
    }

    /** A factory that hands out one object, so that the test keeps a reference to it. */
    private record Handing<T>(T made) implements Factory<T> {

        private static final long serialVersionUID = 1L;

        @Override
        public T create() {
            return made;
        }
    }

    private record KeyPrefixFilter(String prefix) implements CacheEntryEventFilter<String, String> {

        @Override
        public boolean evaluate(CacheEntryEvent<? extends String, ? extends String> event) {
            return event.getKey().startsWith(prefix);
        }
    }
}
