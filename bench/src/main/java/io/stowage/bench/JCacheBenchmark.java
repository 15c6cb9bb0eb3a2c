package io.stowage.bench;

import java.io.Serializable;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Cache.get} and {@code Cache.put} of small serializable values through JCache (issue 21): Stowage's provider
 * on its memory backend against Caffeine's and Ehcache 3's providers, all three storing by value, on the same keys
 * and values in one JVM; and Caffeine storing by reference, which shows what copying by value costs there. Each side
 * gets its provider by class name from {@code Caching}, as an application choosing among several would.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class JCacheBenchmark {

    /** A small serializable value, as an application's cached record. */
    public record Price(String currency, long cents) implements Serializable {
    }

    @Param({"stowage", "caffeine", "ehcache", "caffeine-by-reference"})
    public String side;

    @Param("10000")
    public int entries;

    private CachingProvider provider;
    private CacheManager manager;
    private Cache<String, Price> cache;
    private String[] keys;
    private Price[] values;

    @Setup(Level.Trial)
    public void open() {
        provider = Caching.getCachingProvider(switch (side) {
            case "stowage" -> "io.stowage.jcache.StowageCachingProvider";
            case "caffeine", "caffeine-by-reference" -> "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
            case "ehcache" -> "org.ehcache.jsr107.EhcacheCachingProvider";
            default -> throw new IllegalArgumentException("no JCache side " + side);
        });
        Properties properties = new Properties();
        // Stowage deserializes only what its allow-list names: the benchmark's record
        properties.setProperty("stowage.jcache.serialAllow", Price.class.getName());
        manager = provider.getCacheManager(provider.getDefaultURI(), getClass().getClassLoader(), properties);
        cache = manager.createCache("prices", new MutableConfiguration<String, Price>()
                .setTypes(String.class, Price.class).setStoreByValue(!side.endsWith("by-reference")));
        keys = new String[entries];
        values = new Price[entries];
        for (int i = 0; i < entries; i++) {
            keys[i] = "product:" + i;
            values[i] = new Price("EUR", 100L + i);
            cache.put(keys[i], values[i]);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        manager.destroyCache("prices");
        manager.close();
        provider.close();
    }

    /** Which entry a thread touches next: every key in turn. */
    @State(Scope.Thread)
    public static class Turn {
        private int next;

        int next(int entries) {
            next = next + 1 == entries ? 0 : next + 1;
            return next;
        }
    }

    @Benchmark
    public Price get(Turn turn) {
        return cache.get(keys[turn.next(entries)]);
    }

    @Benchmark
    public void put(Turn turn) {
        int i = turn.next(entries);
        cache.put(keys[i], values[i]);
    }
}
