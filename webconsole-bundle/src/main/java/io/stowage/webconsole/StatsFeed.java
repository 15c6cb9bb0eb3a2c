package io.stowage.webconsole;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stowage.admin.Latencies;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.Traffic;
import io.stowage.admin.TransformCounts;

/**
 * The figures the live charts draw, as JSON: each known store's counts since the kernel started (the script turns
 * two readings into operations per second), its latency percentiles in microseconds over the recent window, and
 * what its transforms did since the kernel started.
 */
final class StatsFeed {

    private StatsFeed() {
    }

    static Map<String, Object> of(StowageAdmin admin) {
        List<Object> stores = new ArrayList<>();
        for (StoreStatistics store : admin.storeStatistics()) {
            Traffic traffic = store.traffic();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("store", store.store().label());
            entry.put("configuration", store.configuration());
            entry.put("reads", traffic.reads());
            entry.put("writes", traffic.writes());
            entry.put("deletes", traffic.deletes());
            entry.put("listings", traffic.listings());
            entry.put("operations", traffic.operations());
            entry.put("errors", traffic.errors());
            entry.put("read", latencies(traffic.readLatency()));
            entry.put("write", latencies(traffic.writeLatency()));
            entry.put("transforms", transforms(store.transforms()));
            stores.add(entry);
        }
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("time", System.currentTimeMillis());
        feed.put("stores", stores);
        return feed;
    }

    private static Map<String, Object> transforms(TransformCounts transforms) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("encoded", transforms.encoded());
        counts.put("storedPlain", transforms.storedPlain());
        counts.put("bytesIn", transforms.encodedBytesIn());
        counts.put("bytesOut", transforms.encodedBytesOut());
        counts.put("ratio", transforms.ratio());
        counts.put("encodeMicrosPerValue", transforms.encodeNanosPerValue() / 1000.0);
        counts.put("decoded", transforms.decoded());
        counts.put("decodeMicrosPerValue", transforms.decodeNanosPerValue() / 1000.0);
        return counts;
    }

    private static Map<String, Object> latencies(Latencies latencies) {
        Map<String, Object> micros = new LinkedHashMap<>();
        micros.put("timed", latencies.timed());
        micros.put("p50", latencies.p50Nanos() / 1000.0);
        micros.put("p90", latencies.p90Nanos() / 1000.0);
        micros.put("p99", latencies.p99Nanos() / 1000.0);
        micros.put("max", latencies.maxNanos() / 1000.0);
        return micros;
    }
}
