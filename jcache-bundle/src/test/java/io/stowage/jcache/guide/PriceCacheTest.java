package io.stowage.jcache.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.cache.Caching;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/jcache.md's example, as the guide shows it and as it runs. */
class PriceCacheTest {

    @AfterEach
    void closeProvider() {
        Caching.getCachingProvider("io.stowage.jcache.StowageCachingProvider").close();
    }

    @Test
    void pricesAreCachedAndDiscountedInMemory() {
        try (PriceCache cache = new PriceCache(URI.create("stowage:memory"))) {
            cache.remember("tea", 400);
            assertEquals(300L, cache.discount("tea", 25));
            assertEquals(300L, cache.price("tea"));
            assertNull(cache.discount("coffee", 10));
        }
    }

    @Test
    void onLmdbTheyOutliveTheProvider(@TempDir Path folder) {
        URI lmdb = URI.create("stowage:lmdb?path=" + folder);
        try (PriceCache cache = new PriceCache(lmdb)) {
            cache.remember("tea", 400);
        }
        closeProvider();
        try (PriceCache cache = new PriceCache(lmdb)) {
            assertEquals(400L, cache.price("tea"));
        }
    }

    @Test
    void theGuideShowsThisExampleAsItIs() throws IOException {
        Path root = Path.of(System.getProperty("stowage.root", ".."));
        String guide = Files.readString(root.resolve("docs/jcache.md"), StandardCharsets.UTF_8);
        String marker = "<!-- file: jcache-bundle/src/test/java/io/stowage/jcache/guide/PriceCache.java -->\n```java\n";
        int start = guide.indexOf(marker);
        assertTrue(start >= 0, "docs/jcache.md does not show PriceCache.java");
        String shown = guide.substring(start + marker.length(), guide.indexOf("```\n", start + marker.length()));
        String source = Files.readString(root.resolve(
                "jcache-bundle/src/test/java/io/stowage/jcache/guide/PriceCache.java"), StandardCharsets.UTF_8);
        assertEquals(source, shown);
    }
}
