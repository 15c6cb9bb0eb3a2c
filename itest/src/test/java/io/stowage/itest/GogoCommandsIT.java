package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;

import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;

/** The stowage: commands as an operator types them into Gogo. */
public class GogoCommandsIT extends FrameworkProbe {

    @Before
    public void defaultBackend() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.await("the default backend", 10_000, () -> command("stowage:backends").contains("serving"));
    }

    @Test
    public void putGetDeleteAndListFromTheShell() {
        assertEquals("stored user:1", command("stowage:put demo.app/users user:1 alice"));
        command("stowage:put demo.app/users user:2 bob");
        command("stowage:put demo.app/users config:x 1");
        assertEquals("alice", command("stowage:get demo.app/users user:1"));
        assertEquals("user:1\nuser:2", command("stowage:keys demo.app/users 'user:*'").replace("\r", ""));
        assertTrue(command("stowage:scan demo.app/users user:1 user:3").contains("user:2 = bob"));
        assertEquals("3", command("stowage:count demo.app/users"));
        assertTrue(command("stowage:stores").contains("demo.app/users"));
        assertTrue(command("stowage:namespaces").contains("demo.app"));
        assertTrue(command("stowage:extensions").contains("memory"));
        assertTrue(command("stowage:stats demo.app/users").contains("demo.app/users"));
        assertEquals("deleted user:1", command("stowage:delete demo.app/users user:1"));
        assertTrue(failure("stowage:get demo.app/users user:1").contains("absent"));
    }

    @Test
    public void watchPrintsChangesAsTheyComeAndSaysWhatItMissed() throws Exception {
        command("stowage:put demo.app/followed other 1");
        String[] watched = new String[1];
        Thread watch = new Thread(() -> watched[0] = command(
                "stowage:watch --values --count 2 demo.app/followed 'user:*'"), "stowage-watch");
        watch.start();
        // The watch sees changes from when its feed opens: write until it has printed two
        long deadline = System.currentTimeMillis() + 10_000;
        for (int i = 0; watch.isAlive() && System.currentTimeMillis() < deadline; i++) {
            command("stowage:put demo.app/followed other " + i);
            command("stowage:put demo.app/followed user:1 v" + i);
        }
        watch.join(10_000);
        String[] lines = String.valueOf(watched[0]).split("\\R");
        assertEquals(String.join("|", lines), 3, lines.length);
        assertTrue(lines[0], lines[0].matches("\\d+ PUT user:1 = v\\d+"));
        assertTrue(lines[1], lines[1].matches("\\d+ PUT user:1 = v\\d+"));
        assertTrue(lines[2], lines[2].matches("watched demo.app/followed \\(2 changes\\); --from \\d+ .*"));

        // Position 0 is older than any log of this run: a gap, said as such, and then quiet until the timeout
        String missed = command("stowage:watch --from 0 --timeout 200ms demo.app/followed");
        assertTrue(missed, missed.startsWith("missed the changes from position 0 to "));
        assertTrue(missed, missed.contains("read the store again (stowage:scan demo.app/followed)"));
        assertTrue(missed, missed.contains("watched demo.app/followed (no change for 200ms)"));
        assertTrue(failure("stowage:watch --count none demo.app/followed").contains("--count"));
    }

    @Test
    public void ttlFromTheShellExpires() throws Exception {
        long put = System.nanoTime();
        command("stowage:put --ttl 1500ms demo.app/ttl session:1 token");
        assertTrue(command("stowage:ttl demo.app/ttl session:1").startsWith("expires in"));
        StowageFramework.await("session:1 to expire", 10_000,
                () -> command("stowage:ttl demo.app/ttl session:1").equals("absent"));
        long lived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - put);
        // Not before its time (the kernel's clock counts whole milliseconds)
        assertTrue("expired after " + lived + " ms", lived >= 1_490);
    }

    @Test
    public void aWrongCommandLineGetsThatCommandsUsage() {
        String few = failure("stowage:put demo.app/bad k");
        assertTrue(few, few.startsWith("stowage:put takes 3 arguments (<namespace/store> <key> <value>), got 2"));
        assertTrue(few, few.contains("usage: stowage:put [-t|--ttl <duration>] <namespace/store> <key> <value>"));
        String extra = failure("stowage:routes extra");
        assertTrue(extra, extra.startsWith("stowage:routes takes no argument, got 1"));
        String unknown = failure("stowage:keys --tll 5 demo.app/bad x");
        assertTrue(unknown, unknown.startsWith("unknown option --tll"));
        assertTrue(command("stowage:put --help").contains("-t, --ttl <duration>"));
        String help = command("help stowage:put");
        assertTrue(help, help.contains("--ttl") && help.contains("<namespace/store> <key> <value>"));
    }

    @Test
    public void badInputIsAClearFailure() {
        command("stowage:put demo.app/bad k v");
        assertTrue(failure("stowage:get no.such/store k").contains("unknown store no.such/store"));
        assertTrue(failure("stowage:put --ttl 0s demo.app/bad k v").contains("must be positive"));
        assertTrue(failure("stowage:put --ttl soon demo.app/bad k v").contains("'soon'"));
        assertTrue(failure("stowage:keys demo.app/bad 'abc\\'").contains("escape"));
        assertTrue(failure("stowage:put demo.app/bad! k v").contains("malformed"));
        assertTrue(failure("stowage:put nostore k v").contains("namespace/store"));
        assertEquals("v", command("stowage:get demo.app/bad k"));
    }

    @Test
    public void backupAndRestoreFromTheShell() throws Exception {
        command("stowage:put demo.app/saved a 1");
        command("stowage:put --ttl 10m demo.app/saved b 2");
        java.nio.file.Path dump = java.nio.file.Files.createTempDirectory("stowage-backup").resolve("saved.dump");
        assertTrue(command("stowage:backup " + dump + " demo.app/saved").startsWith("backed up 2 entries of 1 store(s)"));
        command("stowage:put demo.app/saved a changed");
        assertTrue(failure("stowage:restore " + dump).contains("demo.app/saved (2 keys) already holds keys"));
        assertTrue(command("stowage:restore --merge " + dump).startsWith("restored 2 entries into 1 store(s)"));
        assertEquals("1", command("stowage:get demo.app/saved a"));
        assertTrue(command("stowage:ttl demo.app/saved b").startsWith("expires in"));
        assertTrue(failure("stowage:restore -m -r " + dump).contains("exclude each other"));
        assertTrue(failure("stowage:hotcopy default " + dump.resolveSibling("copy")).contains("cannot copy its files"));
        assertTrue(failure("stowage:hotcopy nosuch /tmp/x").contains("no backend configuration 'nosuch'"));
    }

    /** The same counters as stowage:stats, for JMX tools: the kernel's MXBean on the platform MBean server. */
    @Test
    public void theKernelShowsItsStoresOverJmx() throws Exception {
        command("stowage:put demo.app/watched k v");
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName kernel = new javax.management.ObjectName("io.stowage:type=Kernel");
        javax.management.openmbean.CompositeData[] stores =
                (javax.management.openmbean.CompositeData[]) server.getAttribute(kernel, "Stores");
        assertTrue(java.util.Arrays.stream(stores).anyMatch(row -> row.get("store").equals("demo.app/watched")
                && (Long) row.get("writes") == 1L));
        javax.management.openmbean.CompositeData[] backends =
                (javax.management.openmbean.CompositeData[]) server.getAttribute(kernel, "BackendInstances");
        assertTrue(java.util.Arrays.stream(backends).anyMatch(row -> row.get("configuration").equals("default")
                && row.get("state").equals("serving") && row.get("type").equals("memory")));
        // One MBean per store and per backend configuration beside it (MetricsMBeansIT follows their figures)
        javax.management.ObjectName store = new javax.management.ObjectName(
                "io.stowage:type=Store,namespace=demo.app,name=watched");
        assertEquals(1L, server.getAttribute(store, "Writes"));
        assertEquals(2L, server.getAttribute(store, "BytesWritten"));
        assertEquals("serving", server.getAttribute(
                new javax.management.ObjectName("io.stowage:type=Backend,name=default"), "State"));
    }

    /** stowage:stats: a line per store with its keys, bytes and p99 latencies, a line per configuration. */
    @Test
    public void statsShowKeysBytesLatenciesAndEachBackendConfiguration() {
        command("stowage:put demo.app/measured a 12345");
        command("stowage:put demo.app/measured b 1");
        assertEquals("12345", command("stowage:get demo.app/measured a"));

        java.util.List<String> lines = command("stowage:stats").lines().toList();
        String row = lines.stream().filter(line -> line.startsWith("demo.app/measured ")).findFirst()
                .orElseThrow(() -> new AssertionError(lines));
        // keys, stored bytes, reads, misses, writes, deletes, listings, errors, bytes read and written, p99s,
        // transaction commits and conflicts
        assertTrue(row, row.matches("demo\\.app/measured\\s+default\\s+2\\s+8 B\\s+1\\s+0\\s+2\\s+0\\s+0\\s+0"
                + "\\s+6 B\\s+8 B\\s+[0-9.]+(ns|us|ms)\\s+[0-9.]+(ns|us|ms)\\s+0\\s+0"));
        assertTrue(lines.toString(), lines.stream().anyMatch(line -> line.startsWith("BACKEND ")));
        assertTrue(lines.toString(), lines.stream().anyMatch(line -> line.matches("default\\s+memory\\s+\\S+\\s+"
                + "serving\\s+\\d+.*")));

        String detail = command("stowage:stats demo.app/measured");
        assertTrue(detail, detail.contains("stored         8 B (keys 2 B, values 6 B)"));
        assertTrue(detail, detail.contains("bytes read     6 B"));
        assertTrue(detail, detail.matches("(?s).*read latency   1 timed in the last \\d+ s: p50 .*, max .*"));
        assertTrue(detail, detail.matches("(?s).*write latency  2 timed in the last \\d+ s: p50 .*"));
    }

    /** The kernel's Felix Health Check: one line per backend configuration, OK while the default one serves. */
    @Test
    public void theBackendsHealthCheckSaysTheDefaultBackendIsUp() throws Exception {
        org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(getClass())
                .getBundleContext();
        var references = context.getServiceReferences(org.apache.felix.hc.api.HealthCheck.class,
                "(hc.name=Stowage backends)");
        assertEquals(1, references.size());
        org.apache.felix.hc.api.HealthCheck check = context.getService(references.iterator().next());
        try {
            org.apache.felix.hc.api.Result result = check.execute();
            assertEquals(result.toString(), org.apache.felix.hc.api.Result.Status.OK, result.getStatus());
            assertTrue(result.toString(), result.toString().contains("'default' (memory): up, serving on memory"));
        } finally {
            context.ungetService(references.iterator().next());
        }
    }

    /** What the object stores of these tests hold: a record, which the typed-data API writes as JSON. */
    public record Shelf(String name) {
    }

    /** stowage:gc collects, for real, what no root reaches in an object store written through the typed-data API. */
    @Test
    public void gcCollectsAnObjectStoreWrittenThroughTheTypedApi() throws Exception {
        ObjectStore objects = ObjectStores.over(storage().store("objects"));
        objects.inSession(session -> {
            session.setRoot("kept", new Shelf("kept"));
            session.setRoot("dropped", new Shelf("dropped"));
        });
        objects.inSession(session -> session.removeRoot("dropped"));
        String label = context.getBundle().getSymbolicName() + "/objects";
        assertEquals(2, command("stowage:keys " + label + " 'obj:*'").lines().count());

        String printed = command("stowage:gc --page-size 2 " + label);
        assertTrue(printed, printed.matches("collected 1 object\\(s\\) of " + Pattern.quote(label)
                + " in \\d+ ms; 1 reachable from 1 root\\(s\\)"));
        assertEquals(1, command("stowage:keys " + label + " 'obj:*'").lines().count());
        assertTrue(command("stowage:gc " + label).startsWith("collected 0 object(s) of " + label));

        command("stowage:put demo.app/plain k v");
        assertEquals("store demo.app/plain is not an object store: it has no key 'meta:objects', which an object "
                + "session's first commit writes", failure("stowage:gc demo.app/plain"));
        assertTrue(failure("stowage:gc no.such/store").startsWith("unknown store no.such/store"));
        assertEquals("--page-size '0' is not a page size: use a whole number from 1",
                failure("stowage:gc -p 0 " + label));
        assertTrue(failure("stowage:gc").startsWith("stowage:gc takes 1 argument (<namespace/store>), got 0"));
        assertTrue(command("stowage:gc --help").contains("-p, --page-size <count>"));
        assertEquals(1, java.util.Arrays.stream(context.getAllServiceReferences(null, "(osgi.command.function=gc)"))
                .count());
    }

    @Test
    public void everyCommandHasADescriptionInHelp() {
        String overview = command("stowage:commands");
        for (String function : new String[] {"commands", "extensions", "backends", "routes", "namespaces", "stores", "get", "put",
                "delete", "ttl", "keys", "scan", "count", "clear", "stats", "sweep", "gc", "rewrite", "backup",
                "restore", "hotcopy"}) {
            String help = command("help stowage:" + function);
            assertTrue(function + ": " + help, help.contains(function + " - "));
            assertFalse(function + ": " + help, help.contains(" - null"));
            assertTrue(overview, overview.lines().anyMatch(line -> line.startsWith("stowage:" + function + " ")
                    && line.length() > 30));
        }
    }
}
