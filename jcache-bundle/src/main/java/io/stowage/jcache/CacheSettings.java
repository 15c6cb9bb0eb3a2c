package io.stowage.jcache;

import java.io.Closeable;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * A cache's configuration as it runs: a private copy of what the application passed, and the loader, writer and
 * expiry policy its factories made, each made once.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheSettings<K, V> {

    /** Property (system, or of the cache manager) adding classes Java deserialization may create, as filter patterns. */
    static final String SERIAL_ALLOW = "stowage.jcache.serialAllow";

    /** What deserialization always allows: the JDK's value types and collections. */
    static final String SERIAL_ALLOW_DEFAULT = "java.lang.*;java.util.*;java.time.*;java.math.*;java.net.URI";

    private final MutableConfiguration<K, V> configuration;
    private final CacheLoader<K, V> loader;
    private final CacheWriter<? super K, ? super V> writer;
    private final ExpiryPolicy expiry;

    @SuppressWarnings("unchecked")
    CacheSettings(Configuration<K, V> given) {
        this.configuration = given instanceof CompleteConfiguration<K, V> complete
                ? new MutableConfiguration<>(complete)
                : new MutableConfiguration<K, V>().setTypes(given.getKeyType(), given.getValueType())
                        .setStoreByValue(given.isStoreByValue());
        Factory<CacheLoader<K, V>> loaders = configuration.getCacheLoaderFactory();
        this.loader = loaders == null ? null : loaders.create();
        Factory<CacheWriter<? super K, ? super V>> writers = configuration.getCacheWriterFactory();
        this.writer = writers == null || !configuration.isWriteThrough() ? null : writers.create();
        Factory<ExpiryPolicy> policies = configuration.getExpiryPolicyFactory();
        this.expiry = policies == null ? new EternalExpiryPolicy() : policies.create();
    }

    /** The live configuration: listener registrations and the statistics and management flags change it. */
    MutableConfiguration<K, V> configuration() {
        return configuration;
    }

    /** The loader a read asks for a missing value, or null when the cache does not read through. */
    CacheLoader<K, V> readThrough() {
        return configuration.isReadThrough() ? loader : null;
    }

    /** The loader {@code loadAll} uses, read-through or not, or null. */
    CacheLoader<K, V> loader() {
        return loader;
    }

    /** The writer, or null unless the cache writes through. */
    CacheWriter<? super K, ? super V> writer() {
        return writer;
    }

    ExpiryPolicy expiry() {
        return expiry;
    }

    /**
     * Refuses a key or value of another type than the cache was configured with (JSR-107 section 4.4: runtime type
     * checking is the implementation's choice; this one checks).
     */
    void checkKey(Object key) {
        check("key", key, configuration.getKeyType());
    }

    void checkValue(Object value) {
        check("value", value, configuration.getValueType());
    }

    private static void check(String what, Object object, Class<?> type) {
        if (object == null) {
            throw new NullPointerException("a cache " + what + " cannot be null");
        }
        if (!type.isInstance(object)) {
            throw new ClassCastException("the cache's " + what + " type is " + type.getName() + ", not "
                    + object.getClass().getName());
        }
    }

    /** Closes what the factories made that is closeable (JSR-107 section 4.1.3, "close"). */
    void close() {
        List<Object> made = new ArrayList<>(List.of(expiry));
        if (loader != null) {
            made.add(loader);
        }
        if (writer != null) {
            made.add(writer);
        }
        for (Object object : made) {
            if (object instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException | RuntimeException e) {
                    // The cache closes anyway; the application's own resource failed to close
                    System.getLogger(CacheSettings.class.getName()).log(System.Logger.Level.WARNING,
                            "closing " + object + " failed", e);
                }
            }
        }
    }

    /**
     * The allow-list filter: the JDK's value types, what {@link #SERIAL_ALLOW} adds (from the manager's properties,
     * else the system property), and nothing else.
     */
    static ObjectInputFilter serialFilter(Properties properties) {
        String added = properties.getProperty(SERIAL_ALLOW, System.getProperty(SERIAL_ALLOW, "")).trim();
        String pattern = "maxdepth=100;" + SERIAL_ALLOW_DEFAULT + (added.isEmpty() ? "" : ";" + added) + ";!*";
        return ObjectInputFilter.Config.createFilter(pattern);
    }
}
