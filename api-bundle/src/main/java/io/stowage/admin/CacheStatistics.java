package io.stowage.admin;

/**
 * A cache over a store (a JCache cache) as the provider that runs it counts it, in the terms of JSR-107's
 * {@code CacheStatisticsMXBean}: counts since the cache was created or its statistics were cleared, and mean times in
 * microseconds. A provider counts only while the cache's statistics are enabled.
 *
 * @param store      the store the cache's entries live in
 * @param cache      the cache's name
 * @param manager    the URI of the cache manager that holds it
 * @param enabled    whether its statistics are enabled (if not, the counts stay as they were)
 * @param evictions  entries the cache evicted on its own (a cache over a store evicts none: the backend holds them)
 * @since 1.4
 */
public record CacheStatistics(StoreId store, String cache, String manager, boolean enabled, long hits, long misses,
        long gets, long puts, long removals, long evictions, float averageGetMicros, float averagePutMicros,
        float averageRemoveMicros) {
}
