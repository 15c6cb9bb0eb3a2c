package io.stowage.jcache.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.Test;

import io.stowage.jcache.EmbeddedStowage;
import io.stowage.jcache.StowageCachingProvider;

/**
 * Runs in each TCK fork, with its system properties: the TCK's unwrap tests pass silently when a class they name does
 * not load, and its exclude list passes what it lists, so both are checked here rather than trusted.
 */
class TckSettingsCheck {

    @Test
    void unwrapClassesLoadAndAreWhatTheTckUnwrapsTo() throws ClassNotFoundException {
        assertUnwrapClass("javax.cache.CacheManager", CacheManager.class);
        assertUnwrapClass("javax.cache.Cache", Cache.class);
        assertUnwrapClass("javax.cache.Cache.Entry", Cache.Entry.class);
    }

    @Test
    void theTckFindsThisProvider() {
        assertEquals(StowageCachingProvider.class, Caching.getCachingProvider().getClass());
    }

    /** In the Redis run, the caches the TCK makes are entries of the run's own redis-server, not of another backend. */
    @Test
    void theRedisRunsCachesLiveInItsRedisServer() throws IOException {
        if (System.getProperty(TckRedisServer.FOLDER) == null) {
            return;
        }
        assertNotNull(TckRedisServer.running(), "the Redis run started no redis-server");
        assertEquals("stowage:redis", System.getProperty(EmbeddedStowage.URI));
        CacheManager manager = Caching.getCachingProvider().getCacheManager();
        Cache<String, String> cache = manager.createCache("tck-settings-check",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        try {
            long before = keys();
            cache.put("where", "redis");
            long after = keys();
            assertTrue(after > before, "a put added no key to the redis-server: " + before + " -> " + after);
        } finally {
            manager.destroyCache("tck-settings-check");
        }
    }

    /** DBSIZE of the run's server: the reply is RESP's integer, {@code :<n>}. */
    private static long keys() throws IOException {
        String reply = TckRedisServer.running().command("DBSIZE").trim();
        return Long.parseLong(reply.startsWith(":") ? reply.substring(1) : reply);
    }

    @Test
    void theExcludeListLeavesOutOnlyDummyTest() throws IOException {
        try (InputStream list = getClass().getClassLoader().getResourceAsStream("ExcludeList")) {
            assertNotNull(list, "no ExcludeList on the test classpath");
            List<String> entries = new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            assertEquals(List.of("org.jsr107.tck.CachingTest#dummyTest"), entries);
        }
    }

    private static void assertUnwrapClass(String property, Class<?> api) throws ClassNotFoundException {
        String name = System.getProperty(property, "");
        assertTrue(!name.isBlank(), "system property " + property + " is not set");
        Class<?> type = Class.forName(name.trim());
        assertTrue(api.isAssignableFrom(type), property + "=" + name + " is not a " + api.getName());
    }
}
