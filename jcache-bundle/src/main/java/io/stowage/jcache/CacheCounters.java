package io.stowage.jcache;

import java.util.concurrent.atomic.LongAdder;

import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics as JSR-107 defines them (section 12.4): counted only while statistics are enabled, and
 * published as the {@code javax.cache:type=CacheStatistics} MXBean. Average times are in microseconds.
 */
final class CacheCounters implements CacheStatisticsMXBean {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();
    private volatile boolean enabled;

    void enable(boolean on) {
        this.enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    void hits(long count) {
        add(hits, count);
    }

    void misses(long count) {
        add(misses, count);
    }

    void puts(long count) {
        add(puts, count);
    }

    void removals(long count) {
        add(removals, count);
    }

    void getTime(long startNanos) {
        add(getNanos, System.nanoTime() - startNanos);
    }

    void putTime(long startNanos) {
        add(putNanos, System.nanoTime() - startNanos);
    }

    void removeTime(long startNanos) {
        add(removeNanos, System.nanoTime() - startNanos);
    }

    private void add(LongAdder adder, long amount) {
        if (enabled) {
            adder.add(amount);
        }
    }

    @Override
    public void clear() {
        for (LongAdder adder : new LongAdder[] {hits, misses, puts, removals, getNanos, putNanos, removeNanos}) {
            adder.reset();
        }
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : getCacheHits() * 100f / gets;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : getCacheMisses() * 100f / gets;
    }

    @Override
    public long getCacheGets() {
        return hits.sum() + misses.sum();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    /** Stowage never evicts: a cache holds what its backend can hold. */
    @Override
    public long getCacheEvictions() {
        return 0;
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos, getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos, getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos, getCacheRemovals());
    }

    private static float average(LongAdder nanos, long count) {
        return count == 0 ? 0 : nanos.sum() / 1000f / count;
    }
}
