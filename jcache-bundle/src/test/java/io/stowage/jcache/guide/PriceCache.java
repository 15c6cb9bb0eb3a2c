package io.stowage.jcache.guide;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/** Product prices in cents, cached for ten minutes in the Stowage store "prices". */
public final class PriceCache implements AutoCloseable {

    private final CacheManager manager;
    private final Cache<String, Long> prices;

    /** {@code backend} is a cache manager URI: {@code stowage:memory}, {@code stowage:lmdb?path=data/cache}. */
    public PriceCache(URI backend) {
        this.manager = Caching.getCachingProvider("io.stowage.jcache.StowageCachingProvider")
                .getCacheManager(backend, PriceCache.class.getClassLoader());
        Cache<String, Long> existing = manager.getCache("prices", String.class, Long.class);
        this.prices = existing != null ? existing : manager.createCache("prices",
                new MutableConfiguration<String, Long>()
                        .setTypes(String.class, Long.class)
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 10)))
                        .setStatisticsEnabled(true));
    }

    public void remember(String product, long cents) {
        prices.put(product, cents);
    }

    /** The cached price, or null when it is not cached (or expired). */
    public Long price(String product) {
        return prices.get(product);
    }

    /** Takes a percentage off a cached price, atomically: one transaction on the store. */
    public Long discount(String product, int percent) {
        return prices.invoke(product, (entry, arguments) -> {
            if (!entry.exists()) {
                return null;
            }
            entry.setValue(entry.getValue() * (100 - percent) / 100);
            return entry.getValue();
        });
    }

    @Override
    public void close() {
        manager.close();
    }
}
