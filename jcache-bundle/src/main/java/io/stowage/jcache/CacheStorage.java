package io.stowage.jcache;

import java.net.URI;
import java.util.Properties;

import io.stowage.api.StorageService;

/**
 * Where a provider's cache managers keep their caches: the namespace of stores a cache manager's URI stands for. On a
 * plain classpath that is {@link EmbeddedStowage}, a kernel the provider runs itself; in an OSGi framework it is the
 * calling bundle's {@code StorageService}.
 */
public interface CacheStorage {

    /** The URI a cache manager gets when the application names none. */
    URI defaultUri();

    /**
     * The stores of the cache manager with this URI, class loader and properties.
     *
     * @throws IllegalArgumentException if the URI names a backend configuration that cannot serve
     */
    StorageService namespaceFor(URI uri, ClassLoader classLoader, Properties properties);

    /** Releases what the provider started; a later {@link #namespaceFor} starts it again. */
    void close();
}
