package io.stowage.shell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.stowage.admin.CacheStatistics;
import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ConfigurationStatistics;
import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.IndexStatistics;
import io.stowage.admin.InstanceState;
import io.stowage.admin.Latencies;
import io.stowage.admin.StoreContents;
import io.stowage.admin.StoreId;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.Traffic;
import io.stowage.admin.TransactionCounts;
import io.stowage.admin.TransformCounts;
import io.stowage.spi.Capability;

/** stowage:stats as an operator reads it: one line per store and per configuration, or one store in detail. */
class StatsReportTest {

    private static final StoreId USERS = new StoreId("app", "users");
    private static final StoreId EMPTY = new StoreId("app", "empty");
    private static final Latencies NONE = new Latencies(0, 0, 0, 0, 0, 0);
    private static final Latencies SOME = new Latencies(2, 1_500, 3_100, 12_400, 250_000, 2_000_000);
    private static final Traffic USERS_TRAFFIC = new Traffic(2, 1, 2, 0, 0, 0, 11, 20, SOME, SOME,
            Duration.ofSeconds(75));
    private static final TransactionCounts USERS_TRANSACTIONS = new TransactionCounts(7, 3, 2);
    /** 10 values, 40 KiB compressed to 10 KiB in 31 us; 4 values of 1 KiB decoded to 4 KiB each in 8 us. */
    private static final TransformCounts USERS_TRANSFORMS = new TransformCounts(10, 2, 40_960, 10_240, 31_000, 4,
            4_096, 16_384, 8_000);
    private static final Traffic QUIET = new Traffic(0, 0, 0, 0, 0, 0, 0, 0, NONE, NONE, Duration.ofSeconds(75));
    private static final ConfigurationInfo DEFAULT = new ConfigurationInfo("default", "memory", "[1.0.0,2.0.0)",
            InstanceState.SERVING, "", "", "1.0.0", List.of(Capability.ORDERED_SCAN), 0);

    private static AnsweringAdmin admin() {
        return new AnsweringAdmin()
                .answer("storeStatistics", args -> args == null
                        ? List.of(new StoreStatistics(EMPTY, "default", QUIET),
                                new StoreStatistics(USERS, "default", USERS_TRAFFIC, USERS_TRANSACTIONS,
                                        USERS_TRANSFORMS))
                        : new StoreStatistics((StoreId) args[0], "default",
                                args[0].equals(USERS) ? USERS_TRAFFIC : QUIET,
                                args[0].equals(USERS) ? USERS_TRANSACTIONS : TransactionCounts.NONE,
                                args[0].equals(USERS) ? USERS_TRANSFORMS : TransformCounts.NONE))
                .answer("measure", args -> Optional.of(args[0].equals(USERS) ? new StoreContents(2, 12, 8)
                        : new StoreContents(0, 0, 0)))
                .answer("cacheStatistics", args -> List.of())
                .answer("indexStatistics", args -> List.of())
                .answer("indexes", args -> List.of())
                .answer("configurations", args -> List.of(DEFAULT))
                .answer("configuration", args -> Optional.of(DEFAULT))
                .answer("configurationStatistics", args -> new ConfigurationStatistics("default", new Traffic(2, 1,
                        2, 0, 2, 0, 11, 20, SOME, SOME, Duration.ofSeconds(75)), List.of(EMPTY, USERS)));
    }

    @Test
    void oneLinePerStoreAndPerConfiguration() {
        String report = new StatsReport(admin().admin()).overview();
        List<String> lines = report.lines().toList();

        assertTrue(lines.get(0).startsWith("STORE"), report);
        assertTrue(lines.get(0).contains("BYTES-READ") && lines.get(0).contains("READ-P99"), report);
        String row = lines.stream().filter(line -> line.startsWith("app/users ")).findFirst().orElseThrow();
        // keys, stored bytes, reads, misses, writes, deletes, listings, errors, bytes read, bytes written, p99s
        assertTrue(row.matches("app/users\\s+default\\s+2\\s+20 B\\s+2\\s+1\\s+2\\s+0\\s+0\\s+0\\s+11 B\\s+20 B\\s+"
                + "12.4us\\s+12.4us\\s+7\\s+3"), row);
        String empty = lines.stream().filter(line -> line.startsWith("app/empty ")).findFirst().orElseThrow();
        assertTrue(empty.matches("app/empty\\s+default\\s+0\\s+0 B(\\s+0){6}\\s+0 B\\s+0 B\\s+-\\s+-\\s+0\\s+0"), empty);

        int backends = lines.indexOf(lines.stream().filter(line -> line.startsWith("BACKEND")).findFirst()
                .orElseThrow());
        String backend = lines.get(backends + 1);
        assertTrue(backend.matches("default\\s+memory\\s+1\\.0\\.0\\s+serving\\s+6\\s+0\\s+11 B\\s+20 B\\s+"
                + "12.4us\\s+12.4us\\s+2"), backend);
        assertTrue(lines.get(lines.size() - 1).contains("since the kernel started"), report);
    }

    @Test
    void oneStoreInDetail() {
        String detail = new StatsReport(admin().admin()).detail(USERS);

        assertTrue(detail.contains("store          app/users"), detail);
        assertTrue(detail.contains("backend        default (memory 1.0.0)"), detail);
        assertTrue(detail.contains("keys           2"), detail);
        assertTrue(detail.contains("stored         20 B (keys 12 B, values 8 B)"), detail);
        assertTrue(detail.contains("reads          2 (1 missed)"), detail);
        assertTrue(detail.contains("bytes read     11 B"), detail);
        assertTrue(detail.contains("transactions   7 committed, 3 conflicts, 2 retried"), detail);
        assertTrue(detail.contains("read latency   2 timed in the last 75 s: p50 1.50us, p90 3.10us, p99 12.4us, "
                + "p99.9 250us, max 2.00ms"), detail);
    }

    @Test
    void storesWhoseValuesWentThroughTransformsGetALineOfTransformFigures() {
        String report = new StatsReport(admin().admin()).overview();
        List<String> lines = report.lines().toList();

        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith("STORE ") && line.contains("RATIO"))
                .findFirst().orElseThrow(() -> new AssertionError(report)));
        assertTrue(lines.get(header).matches("STORE\\s+ENCODED\\s+PLAIN\\s+BYTES-BEFORE\\s+BYTES-AFTER\\s+RATIO\\s+"
                + "ENCODE/VALUE\\s+DECODED\\s+DECODE/VALUE"), lines.get(header));
        // encoded, stored plain, bytes before and after, ratio, mean encode time, decoded, mean decode time
        String row = lines.get(header + 1);
        assertTrue(row.matches("app/users\\s+10\\s+2\\s+40.0 KiB\\s+10.0 KiB\\s+0.25\\s+3.10us\\s+4\\s+2.00us"), row);
        assertTrue(lines.get(header + 2).isEmpty(), "app/empty went through no transform: " + report);
        assertTrue(lines.get(lines.size() - 1).contains("RATIO: bytes stored / bytes written through the transforms"),
                report);

        String detail = new StatsReport(admin().admin()).detail(USERS);
        assertTrue(detail.contains("encoded        10 values, 40.0 KiB -> 10.0 KiB (ratio 0.25), 2 stored plain, "
                + "3.10us per value"), detail);
        assertTrue(detail.contains("decoded        4 values, 4.0 KiB -> 16.0 KiB, 2.00us per value"), detail);
    }

    @Test
    void aStoresDetailShowsABlockPerIndexThatAnswersLookups() {
        AnsweringAdmin admin = admin()
                .answer("indexes", args -> List.of(
                        new IndexInfo(EMPTY, "by-email", "json(pointer=/mail)", false, IndexState.READY, 0, 0, ""),
                        new IndexInfo(USERS, "by-email", "json(pointer=/email)", true, IndexState.READY, 2, 2, ""),
                        new IndexInfo(USERS, "by-email", "json(pointer=/mail)", true, IndexState.REPLACING, 1, -1, ""),
                        new IndexInfo(USERS, "by-city", "json(pointer=/city)", false, IndexState.BUILDING, 1, -1, ""),
                        new IndexInfo(EMPTY, "by-city", "json(pointer=/town)", false, IndexState.READY, 0, 0, "")))
                .answer("indexStatistics", args -> List.of(
                        new IndexStatistics(USERS, "by-email", IndexState.READY, 2, Duration.ofMillis(15), 3, SOME,
                                Duration.ofSeconds(75), 4, 1, 1),
                        new IndexStatistics(USERS, "by-city", IndexState.BUILDING, 1, Duration.ofMillis(2), 0, NONE,
                                Duration.ofSeconds(75), 0, 0, 0)));
        List<String> lines = new StatsReport(admin.admin()).detail(USERS).lines().toList();

        int email = lines.indexOf("index by-email json(pointer=/email), unique: ready, 2 entries; build went through 2 "
                + "keys in 15.0ms");
        assertTrue(email > 0, String.join("\n", lines));
        assertEquals(List.of(
                "  lookups      3; 2 timed in the last 75 s: p50 1.50us, p90 3.10us, p99 12.4us, p99.9 250us, max 2.00ms",
                "  entries      4 written, 1 removed by writes",
                "  refused      1 write for giving an index key to a second key",
                "index by-city  json(pointer=/city): building, entries counted once built; build went through 1 key "
                        + "in 2.00ms",
                "  lookups      0; none timed in the last 75 s",
                "  entries      0 written, 0 removed by writes"), lines.subList(email + 1, email + 7));
        assertTrue(lines.get(email + 7).startsWith("counts and bytes since the kernel started"), lines.toString());
    }

    @Test
    void aStoreThatAJCacheCacheRunsOverGetsTheCachesFigures() {
        AnsweringAdmin admin = admin().answer("cacheStatistics", args -> List.of(new CacheStatistics(USERS, "users",
                "stowage:bundle:app", true, 7, 3, 10, 5, 1, 0, 12.5f, 30f, 0f)));
        String report = new StatsReport(admin.admin()).overview();
        List<String> lines = report.lines().toList();

        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith("JCACHE ")).findFirst()
                .orElseThrow(() -> new AssertionError(report)));
        assertTrue(lines.get(header).matches("JCACHE\\s+STORE\\s+HITS\\s+MISSES\\s+GETS\\s+PUTS\\s+REMOVALS\\s+"
                + "EVICTIONS\\s+AVG-GET\\s+AVG-PUT\\s+AVG-REMOVE\\s+STATISTICS"), lines.get(header));
        // hits, misses, gets, puts, removals, evictions, mean get, put and remove times (none timed: -)
        String row = lines.get(header + 1);
        assertTrue(row.matches("users\\s+app/users\\s+7\\s+3\\s+10\\s+5\\s+1\\s+0\\s+12.5us\\s+30.0us\\s+-\\s+on"),
                row);
        assertTrue(lines.get(lines.size() - 1).contains("JCACHE: caches over the stores"), report);

        String detail = new StatsReport(admin.admin()).detail(USERS);
        assertTrue(detail.contains("jcache         users of cache manager stowage:bundle:app"), detail);
        assertTrue(detail.contains("cache gets     10 (7 hits, 3 misses), mean 12.5us"), detail);
        assertTrue(detail.contains("cache puts     5, mean 30.0us"), detail);
        assertTrue(detail.contains("cache removals 1, mean -"), detail);
        assertFalse(new StatsReport(admin.admin()).detail(EMPTY).contains("jcache"), "app/empty is no cache");
    }

    @Test
    void storesWithoutTransformTrafficShowNoTransformFigures() {
        AnsweringAdmin admin = admin().answer("storeStatistics", args -> args == null
                ? List.of(new StoreStatistics(USERS, "default", USERS_TRAFFIC, USERS_TRANSACTIONS))
                : new StoreStatistics(USERS, "default", USERS_TRAFFIC, USERS_TRANSACTIONS));
        String report = new StatsReport(admin.admin()).overview();
        assertFalse(report.contains("ENCODE/VALUE") || report.contains("RATIO:"), report);
        String detail = new StatsReport(admin.admin()).detail(USERS);
        assertFalse(detail.contains("encoded") || detail.contains("decoded"), detail);
    }

    @Test
    void storesWithoutAServingInstanceShowNoKeys() {
        AnsweringAdmin admin = admin().answer("measure", args -> Optional.empty())
                .answer("configuration", args -> Optional.empty()).answer("configurations", args -> List.of());
        String report = new StatsReport(admin.admin()).overview();
        assertTrue(report.lines().anyMatch(line -> line.matches("app/users\\s+default\\s+-\\s+-\\s+2.*")), report);
        assertTrue(new StatsReport(admin.admin()).detail(USERS).contains("default (no instance serves it now)"));
    }

    @Test
    void aFailedScanShowsWhy() {
        AnsweringAdmin admin = admin().answer("measure", args -> {
            throw new IllegalStateException("backend gone");
        });
        String detail = new StatsReport(admin.admin()).detail(USERS);
        assertTrue(detail.contains("stored         ? (backend gone)"), detail);
    }
}
