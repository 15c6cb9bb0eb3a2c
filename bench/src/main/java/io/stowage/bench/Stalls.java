package io.stowage.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;

import com.sun.management.GarbageCollectionNotificationInfo;

import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * What callers feel while a backend is replaced live: two client threads keep working on a memory store and an LMDB
 * store while each backend bundle is (a) updated in place and (b) switched make-before-break (a new version
 * installed beside it takes its configuration). Per backend and case it prints the failed operations, the longest
 * operation (the stall) and the p99 latency of the operations that started in the window, and where the stall went:
 * the kernel's, the backend's and the framework's log lines about it, each at its offset from the change.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.stowage.bench.Stalls <distribution bundle folder> [entries]}
 * ({@code bench/run.sh stalls} does this).
 */
public final class Stalls {

    private static final int MEMORY = 0;
    private static final int LMDB = 1;
    /** How long after the change the window stays open: operations that were held up all complete within it. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private Stalls() {
    }

    public static void main(String[] args) throws Exception {
        Path bundles = Path.of(args.length > 0 ? args[0] : "distribution/target/stowage/bundle");
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<String> lines = new ArrayList<>();
        GcPauses.listen();
        try (StallRuntime runtime = StallRuntime.start(bundles)) {
            StorageService storage = runtime.storage();
            Store cache = storage.store("cache");
            Store durable = storage.store("durable");
            LoadClients.fill(cache, entries);
            LoadClients.fill(durable, entries);
            try (LoadClients load = new LoadClients(List.of(cache, durable), entries, 2)) {
                load.start();
                Thread.sleep(2_000);
                lines.addAll(update(runtime, load, "memory", MEMORY, "io.stowage.storage.memory", "1.1.0"));
                lines.addAll(update(runtime, load, "lmdb", LMDB, "io.stowage.storage.lmdb", "1.1.0"));
                lines.add(switchBeside(runtime, load, "memory", MEMORY, "io.stowage.storage.memory", "1.2.0"));
                lines.add(switchBeside(runtime, load, "lmdb", LMDB, "io.stowage.storage.lmdb", "1.2.0"));
            }
        }
        System.out.println();
        System.out.println("entries=" + entries + " per store, 2 client threads on both stores");
        lines.forEach(System.out::println);
    }

    /**
     * (a) update of the bundle to a new build at a higher version. A volatile backend's line is followed by one for
     * the same update with its window stretched until the entries handed over are loaded in the background: the
     * load builds the new instance's table, a young collection copies it, and that pause is the update's too (waiting
     * for it also keeps it out of the next case's window).
     */
    private static List<String> update(StallRuntime runtime, LoadClients load, String backend, int store,
            String bundleName, String version) throws Exception {
        Bundle bundle = runtime.bundle(bundleName);
        InputStream jar = StallRuntime.atVersion(bundle, version);
        long wallStart = System.currentTimeMillis();
        long start = System.nanoTime();
        bundle.update(jar);
        long end = awaitServed(load, store);
        String breakdown = kernelLines(runtime, wallStart, backend);
        String updated = line("stall." + backend + ".update", load.window(store, start, end), start, end, breakdown);
        if (!breakdown.contains("load in the background")) {
            return List.of(updated);
        }
        awaitLog(runtime, wallStart, "handed over are loaded");
        long loaded = awaitServed(load, store);
        // Only the load's line: the update's own breakdown is on the line before
        String loadLine = kernelLines(runtime, wallStart, backend)
                .replaceAll("^.*?(?=\\+[0-9]+ms [^;]*are loaded)", "");
        return List.of(updated, line("stall." + backend + ".update-through-load", load.window(store, start, loaded),
                start, loaded, loadLine));
    }

    /** (b) make before break: a new version installed beside the serving one takes its configuration. */
    private static String switchBeside(StallRuntime runtime, LoadClients load, String backend, int store,
            String bundleName, String version) throws Exception {
        Bundle current = runtime.bundle(bundleName);
        Bundle beside = runtime.context().installBundle("stall:" + bundleName + ":" + version,
                StallRuntime.atVersion(current, version));
        // Resolved before the clock runs: the switch is what is measured, not the resolver
        runtime.context().getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(beside));
        long wallStart = System.currentTimeMillis();
        long start = System.nanoTime();
        beside.start();
        // A live switch keeps serving while it copies: the window must reach past the moment it switches
        awaitLog(runtime, wallStart, " to " + backend + " " + version, "is served by " + backend + " " + version);
        long end = awaitServed(load, store);
        String result = line("stall." + backend + ".switch", load.window(store, start, end), start, end,
                kernelLines(runtime, wallStart, backend));
        current.uninstall();
        return result;
    }

    /** Waits up to a minute for a log line, since the time, that contains any of the texts. */
    private static void awaitLog(StallRuntime runtime, long wallStart, String... texts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (StallRuntime.LogLine line : runtime.logSince(wallStart)) {
                for (String text : texts) {
                    if (line.message().contains(text)) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the store served 200 more operations, then a settle period; returns the window's end. */
    private static long awaitServed(LoadClients load, int store) throws InterruptedException {
        long target = load.operations(store) + 200;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (load.operations(store) < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SETTLE_NANOS));
        return System.nanoTime();
    }

    /** The kernel's and the backend's log lines since the change, each at its offset in milliseconds. */
    private static String kernelLines(StallRuntime runtime, long wallStart, String backend) throws Exception {
        List<String> parts = new ArrayList<>();
        for (StallRuntime.LogLine line : runtime.logSince(wallStart)) {
            boolean ours = line.bundle().startsWith("io.stowage.kernel") || line.bundle().contains(backend);
            if (ours && !line.message().startsWith("ServiceEvent")) {
                parts.add("+" + (line.millis() - wallStart) + "ms " + line.message());
            }
        }
        return String.join("; ", parts);
    }

    private static String line(String name, LoadClients.Window window, long start, long end, String breakdown) {
        return String.format(Locale.ROOT, "%s: failed=%d longest=%.1fms (from +%.0fms) p99=%.2fms ops=%d%s %s | %s",
                name, window.failures(), window.longestMillis(), window.longestOffsetMillis(), window.p99Millis(),
                window.latencies().length,
                window.firstFailure() == null ? "" : " first-failure=" + window.firstFailure(),
                GcPauses.during(start, end), breakdown);
    }

    /**
     * The JVM's garbage collections, as its collectors report them: a stall as long as a pause here is the
     * collector's, not the kernel's (these 2-core machines are shared, and a live update allocates).
     */
    static final class GcPauses {

        private record Pause(long endNanos, long millis, String cause) {
        }

        private static final List<Pause> PAUSES = new CopyOnWriteArrayList<>();

        static void listen() {
            for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    var info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData());
                    PAUSES.add(new Pause(System.nanoTime(), info.getGcInfo().getDuration(),
                            info.getGcName() + "/" + info.getGcCause()));
                }, notification -> notification.getType().equals(
                        GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
            }
        }

        /**
         * Collections that ended in the window: how many, the longest (with its collector and cause), the sum, and
         * each of 10 ms or more as its duration from its start's offset from the change.
         */
        static String during(long start, long end) {
            List<Pause> inWindow = PAUSES.stream().filter(p -> p.endNanos() >= start && p.endNanos() < end).toList();
            Pause longest = inWindow.stream().max(Comparator.comparingLong(Pause::millis)).orElse(null);
            List<String> long10 = inWindow.stream().filter(p -> p.millis() >= 10)
                    .map(p -> (TimeUnit.NANOSECONDS.toMillis(p.endNanos() - start) - p.millis()) + "ms+" + p.millis()
                            + "ms").toList();
            return String.format(Locale.ROOT, "gc=[%d collections, longest %dms%s, total %dms, at %s]",
                    inWindow.size(), longest == null ? 0 : longest.millis(),
                    longest == null ? "" : " " + longest.cause(), inWindow.stream().mapToLong(Pause::millis).sum(),
                    long10);
        }
    }
}
