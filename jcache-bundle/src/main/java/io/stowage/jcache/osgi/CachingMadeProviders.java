package io.stowage.jcache.osgi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.stowage.jcache.StowageCachingProvider;

/**
 * The providers {@code javax.cache.Caching} made inside a framework, from the jcache bundle's class loader: no
 * service registration hands them out, so operator tools learn of their caches here. {@code Caching} keeps its
 * providers until someone closes them (the bundle that asked for one, when it stops); a closed one leaves.
 */
public final class CachingMadeProviders {

    private static final Set<StowageCachingProvider> OPEN = ConcurrentHashMap.newKeySet();

    private CachingMadeProviders() {
    }

    public static void opened(StowageCachingProvider provider) {
        OPEN.add(provider);
    }

    public static void closed(StowageCachingProvider provider) {
        OPEN.remove(provider);
    }

    static Set<StowageCachingProvider> open() {
        return Set.copyOf(OPEN);
    }
}
