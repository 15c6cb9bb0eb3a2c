package io.stowage.kernel.frontend;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;

/** stowage:stats as an operator reads it: one line per store and per configuration, or one store in detail. */
class StatsReportTest {

    @Test
    void oneLinePerStoreAndPerConfiguration() {
        try (KernelHarness harness = new KernelHarness()) {
            Store users = harness.namespace("app").store("users");
            users.put("user:1", "alice".getBytes(UTF_8));
            users.put("user:2", "bob".getBytes(UTF_8));
            users.get("user:1");
            users.get("user:9");
            harness.namespace("app").store("empty");
            String report = new StatsReport(harness.kernel).overview(harness.kernel.knownRoutes(),
                    List.of(new InstanceStatistics("default", "memory", "1.0.0", "serving", 0, "")));
            List<String> lines = report.lines().toList();

            assertTrue(lines.get(0).startsWith("STORE"), report);
            assertTrue(lines.get(0).contains("BYTES-READ") && lines.get(0).contains("READ-P99"), report);
            String row = lines.stream().filter(line -> line.startsWith("app/users ")).findFirst().orElseThrow();
            // keys, stored bytes, reads, misses, writes, deletes, listings, errors, bytes read, bytes written
            assertTrue(row.matches("app/users\\s+default\\s+2\\s+20 B\\s+2\\s+1\\s+2\\s+0\\s+0\\s+0\\s+11 B\\s+20 B\\s+"
                    + "\\S+s\\s+\\S+s"), row);
            String empty = lines.stream().filter(line -> line.startsWith("app/empty ")).findFirst().orElseThrow();
            assertTrue(empty.matches("app/empty\\s+default\\s+0\\s+0 B(\\s+0){6}\\s+0 B\\s+0 B\\s+-\\s+-"), empty);

            int backends = lines.indexOf(lines.stream().filter(line -> line.startsWith("BACKEND")).findFirst()
                    .orElseThrow());
            String backend = lines.get(backends + 1);
            // operations: 2 writes, 2 reads and the scan of each store that this report made; 2 stores
            assertTrue(backend.matches("default\\s+memory\\s+1\\.0\\.0\\s+serving\\s+6\\s+0\\s+11 B\\s+20 B\\s+"
                    + "\\S+s\\s+\\S+s\\s+2"), backend);
            assertTrue(lines.get(lines.size() - 1).contains("since the kernel started"), report);
        }
    }

    @Test
    void oneStoreInDetail() {
        try (KernelHarness harness = new KernelHarness()) {
            Store users = harness.namespace("app").store("users");
            users.put("user:1", "alice".getBytes(UTF_8));
            users.get("user:1");
            users.get("user:2");
            String detail = new StatsReport(harness.kernel).detail(harness.kernel.route("app", "users"));

            assertTrue(detail.contains("store          app/users"), detail);
            assertTrue(detail.contains("backend        default (memory 1.0.0)"), detail);
            assertTrue(detail.contains("keys           1"), detail);
            assertTrue(detail.contains("stored         11 B (keys 6 B, values 5 B)"), detail);
            assertTrue(detail.contains("reads          2 (1 missed)"), detail);
            assertTrue(detail.contains("bytes read     11 B"), detail);
            assertTrue(detail.matches("(?s).*read latency   2 timed in the last \\d+ s: p50 \\S+s, p90 \\S+s, p99 \\S+s, "
                    + "p99\\.9 \\S+s, max \\S+s.*"), detail);
            assertTrue(detail.contains("write latency  1 timed in the last"), detail);
        }
    }

    @Test
    void storesWithoutAServingInstanceShowNoKeys() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.namespace("app").store("users");
            harness.kernel.unbind("default");
            String report = new StatsReport(harness.kernel).overview(harness.kernel.knownRoutes(), List.of());
            assertTrue(report.lines().anyMatch(line -> line.matches("app/users\\s+default\\s+-\\s+-\\s+0.*")), report);
        }
    }

    @Test
    void figuresReadAsPeopleWriteThem() {
        assertEquals("0 B", StatsReport.bytes(0));
        assertEquals("1023 B", StatsReport.bytes(1023));
        assertEquals("1.0 KiB", StatsReport.bytes(1024));
        assertEquals("1.5 MiB", StatsReport.bytes(3 * 512 * 1024));
        assertEquals("412ns", StatsReport.duration(412));
        assertEquals("3.10us", StatsReport.duration(3_100));
        assertEquals("12.4ms", StatsReport.duration(12_400_000));
        assertEquals("250us", StatsReport.duration(250_000));
        assertEquals("2.00s", StatsReport.duration(2_000_000_000));
    }
}
