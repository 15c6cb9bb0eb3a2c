package io.stowage.shell.command;

import java.util.List;

import io.stowage.admin.CacheStatistics;

/**
 * What {@code stowage:stats} shows of caches over stores (JCache caches, as their provider reports them through the
 * operator API): a line per cache in the overview, and lines of the store's cache in a store's detail. Counts are the
 * cache's own (JSR-107 statistics: since the cache was created or its statistics were cleared), beside the store's.
 */
final class CacheReport {

    private CacheReport() {
    }

    /** A line per cache; nothing when no cache runs. */
    static String table(List<CacheStatistics> caches) {
        TextTable table = new TextTable("JCACHE", "STORE", ">HITS", ">MISSES", ">GETS", ">PUTS", ">REMOVALS",
                ">EVICTIONS", ">AVG-GET", ">AVG-PUT", ">AVG-REMOVE", "STATISTICS");
        for (CacheStatistics cache : caches) {
            table.row(cache.cache(), cache.store().label(), cache.hits(), cache.misses(), cache.gets(), cache.puts(),
                    cache.removals(), cache.evictions(), micros(cache.averageGetMicros()),
                    micros(cache.averagePutMicros()), micros(cache.averageRemoveMicros()),
                    cache.enabled() ? "on" : "off");
        }
        return table.render();
    }

    /** The detail lines of a store that is a cache, in the format of the store's own lines. */
    static String detail(CacheStatistics cache, String format) {
        return String.format(format, "jcache", cache.cache() + " of cache manager " + cache.manager()
                + (cache.enabled() ? "" : " (statistics off)"))
                + String.format(format, "cache gets", cache.gets() + " (" + cache.hits() + " hits, " + cache.misses()
                        + " misses), mean " + micros(cache.averageGetMicros()))
                + String.format(format, "cache puts", cache.puts() + ", mean " + micros(cache.averagePutMicros()))
                + String.format(format, "cache removals", cache.removals() + ", mean "
                        + micros(cache.averageRemoveMicros()))
                + String.format(format, "evictions", cache.evictions());
    }

    /** A mean time, as the other latencies print. */
    private static String micros(float micros) {
        return micros <= 0 ? "-" : ShellText.duration((long) (micros * 1_000));
    }
}
