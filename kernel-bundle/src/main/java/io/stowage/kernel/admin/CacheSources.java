package io.stowage.kernel.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.log.Logger;

import io.stowage.admin.CacheStatistics;
import io.stowage.admin.CacheStatisticsSource;

/**
 * The {@link CacheStatisticsSource}s registered now (the whiteboard the kernel tracks), and what they report
 * together: one source that fails leaves the others' caches in the report.
 */
final class CacheSources {

    private final List<CacheStatisticsSource> sources = new CopyOnWriteArrayList<>();
    private final Logger logger;

    CacheSources(Logger logger) {
        this.logger = logger;
    }

    void add(CacheStatisticsSource source) {
        sources.add(source);
    }

    void remove(CacheStatisticsSource source) {
        sources.remove(source);
    }

    /** Every source's caches, by store and then cache name. */
    List<CacheStatistics> statistics() {
        List<CacheStatistics> all = new ArrayList<>();
        for (CacheStatisticsSource source : sources) {
            try {
                all.addAll(source.cacheStatistics());
            } catch (RuntimeException e) {
                // A provider going away while it is asked: its caches are closing anyway
                logger.debug("a cache statistics source failed: {}", e.toString());
            }
        }
        all.sort(Comparator.comparing((CacheStatistics cache) -> cache.store().label())
                .thenComparing(CacheStatistics::cache));
        return all;
    }
}
