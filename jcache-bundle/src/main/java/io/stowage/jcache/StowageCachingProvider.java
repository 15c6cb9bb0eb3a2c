package io.stowage.jcache;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;

import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

import io.stowage.jcache.osgi.CachingMadeProviders;

/**
 * The JCache provider on Stowage. On a plain classpath {@code Caching.getCachingProvider()} finds it through
 * {@code META-INF/services} and it runs the kernel itself ({@link EmbeddedStowage}); in an OSGi framework its caches
 * are stores of the calling bundle's namespace ({@link FrameworkStorage}), whether the jcache bundle's service or
 * {@code Caching} made it. Cache managers are kept per class loader and URI, as JSR-107 section 11.1 asks; a class
 * loader that is collected takes its managers with it.
 */
public final class StowageCachingProvider implements CachingProvider {

    private final CacheStorage storage;
    private final ClassLoader defaultClassLoader;
    private final Map<ClassLoader, Map<URI, StowageCacheManager>> managers = new WeakHashMap<>();

    /**
     * The provider {@code Caching} makes: on a plain classpath an embedded kernel, set by system properties; in an
     * OSGi framework the namespace of the bundle whose class loader each cache manager is given.
     */
    public StowageCachingProvider() {
        this(FrameworkStorage.inFramework() ? FrameworkStorage.forClassLoaders() : new EmbeddedStowage(), null);
        if (FrameworkStorage.inFramework()) {
            CachingMadeProviders.opened(this);
        }
    }

    public StowageCachingProvider(CacheStorage storage) {
        this(storage, null);
    }

    /**
     * @param defaultClassLoader what cache managers resolve classes with when the application names no class loader
     *                           (null: this provider's own)
     */
    public StowageCachingProvider(CacheStorage storage, ClassLoader defaultClassLoader) {
        this.storage = storage;
        this.defaultClassLoader = defaultClassLoader == null ? getClass().getClassLoader() : defaultClassLoader;
    }

    @Override
    public synchronized CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties settings = properties == null ? getDefaultProperties() : properties;
        Map<URI, StowageCacheManager> byUri = managers.computeIfAbsent(loader, key -> new HashMap<>());
        StowageCacheManager manager = byUri.get(managerUri);
        if (manager == null || manager.isClosed()) {
            manager = new StowageCacheManager(this, managerUri, loader, settings,
                    storage.namespaceFor(managerUri, loader, settings));
            byUri.put(managerUri, manager);
        }
        return manager;
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, null);
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(null, null, null);
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        return defaultClassLoader;
    }

    @Override
    public URI getDefaultURI() {
        return storage.defaultUri();
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    /** Closes every manager, and stops what {@link CacheStorage} started (the embedded kernel). */
    @Override
    public void close() {
        CachingMadeProviders.closed(this);
        for (ClassLoader loader : loaders()) {
            close(loader);
        }
        synchronized (this) {
            storage.close();
        }
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Map<URI, StowageCacheManager> byUri;
        synchronized (this) {
            byUri = managers.remove(loader);
        }
        if (byUri != null) {
            byUri.values().forEach(StowageCacheManager::close);
        }
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        StowageCacheManager manager;
        synchronized (this) {
            Map<URI, StowageCacheManager> byUri = managers.get(loader);
            manager = byUri == null ? null : byUri.remove(managerUri);
        }
        if (manager != null) {
            manager.close();
        }
    }

    /** Caches are entries in stores, outside the heap: they hold values, never references. */
    @Override
    public boolean isSupported(OptionalFeature feature) {
        return false;
    }

    /** The cache managers open now, for every class loader (operator tools list their caches). */
    public synchronized List<CacheManager> openCacheManagers() {
        List<CacheManager> open = new ArrayList<>();
        managers.values().forEach(byUri -> open.addAll(byUri.values()));
        return open;
    }

    /** A manager closed itself: a later {@code getCacheManager} makes a new one. */
    synchronized void released(StowageCacheManager manager) {
        Map<URI, StowageCacheManager> byUri = managers.get(manager.getClassLoader());
        if (byUri != null) {
            byUri.remove(manager.getURI(), manager);
        }
    }

    private synchronized ClassLoader[] loaders() {
        return managers.keySet().toArray(new ClassLoader[0]);
    }
}
