package io.stowage.kernel.frontend;

import java.util.List;
import java.util.Locale;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.metrics.LatencyDistribution;
import io.stowage.kernel.metrics.TrafficSnapshot;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.StoreRoute;

/**
 * The text of {@code stowage:stats}: a line per store and a line per backend configuration, or one store in detail.
 * Counts and bytes are since the kernel started; latencies are over the last one to two minutes.
 */
final class StatsReport {

    private static final String STORE_ROW = "%-32s %-10s %8s %9s %8s %8s %8s %8s %8s %8s %10s %13s %9s %9s%n";
    private static final String BACKEND_ROW = "%-12s %-8s %-10s %-9s %10s %8s %10s %13s %9s %9s %6s%n";
    private static final String[] BYTE_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private final Kernel kernel;

    StatsReport(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Every store given, then every backend configuration; each store's keys and bytes are counted by a scan. */
    String overview(List<StoreRoute> routes, List<InstanceStatistics> configurations) {
        StringBuilder out = new StringBuilder();
        if (routes.isEmpty()) {
            out.append("no store holds data or was used since the kernel started").append(System.lineSeparator());
        } else {
            out.append(String.format(STORE_ROW, "STORE", "BACKEND", "KEYS", "STORED", "READS", "MISSES", "WRITES",
                    "DELETES", "LISTINGS", "ERRORS", "BYTES-READ", "BYTES-WRITTEN", "READ-P99", "WRITE-P99"));
            for (StoreRoute route : routes) {
                TrafficSnapshot s = route.metrics.snapshot();
                String[] contents = contents(route);
                out.append(String.format(STORE_ROW, route.label, route.slot().configuration(), contents[0],
                        contents[1], s.reads(), s.misses(), s.writes(), s.deletes(), s.listings(), s.errors(),
                        bytes(s.bytesRead()), bytes(s.bytesWritten()), p99(s.readLatency()), p99(s.writeLatency())));
            }
        }
        if (!configurations.isEmpty()) {
            out.append(System.lineSeparator()).append(String.format(BACKEND_ROW, "BACKEND", "TYPE", "VERSION",
                    "STATE", "OPERATIONS", "ERRORS", "BYTES-READ", "BYTES-WRITTEN", "READ-P99", "WRITE-P99",
                    "STORES"));
            for (InstanceStatistics configuration : configurations) {
                String name = configuration.getConfiguration();
                TrafficSnapshot s = kernel.slot(name).snapshot();
                long stores = kernel.openedRoutes().stream()
                        .filter(route -> route.slot().configuration().equals(name)).count();
                out.append(String.format(BACKEND_ROW, name, configuration.getType(),
                        configuration.getVersion().isEmpty() ? "-" : configuration.getVersion(),
                        configuration.getState(), s.operations(), s.errors(), bytes(s.bytesRead()),
                        bytes(s.bytesWritten()), p99(s.readLatency()), p99(s.writeLatency()), stores));
            }
        }
        out.append(System.lineSeparator()).append("counts since the kernel started; P99: 99th percentile latency over "
                + "the last 1-2 minutes (stowage:stats <namespace/store> shows p50 to max)");
        return out.toString();
    }

    /** One store: what it holds (a scan), its counts and bytes, and its latency percentiles. */
    String detail(StoreRoute route) {
        TrafficSnapshot s = route.metrics.snapshot();
        BackendSlot slot = route.slot();
        BoundBackend bound = slot.current();
        String[] contents = contents(route);
        String window = "in the last " + (s.windowNanos() / 1_000_000_000L) + " s";
        String format = "%-14s %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "store", route.label));
        out.append(String.format(format, "backend", slot.configuration()
                + (bound == null ? " (no instance serves it now)" : " (" + bound.type() + " " + bound.version() + ")")));
        out.append(String.format(format, "keys", contents[0]));
        out.append(String.format(format, "stored", contents[1] + contents[2]));
        out.append(String.format(format, "reads", s.reads() + " (" + s.misses() + " missed)"));
        out.append(String.format(format, "writes", s.writes()));
        out.append(String.format(format, "deletes", s.deletes()));
        out.append(String.format(format, "listings", s.listings()));
        out.append(String.format(format, "errors", s.errors()));
        out.append(String.format(format, "bytes read", bytes(s.bytesRead())));
        out.append(String.format(format, "bytes written", bytes(s.bytesWritten())));
        out.append(String.format(format, "read latency", latencies(s.readLatency(), window)));
        out.append(String.format(format, "write latency", latencies(s.writeLatency(), window)));
        out.append("counts and bytes since the kernel started; keys and stored bytes counted by a scan now");
        return out.toString();
    }

    /** Keys, stored bytes, and the split of those bytes; "-" without an instance, "?" if the scan failed. */
    private String[] contents(StoreRoute route) {
        if (route.slot().current() == null) {
            return new String[] {"-", "-", ""};
        }
        try (KernelStore handle = kernel.open(route, null)) {
            StoreContents contents = StoreContents.of(handle);
            return new String[] {Long.toString(contents.getKeys()), bytes(contents.getBytes()),
                    " (keys " + bytes(contents.getKeyBytes()) + ", values " + bytes(contents.getValueBytes()) + ")"};
        } catch (RuntimeException e) {
            return new String[] {"?", "?", " (" + e.getMessage() + ")"};
        }
    }

    private static String p99(LatencyDistribution latencies) {
        return latencies.count() == 0 ? "-" : duration(latencies.valueAt(0.99));
    }

    private static String latencies(LatencyDistribution latencies, String window) {
        if (latencies.count() == 0) {
            return "none timed " + window;
        }
        return latencies.count() + " timed " + window + ": p50 " + duration(latencies.valueAt(0.50)) + ", p90 "
                + duration(latencies.valueAt(0.90)) + ", p99 " + duration(latencies.valueAt(0.99)) + ", p99.9 "
                + duration(latencies.valueAt(0.999)) + ", max " + duration(latencies.max());
    }

    /** Bytes in binary units with one decimal from 1 KiB on: 512 B, 1.5 KiB, 20.0 MiB. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
    }

    /** Nanoseconds with three significant digits in the largest unit below them: 412ns, 3.10us, 12.4ms, 2.00s. */
    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        double value = nanos / 1_000.0;
        String unit = "us";
        if (value >= 1_000) {
            value /= 1_000;
            unit = "ms";
        }
        if (value >= 1_000) {
            value /= 1_000;
            unit = "s";
        }
        String digits = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits, value) + unit;
    }
}
