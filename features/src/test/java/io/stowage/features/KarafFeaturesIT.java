package io.stowage.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.storage.redis.testing.RedisServer;

/**
 * The features repository in a real Apache Karaf 4.4, used as an operator would: add the repository, install each
 * feature, work with stores from the Karaf shell, change configurations live, update a backend bundle, check the
 * command ACL, uninstall everything and find the durable stores' data again. One Karaf for the class; the methods
 * run in order, each building on the state the previous ones left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafFeaturesIT {

    private static final String VERSION = System.getProperty("stowage.version");

    @TempDir
    static Path temp;

    private static KarafInstance karaf;
    private static RedisServer redis;

    @BeforeAll
    static void bootKaraf() throws Exception {
        redis = RedisServer.start(temp.resolve("redis"));
        karaf = KarafInstance.ofThisBuild(temp.resolve("karaf"));
        karaf.start();
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        try {
            if (karaf != null) {
                karaf.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    @Order(1)
    void theLmdbFeatureBringsTheCoreAndADurableDefaultBackend() throws Exception {
        karaf.admin("feature:repo-add " + System.getProperty("stowage.features.url"));
        assertTrue(karaf.admin("feature:list | grep stowage").contains("stowage-redis"));
        karaf.admin("feature:install stowage-lmdb");

        assertTrue(karaf.admin("stowage:backends").matches("(?s).*default\\s+lmdb.*serving on lmdb.*"));
        karaf.admin("stowage:put demo/users user:1 alice", "stowage:put demo/users user:2 bob",
                "stowage:put demo/users config:a x", "stowage:put --ttl 1h demo/sessions s:1 token");
        assertEquals("alice", karaf.admin("stowage:get demo/users user:1").strip());
        assertEquals(List.of("user:1", "user:2"), karaf.admin("stowage:keys demo/users 'user:*'").strip().lines()
                .toList());
        assertTrue(karaf.admin("stowage:ttl demo/sessions s:1").startsWith("expires in"));
        // Relative LMDB paths live in Karaf's data folder, and the feature's configuration is in etc/ for editing
        assertTrue(Files.exists(karaf.home().resolve("data/stowage/lmdb/default/data.mdb")));
        assertTrue(Files.exists(karaf.etc().resolve("io.stowage.lmdb-default.cfg")));
        assertTrue(Files.exists(karaf.etc().resolve("io.stowage.kernel.cfg")));
        // Metatype, as Karaf's config: commands show it
        assertTrue(karaf.admin("config:meta io.stowage.kernel").contains("defaultBackend"));
        assertTrue(karaf.admin("config:meta io.stowage.lmdb").contains("syncMode"));
        assertTrue(karaf.admin("config:meta io.stowage.store").contains("backend"));
    }

    @Test
    @Order(2)
    void theCommandsWaitForEtcAndShowTheirHelpAndCompleteAsKarafsOwnDo() throws Exception {
        assertTrue(karaf.admin("stowage:ready").matches("(?s)ready: \\d+ configuration files applied; default serving on lmdb.*"));

        // --help works wherever a command runs, here in a bin/client batch
        String help = karaf.admin("stowage:put --help");
        for (String part : new String[] {"SYNTAX", "stowage:put [options] namespace/store key value", "-t, --ttl",
                "time to live, e.g. 30s", "namespace/store", "value (UTF-8 text)"}) {
            assertTrue(help.contains(part), part + " in:" + System.lineSeparator() + help);
        }
        try (KarafConsole console = karaf.console(KarafInstance.ADMIN)) {
            // Karaf's help command prints in the interactive console (a batch's help prints nothing, for Karaf's own
            // commands too)
            int mark = console.mark();
            console.type("help stowage:put\r");
            String shown = console.awaitSince(mark, text -> text.contains("Display this help message"));
            assertTrue(shown.contains("-t, --ttl") && shown.contains("the store, as namespace/store"), shown);

            // Tab completes a store the operator API knows, and the command runs on the completed line
            mark = console.mark();
            console.type("stowage:get demo/us\t");
            console.awaitSince(mark, text -> text.contains("demo/users"));
            console.type("user:1\r");
            console.awaitSince(mark, text -> text.lines().anyMatch(line -> line.strip().equals("alice")));

            // and lists the keys of the store typed before the key, then completes the one a prefix picks
            mark = console.mark();
            console.type("stowage:get demo/users \t");
            console.awaitSince(mark, text -> text.contains("config:a") && text.contains("user:1") && text.contains("user:2"));
            console.type("c\t\r");
            console.awaitSince(mark, text -> text.lines().anyMatch(line -> line.strip().equals("x")));
        }
    }

    @Test
    @Order(3)
    void scriptsAndPipesGetWhatTheCommandsPrint() throws Exception {
        // Gogo gives (command) the text a command printed when it returns nothing, as the stowage: commands do
        String script = karaf.admin("user = (stowage:get demo/users user:1)", "echo \"user is [$user]\"",
                "keys = (stowage:count demo/users)", "echo \"keys are [$keys]\"");
        assertEquals(List.of("user is [alice]", "keys are [3]"), script.strip().lines().toList());
        assertEquals(List.of("user:2"), karaf.admin("stowage:keys demo/users 'user:*' | grep 2").strip().lines()
                .toList());

        // docs/karaf.md's script, through bin/client itself as the page runs it
        String page = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("docs/karaf.md"));
        String opening = "bin/client -u karaf -p karaf -b <<'END'\n";
        int start = page.indexOf(opening) + opening.length();
        KarafInstance.Result documented = karaf.binClient(KarafInstance.ADMIN,
                page.substring(start, page.indexOf("END\n", start)));
        assertEquals(0, documented.status(), documented.output());
        List<String> printed = documented.output().strip().lines().map(String::strip).toList();
        assertTrue(printed.get(0).startsWith("ready:"), documented.output());
        assertEquals(List.of("mode is live", "mode"), printed.subList(printed.size() - 2, printed.size()),
                documented.output());
    }

    @Test
    @Order(4)
    void aMistakeIsOneLineAndADebugEntryNeverAnError() throws Exception {
        int before = karaf.logLength();
        Map<String, String> mistakes = Map.of(
                "stowage:put --ttl soon demo/users k v", "Error executing command: TTL 'soon' is not a duration",
                "stowage:get no/such k", "Error executing command: unknown store no/such",
                "stowage:get demo/users", "Error executing command stowage:get: argument key is required",
                "stowage:keys --limit 0 demo/users '*'", "Error executing command: --limit '0' is not a page size",
                // The stowage feature brings no typed-data bundle: the shell, which imports it dynamically, says so
                "stowage:gc demo/users", "Error executing command: stowage:gc needs the typed-data bundle "
                        + "(io.stowage.typed) installed");
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            KarafInstance.Result result = karaf.client(KarafInstance.ADMIN, mistake.getKey());
            assertEquals(1, result.status(), mistake.getKey() + ": " + result.output());
            List<String> lines = result.output().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(1, lines.size(), mistake.getKey() + ": " + result.output());
            assertTrue(lines.get(0).startsWith(mistake.getValue()), mistake.getKey() + ": " + result.output());
        }
        // The commands' own mistakes are logged at DEBUG (Karaf's parser logs its own at DEBUG too, in its logger)
        List<String> log = karaf.awaitLog(before, lines -> lines.stream().filter(line -> line.contains("| DEBUG |")
                && line.contains("StowageAction") && line.contains(" failed: ")).count() == 4);
        assertFalse(log.stream().anyMatch(line -> line.contains("| ERROR |") || line.startsWith("\tat ")),
                String.join("\n", log));
        assertTrue(log.stream().anyMatch(line -> line.endsWith("stowage:get failed: unknown store no/such: no bundle "
                + "opened it and it holds no data (stowage:stores lists the stores)")), String.join("\n", log));
    }

    @Test
    @Order(5)
    void installingTheOtherBackendsRefreshesNoBundle() throws Exception {
        int before = karaf.logLength();
        String bundlesBefore = stowageBundles();
        karaf.admin("feature:install stowage-memory", "feature:install stowage-redis");

        List<String> log = karaf.logSince(before);
        assertTrue(log.stream().anyMatch(line -> line.contains("Installing bundles:")), String.join("\n", log));
        assertFalse(log.stream().anyMatch(line -> line.contains("Refreshing bundles") || line.contains("Stopping bundles")),
                String.join("\n", log));
        assertTrue(stowageBundles().startsWith(bundlesBefore.strip()), stowageBundles());
        assertTrue(karaf.admin("stowage:backends").matches("(?s).*shared\\s+redis.*volatile\\s+memory.*"));
        // The data of the store served all along is untouched
        assertEquals("alice", karaf.admin("stowage:get demo/users user:1").strip());
    }

    @Test
    @Order(6)
    void storeRoutesAndBackendConfigurationsChangeLive() throws Exception {
        // The features' example pair, copied into etc/ as its README says, makes a memory configuration and routes
        // the stores named 'cache' there
        Path examples = karaf.home().resolve("stowage-examples");
        for (String example : new String[] {"io.stowage.memory-cache.cfg", "io.stowage.store-cache.cfg"}) {
            Files.copy(examples.resolve(example), karaf.etc().resolve(example));
        }
        assertTrue(Files.exists(examples.resolve("io.stowage.lmdb-archive.cfg")));
        assertTrue(Files.exists(examples.resolve("io.stowage.redis-sessions.cfg")));
        // Outside etc/: Karaf's FileInstall would install a folder there as a bundle
        assertFalse(karaf.admin("bundle:list -t 0 -s").contains("stowage-examples"));
        karaf.awaitAdmin(out -> out.contains("cache -> cache"), "stowage:routes");
        karaf.admin("stowage:put demo/cache c:1 hot");
        assertTrue(karaf.admin("stowage:instances").contains("demo/cache"));

        // The Redis configuration is edited the Karaf way, then a store is migrated into it live
        karaf.admin("config:edit io.stowage.redis~shared",
                "config:property-set uris redis://127.0.0.1:" + redis.port(), "config:update");
        // config:update returns before Karaf writes the file back to etc/, and before the kernel has the new
        // configuration: wait for the file, then stowage:ready waits for the kernel
        Path shared = karaf.etc().resolve("io.stowage.redis-shared.cfg");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(shared).contains(":" + redis.port())) {
            assertTrue(System.nanoTime() < deadline, "etc/ holds the edited Redis configuration within 30 s");
            Thread.sleep(100);
        }
        karaf.admin("stowage:ready", "stowage:migrate demo/sessions shared");
        karaf.awaitAdmin(out -> out.contains("demo/sessions -> shared"), "stowage:routes");
        assertEquals("token", karaf.admin("stowage:get demo/sessions s:1").strip());
        String keys = redis.command("DBSIZE");
        assertTrue(Integer.parseInt(keys.replaceAll("[^0-9]", "")) > 0, "the store's keys are in the test's Redis: " + keys);
    }

    @Test
    @Order(7)
    void viewersReadAndOnlyAdminsChange() throws Exception {
        KarafInstance.Result read = karaf.client(KarafInstance.VIEWER, "stowage:get demo/users user:1",
                "stowage:stats", "stowage:ready");
        assertEquals(0, read.status(), read.output());
        assertTrue(read.output().startsWith("alice"), read.output());
        for (String change : new String[] {"stowage:put demo/users user:3 carol", "stowage:delete demo/users user:1",
                "stowage:migrate demo/users volatile", "stowage:backup " + temp.resolve("viewer.dump")}) {
            KarafInstance.Result refused = karaf.client(KarafInstance.VIEWER, change);
            assertEquals(1, refused.status(), change + ": " + refused.output());
            assertTrue(refused.output().contains("Command not found"), change + ": " + refused.output());
        }
        assertEquals("alice", karaf.admin("stowage:get demo/users user:1").strip());
        assertTrue(karaf.client(KarafInstance.ADMIN, "stowage:get demo/users user:3").output()
                .contains("key 'user:3' is absent from demo/users"));

        // Every command has its line in the ACL, so none falls back to Karaf's default of allowing everyone
        Set<String> commands = karaf.admin("stowage:commands").lines().filter(l -> l.startsWith("stowage:"))
                .map(l -> l.substring("stowage:".length()).split("\\s+")[0]).collect(Collectors.toCollection(TreeSet::new));
        Properties acl = new Properties();
        try (var in = Files.newBufferedReader(karaf.etc().resolve("org.apache.karaf.command.acl.stowage.cfg"))) {
            acl.load(in);
        }
        // (less what Karaf and FileInstall note in every configuration, such as its file's name)
        assertEquals(commands, acl.stringPropertyNames().stream().filter(key -> !key.contains("."))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    @Order(8)
    void updatingBackendBundlesKeepsEveryStoresData() throws Exception {
        karaf.admin("bundle:update io.stowage.storage.lmdb", "bundle:update io.stowage.storage.memory",
                "bundle:update io.stowage.storage.redis");
        karaf.awaitAdmin(out -> out.contains("serving on lmdb") && out.contains("serving on memory")
                && out.contains("serving on redis"), "stowage:backends");
        assertEquals("alice", karaf.admin("stowage:get demo/users user:1").strip());
        assertEquals("hot", karaf.admin("stowage:get demo/cache c:1").strip());
        assertEquals("token", karaf.admin("stowage:get demo/sessions s:1").strip());
    }

    @Test
    @Order(9)
    void backupAndHotCopyWorkFromTheKarafShell() throws Exception {
        Path dump = temp.resolve("users.dump");
        karaf.admin("stowage:backup " + dump + " demo/users");
        assertTrue(Files.size(dump) > 0);
        Path copy = temp.resolve("lmdb-copy");
        assertTrue(karaf.admin("stowage:hotcopy default " + copy).contains("copied configuration 'default'"));
        assertTrue(Files.size(copy.resolve("data.mdb")) > 0);
    }

    @Test
    @Order(10)
    void aThirdPartysExtensionInstallsLiveAndServesAStore() throws Exception {
        karaf.admin("bundle:install -s mvn:io.stowage/example-extension/" + VERSION);
        Files.writeString(karaf.etc().resolve("io.stowage.example-demo.cfg"), "name = demo\n", StandardCharsets.UTF_8);
        karaf.awaitAdmin(out -> out.contains("io.stowage.example.extension"), "stowage:extensions");
        karaf.admin("stowage:put demo/extra e:1 one", "stowage:migrate demo/extra demo");
        assertTrue(karaf.admin("stowage:routes").contains("demo/extra -> demo"));
        assertEquals("one", karaf.admin("stowage:get demo/extra e:1").strip());

        karaf.admin("bundle:uninstall io.stowage.example.extension");
        karaf.awaitAdmin(out -> !out.contains("io.stowage.example.extension"), "stowage:extensions");
        Files.delete(karaf.etc().resolve("io.stowage.example-demo.cfg"));
    }

    @Test
    @Order(11)
    void karafsJmxConnectorShowsTheMetricsToViewersAndOperationsToAdmins() throws Exception {
        // JMX and health are a feature of their own, installed live beside the running stores
        String before = stowageBundles();
        karaf.admin("feature:install stowage-management");
        karaf.awaitAdmin(out -> out.contains("io.stowage.management"), "bundle:list -t 0 -s");
        assertEquals(before.lines().toList(),
                stowageBundles().lines().filter(line -> !line.contains("io.stowage.management")).toList(),
                "installing management refreshed no Stowage bundle");
        ObjectName kernel = new ObjectName("io.stowage:type=Kernel");
        try (JMXConnector admin = jmx(KarafInstance.ADMIN)) {
            MBeanServerConnection server = admin.getMBeanServerConnection();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!server.isRegistered(kernel)) {
                assertTrue(Instant.now().isBefore(deadline), "the management bundle registered no " + kernel);
                Thread.onSpinWait();
            }
        }
        try (JMXConnector viewer = jmx(KarafInstance.VIEWER)) {
            MBeanServerConnection server = viewer.getMBeanServerConnection();
            CompositeData[] stores = (CompositeData[]) server.getAttribute(kernel, "Stores");
            assertTrue(Arrays.stream(stores).anyMatch(row -> "demo/users".equals(row.get("store"))
                    && (Long) row.get("writes") >= 3), Arrays.toString(stores));
            assertThrows(SecurityException.class, () -> server.invoke(kernel, "countKeys", new Object[] {"demo/users"},
                    new String[] {String.class.getName()}));
        }
        try (JMXConnector admin = jmx(KarafInstance.ADMIN)) {
            assertEquals(3L, admin.getMBeanServerConnection().invoke(kernel, "countKeys", new Object[] {"demo/users"},
                    new String[] {String.class.getName()}));
        }
    }

    @Test
    @Order(12)
    void theTypedFeatureBringsJacksonAndTheCodecRegistryLiveAndRefreshesNoStowageBundle() throws Exception {
        int before = karaf.logLength();
        karaf.admin("feature:install stowage-typed");
        // The features service logs what it does (feature:install -v prints it from another thread, which bin/client
        // does not show): the bundles it installs, then, under "Refreshing bundles:", each it refreshes and why
        List<String> log = karaf.logSince(before).stream().map(FeaturesLog::message).toList();
        assertTrue(log.stream().anyMatch(line -> line.contains("mvn:io.stowage/typed-bundle/")),
                String.join(System.lineSeparator(), log));
        assertEquals(List.of(), FeaturesLog.refreshed(log).stream().filter(line -> line.strip().startsWith("io.stowage")).toList(),
                "installing the typed feature refreshed no Stowage bundle");
        // The shell imports the typed-data package dynamically: nothing has wired it yet, where a refresh that
        // resolved the shell again would have
        assertEquals("[UNRESOLVED]", typedDataRequirement(), "before the first stowage:gc");

        String bundles = karaf.awaitAdmin(out -> out.contains("io.stowage.typed"), "bundle:list -t 0 -s");
        for (String name : List.of("io.stowage.typed", "com.fasterxml.jackson.core.jackson-annotations",
                "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-databind")) {
            assertTrue(bundles.lines().anyMatch(line -> line.contains(name) && line.contains("Active")),
                    name + " active in:" + System.lineSeparator() + bundles);
        }
        // Its DS component serves the codec registry, which applications look codec services up in
        karaf.awaitAdmin(out -> out.contains("io.stowage.typed.CodecRegistry"),
                "service:list io.stowage.typed.CodecRegistry");

        // stowage:gc reaches the typed-data API at once, through the wire its first call made: a plain store
        KarafInstance.Result gc = karaf.client(KarafInstance.ADMIN, "stowage:gc demo/users");
        assertEquals(1, gc.status(), gc.output());
        assertTrue(gc.output().startsWith("Error executing command: store demo/users is not an object store"),
                gc.output());
        assertEquals("resolved by:", typedDataRequirement(), "after the first stowage:gc");
    }

    /** How bundle:requirements shows the shell's import of io.stowage.typed: "[UNRESOLVED]" or "resolved by:". */
    private static String typedDataRequirement() throws IOException, InterruptedException {
        String requirements = karaf.admin("bundle:requirements io.stowage.shell.karaf");
        String line = requirements.lines().filter(l -> l.contains("(osgi.wiring.package=io.stowage.typed)"))
                .findFirst().orElseThrow(() -> new AssertionError("no import of io.stowage.typed in:"
                        + System.lineSeparator() + requirements));
        return line.substring(line.lastIndexOf(')') + 1).strip();
    }

    @Test
    @Order(13)
    void theEventAdminFeaturePostsTheChangesOfTheStoresItsConfigurationNames() throws Exception {
        String before = stowageBundles();
        karaf.admin("feature:install stowage-eventadmin");
        karaf.awaitAdmin(out -> out.contains("io.stowage.eventadmin.bridge"), "bundle:list -t 0 -s");
        assertEquals(before.lines().toList(),
                stowageBundles().lines().filter(line -> !line.contains("io.stowage.eventadmin.bridge")).toList(),
                "installing the bridge refreshed no Stowage bundle");
        assertTrue(karaf.admin("config:meta io.stowage.eventadmin").contains("stores"));
        Files.writeString(karaf.etc().resolve("io.stowage.eventadmin.cfg"), "stores = demo/orders\n",
                StandardCharsets.UTF_8);
        // Karaf's event:display shows the topics of the events its own handler collected; puts go on until the
        // bridge, configured in the background, has posted one
        karaf.awaitAdmin(out -> out.contains(" - io/stowage/store/demo"), "stowage:put demo/orders o:1 first",
                "event:display 'io/stowage/*'");
        assertTrue(karaf.admin("log:display").contains("posting the changes of demo/orders to Event Admin on "
                + "io/stowage/store/demo"));
        Files.delete(karaf.etc().resolve("io.stowage.eventadmin.cfg"));
    }

    @Test
    @Order(14)
    void durableDataOutlivesUninstallingEveryFeature() throws Exception {
        // The core goes with the last backend feature, as nothing installed it on its own
        karaf.admin("feature:uninstall stowage-eventadmin",
                "feature:uninstall stowage-typed", "feature:uninstall stowage-management",
                "feature:uninstall stowage-redis",
                "feature:uninstall stowage-memory", "feature:uninstall stowage-lmdb");
        assertFalse(karaf.admin("feature:list -i").contains("stowage"));
        // What the operator configured stays, for the next installation
        assertTrue(Files.readString(karaf.etc().resolve("io.stowage.redis-shared.cfg")).contains(":" + redis.port()));
        karaf.awaitAdmin(out -> !out.contains("io.stowage"), "bundle:list -t 0 -s");
        karaf.await(result -> result.output().contains("Command not found: stowage:commands"), "stowage:commands");

        karaf.admin("feature:install stowage-lmdb", "feature:install stowage-redis");
        karaf.awaitAdmin(out -> out.contains("alice"), "stowage:get demo/users user:1");
        assertEquals(List.of("user:1", "user:2"), karaf.admin("stowage:keys demo/users 'user:*'").strip().lines()
                .toList());
        // Redis kept the migrated store, and the kernel its route (saved in etc/ beside the configurations)
        assertEquals("token", karaf.admin("stowage:get demo/sessions s:1").strip());
    }

    private static JMXConnector jmx(String user) throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL(karaf.jmxUrl()),
                Map.of(JMXConnector.CREDENTIALS, new String[] {user, user}));
    }

    private static String stowageBundles() throws IOException, InterruptedException {
        return karaf.admin("bundle:list -t 0 -s | grep io.stowage");
    }
}
