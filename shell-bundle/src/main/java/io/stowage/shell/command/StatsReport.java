package io.stowage.shell.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.stowage.admin.CacheStatistics;
import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ConfigurationStatistics;
import io.stowage.admin.Latencies;
import io.stowage.admin.StoreContents;
import io.stowage.admin.StoreId;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.Traffic;
import io.stowage.admin.TransactionCounts;
import io.stowage.admin.TransformCounts;

/**
 * The text of {@code stowage:stats}: a line per store and a line per backend configuration, or one store in detail.
 * Counts and bytes are since the kernel started; latencies are over the last one to two minutes. Stores whose values
 * went through transforms get a table (or lines) of their own, so the report of a store without any is unchanged; a
 * store's detail shows its indexes' usage too ({@link IndexReport}).
 */
final class StatsReport {

    private final StowageAdmin admin;

    StatsReport(StowageAdmin admin) {
        this.admin = admin;
    }

    /** Every known store, then every backend configuration; each store's keys and bytes are counted by a scan. */
    String overview() {
        StringBuilder out = new StringBuilder();
        List<StoreStatistics> stores = admin.storeStatistics();
        boolean transformed = stores.stream().anyMatch(store -> store.transforms().hasTraffic());
        if (stores.isEmpty()) {
            out.append("no store holds data or was used since the kernel started").append(System.lineSeparator());
        } else {
            TextTable table = new TextTable("STORE", "BACKEND", ">KEYS", ">STORED", ">READS", ">MISSES", ">WRITES",
                    ">DELETES", ">LISTINGS", ">ERRORS", ">BYTES-READ", ">BYTES-WRITTEN", ">READ-P99", ">WRITE-P99",
                    ">TX-COMMITS", ">TX-CONFLICTS");
            for (StoreStatistics store : stores) {
                Traffic s = store.traffic();
                String[] contents = contents(store.store());
                table.row(store.store().label(), store.configuration(), contents[0], contents[1], s.reads(),
                        s.misses(), s.writes(), s.deletes(), s.listings(), s.errors(), ShellText.bytes(s.bytesRead()),
                        ShellText.bytes(s.bytesWritten()), p99(s.readLatency()), p99(s.writeLatency()),
                        store.transactions().commits(), store.transactions().conflicts());
            }
            out.append(table.render()).append(System.lineSeparator());
            if (transformed) {
                out.append(System.lineSeparator()).append(transforms(stores)).append(System.lineSeparator());
            }
        }
        List<CacheStatistics> caches = admin.cacheStatistics();
        if (!caches.isEmpty()) {
            out.append(System.lineSeparator()).append(CacheReport.table(caches)).append(System.lineSeparator());
        }
        List<ConfigurationInfo> configurations = admin.configurations();
        if (!configurations.isEmpty()) {
            TextTable table = new TextTable("BACKEND", "TYPE", "VERSION", "STATE", ">OPERATIONS", ">ERRORS",
                    ">BYTES-READ", ">BYTES-WRITTEN", ">READ-P99", ">WRITE-P99", ">STORES");
            for (ConfigurationInfo configuration : configurations) {
                ConfigurationStatistics statistics = admin.configurationStatistics(configuration.name());
                Traffic s = statistics.traffic();
                table.row(configuration.name(), configuration.type(),
                        configuration.version().isEmpty() ? "-" : configuration.version(),
                        configuration.state().name().toLowerCase(Locale.ROOT), s.operations(), s.errors(),
                        ShellText.bytes(s.bytesRead()), ShellText.bytes(s.bytesWritten()), p99(s.readLatency()),
                        p99(s.writeLatency()), statistics.openStores().size());
            }
            out.append(System.lineSeparator()).append(table.render()).append(System.lineSeparator());
        }
        out.append(System.lineSeparator()).append("counts since the kernel started; P99: 99th percentile latency over "
                + "the last 1-2 minutes (stowage:stats <namespace/store> shows p50 to max); TX: transactions"
                + (caches.isEmpty() ? "" : "; JCACHE: caches over the stores, their counts since each was created")
                + (transformed ? "; RATIO: bytes stored / bytes written through the transforms, per value: mean time "
                        + "in them" : ""));
        return out.toString();
    }

    /** One store: what it holds (a scan), its counts and bytes, and its latency percentiles. */
    String detail(StoreId store) {
        StoreStatistics statistics = admin.storeStatistics(store);
        Traffic s = statistics.traffic();
        Optional<ConfigurationInfo> configuration = admin.configuration(statistics.configuration())
                .filter(ConfigurationInfo::hasInstance);
        String[] contents = contents(store);
        String window = "in the last " + s.window().toSeconds() + " s";
        String format = "%-14s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "store", store.label()));
        out.append(String.format(format, "backend", statistics.configuration() + configuration
                .map(c -> " (" + c.type() + " " + c.version() + ")").orElse(" (no instance serves it now)")));
        out.append(String.format(format, "keys", contents[0]));
        out.append(String.format(format, "stored", contents[1] + contents[2]));
        out.append(String.format(format, "reads", s.reads() + " (" + s.misses() + " missed)"));
        out.append(String.format(format, "writes", s.writes()));
        out.append(String.format(format, "deletes", s.deletes()));
        out.append(String.format(format, "listings", s.listings()));
        out.append(String.format(format, "errors", s.errors()));
        out.append(String.format(format, "bytes read", ShellText.bytes(s.bytesRead())));
        out.append(String.format(format, "bytes written", ShellText.bytes(s.bytesWritten())));
        out.append(String.format(format, "read latency", latencies(s.readLatency(), window)));
        out.append(String.format(format, "write latency", latencies(s.writeLatency(), window)));
        TransactionCounts transactions = statistics.transactions();
        out.append(String.format(format, "transactions", transactions.commits() + " committed, "
                + transactions.conflicts() + " conflicts, " + transactions.retries() + " retried"));
        for (CacheStatistics cache : admin.cacheStatistics()) {
            if (cache.store().equals(store)) {
                out.append(CacheReport.detail(cache, format));
            }
        }
        TransformCounts transforms = statistics.transforms();
        if (transforms.hasTraffic()) {
            out.append(String.format(format, "encoded", transforms.encoded() + " values, "
                    + ShellText.bytes(transforms.encodedBytesIn()) + " -> "
                    + ShellText.bytes(transforms.encodedBytesOut()) + " (ratio " + ratio(transforms) + "), "
                    + transforms.storedPlain() + " stored plain, " + encodeTime(transforms) + " per value"));
            out.append(String.format(format, "decoded", transforms.decoded() + " values, "
                    + ShellText.bytes(transforms.decodedBytesIn()) + " -> "
                    + ShellText.bytes(transforms.decodedBytesOut()) + ", " + decodeTime(transforms) + " per value"));
        }
        out.append(IndexReport.detail(admin.indexStatistics(store), admin.indexes(), format, window));
        out.append("counts and bytes since the kernel started; keys and stored bytes counted by a scan now");
        return out.toString();
    }

    /** A line per store whose values went through transforms: bytes before and after, the ratio, time per value. */
    private static String transforms(List<StoreStatistics> stores) {
        TextTable table = new TextTable("STORE", ">ENCODED", ">PLAIN", ">BYTES-BEFORE", ">BYTES-AFTER", ">RATIO",
                ">ENCODE/VALUE", ">DECODED", ">DECODE/VALUE");
        for (StoreStatistics store : stores) {
            TransformCounts t = store.transforms();
            if (t.hasTraffic()) {
                table.row(store.store().label(), t.encoded(), t.storedPlain(), ShellText.bytes(t.encodedBytesIn()),
                        ShellText.bytes(t.encodedBytesOut()), ratio(t), encodeTime(t), t.decoded(), decodeTime(t));
            }
        }
        return table.render();
    }

    /** "-" until a value was written through the chain: a ratio of nothing written would read as "no gain". */
    private static String ratio(TransformCounts transforms) {
        return transforms.encoded() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", transforms.ratio());
    }

    private static String encodeTime(TransformCounts transforms) {
        return transforms.encoded() == 0 ? "-" : ShellText.duration(transforms.encodeNanosPerValue());
    }

    private static String decodeTime(TransformCounts transforms) {
        return transforms.decoded() == 0 ? "-" : ShellText.duration(transforms.decodeNanosPerValue());
    }

    /** Keys, stored bytes, and the split of those bytes; "-" without an instance, "?" if the scan failed. */
    private String[] contents(StoreId store) {
        try {
            Optional<StoreContents> measured = admin.measure(store);
            if (measured.isEmpty()) {
                return new String[] {"-", "-", ""};
            }
            StoreContents contents = measured.get();
            return new String[] {Long.toString(contents.keys()), ShellText.bytes(contents.bytes()),
                    " (keys " + ShellText.bytes(contents.keyBytes()) + ", values "
                            + ShellText.bytes(contents.valueBytes()) + ")"};
        } catch (RuntimeException e) {
            return new String[] {"?", "?", " (" + e.getMessage() + ")"};
        }
    }

    private static String p99(Latencies latencies) {
        return latencies.timed() == 0 ? "-" : ShellText.duration(latencies.p99Nanos());
    }

    /** The percentiles of the latencies, or that none was timed; {@code window} says over how long. */
    static String latencies(Latencies latencies, String window) {
        if (latencies.timed() == 0) {
            return "none timed " + window;
        }
        return latencies.timed() + " timed " + window + ": p50 " + ShellText.duration(latencies.p50Nanos())
                + ", p90 " + ShellText.duration(latencies.p90Nanos()) + ", p99 "
                + ShellText.duration(latencies.p99Nanos()) + ", p99.9 " + ShellText.duration(latencies.p999Nanos())
                + ", max " + ShellText.duration(latencies.maxNanos());
    }
}
