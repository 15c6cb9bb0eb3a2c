package io.stowage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.stowage.admin.ConfigurationInfo;
import io.stowage.admin.ExtensionInfo;
import io.stowage.admin.IndexInfo;
import io.stowage.admin.IndexState;
import io.stowage.admin.IndexStatistics;
import io.stowage.admin.InstanceState;
import io.stowage.admin.Latencies;
import io.stowage.admin.Migration;
import io.stowage.admin.MigrationPhase;
import io.stowage.admin.MigrationProgress;
import io.stowage.admin.RouteTable;
import io.stowage.admin.StoreContents;
import io.stowage.admin.StoreId;
import io.stowage.admin.StoreStatistics;
import io.stowage.admin.TransactionCounts;
import io.stowage.admin.TransformCounts;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.Traffic;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.KeyTtl;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * The console on given operator data: routing of sub-paths, CSRF and role refusals, encoding of user data, and what
 * each page shows.
 */
class ConsoleTest {

    private static final String XSS = "<script>alert(1)</script>";
    private static final StoreId USERS = new StoreId("app", "users");

    private final Console console = new Console();
    private final Map<String, String> session = new HashMap<>();
    private final TreeMap<String, byte[]> keys = new TreeMap<>();
    private final List<String> deleted = new ArrayList<>();
    private boolean cancelled;

    @BeforeEach
    void kernel() {
        keys.put("plain", "hello".getBytes(StandardCharsets.UTF_8));
        keys.put(XSS, XSS.getBytes(StandardCharsets.UTF_8));
        keys.put("binary", new byte[] {(byte) 0xff, 0x00, 0x41});
        Latencies latencies = new Latencies(5, 2_000, 4_000, 8_000, 9_000, 10_000);
        Traffic traffic = new Traffic(10, 1, 4, 0, 2, 3, 100, 40, latencies, latencies, Duration.ofMinutes(1));
        StowageAdmin admin = new Answering<>(StowageAdmin.class)
                .answer("configurations", args -> List.of(
                        new ConfigurationInfo("default", "memory", "[1,2)", InstanceState.SERVING, "", "", "1.0.0",
                                List.of(), 2),
                        new ConfigurationInfo("big", "lmdb", "[1,2)", InstanceState.WAITING,
                                "no lmdb extension in [1,2) is installed", "", "", List.of(), 0)))
                .answer("extensions", args -> List.of(
                        new ExtensionInfo(12, "memory", "1.0.0", 7, "io.stowage.storage.memory", List.of("default"))))
                .answer("routes", args -> new RouteTable("default", List.of()))
                .answer("storeStatistics", args -> List.of(new StoreStatistics(USERS, "default", traffic,
                        new TransactionCounts(8, 2, 1), new TransformCounts(4, 1, 4000, 1000, 8000, 2, 500, 2000,
                                3000))))
                .answer("measure", args -> Optional.of(new StoreContents(3, 20, 30)))
                .answer("knownStores", args -> List.of(USERS))
                .answer("existingStore", args -> store())
                .answer("indexStatistics", args -> List.of(new IndexStatistics(USERS, XSS, IndexState.READY, 3,
                        Duration.ofMillis(42), 7, latencies, Duration.ofMinutes(1), 5, 2, 1)))
                .answer("indexes", args -> List.of(new IndexInfo(USERS, XSS, "json(pointer=/email)", true,
                        IndexState.READY, 3, 3, ""), new IndexInfo(new StoreId("app", "other"), XSS, "json(pointer=/x)",
                        false, IndexState.READY, 0, 0, "")))
                .answer("migrate", args -> migration((StoreId) args[0], (String) args[1]))
                .instance();
        console.adminCame(admin);
    }

    private Migration migration(StoreId store, String target) {
        return new Answering<>(Migration.class)
                .answer("progress", args -> new MigrationProgress(store, "default", target,
                        cancelled ? MigrationPhase.CANCELLED : MigrationPhase.COPYING, 1, Duration.ofMillis(5)))
                .answer("cancel", args -> cancelled = true)
                .instance();
    }

    private Store store() {
        return new Answering<>(Store.class)
                .answer("keys", args -> {
                    String glob = (String) args[0];
                    if (glob.endsWith("\\")) {
                        throw new InvalidPatternException("'" + glob + "' ends with an escape");
                    }
                    int limit = (Integer) args[1];
                    String after = (String) args[2];
                    List<String> page = new ArrayList<>(after == null ? keys.keySet() : keys.tailMap(after, false)
                            .keySet()).subList(0, 0);
                    for (String key : after == null ? keys.keySet() : keys.tailMap(after, false).keySet()) {
                        if (page.size() == limit) {
                            return new Page<>(page, page.get(limit - 1));
                        }
                        page.add(key);
                    }
                    return new Page<>(page, null);
                })
                .answer("get", args -> keys.get((String) args[0]))
                .answer("ttl", args -> "plain".equals(args[0]) ? KeyTtl.expiringIn(Duration.ofMillis(90_500))
                        : keys.containsKey((String) args[0]) ? KeyTtl.persistent() : KeyTtl.absent())
                .answer("delete", args -> {
                    deleted.add((String) args[0]);
                    return keys.remove((String) args[0]) != null;
                })
                .instance();
    }

    private FakeExchange get(String path) throws IOException {
        FakeExchange exchange = new FakeExchange("GET", path, session);
        console.handle(exchange, exchange);
        return exchange;
    }

    private FakeExchange post(String path, String token, Map<String, String> form) throws IOException {
        FakeExchange exchange = new FakeExchange("POST", path, session);
        exchange.parameters.putAll(form);
        if (token != null) {
            exchange.parameter(CsrfTokens.FIELD, token);
        }
        console.handle(exchange, exchange);
        return exchange;
    }

    /** The token the pages put in their forms, as a browser would read it. */
    private String pageToken() throws IOException {
        String page = get("").body();
        int at = page.indexOf("data-csrf='") + "data-csrf='".length();
        return page.substring(at, page.indexOf('\'', at));
    }

    @Test
    void overviewShowsHealthExtensionsAndConfigurations() throws IOException {
        String page = get("").body();
        assertTrue(page.contains("Backends: CRITICAL"), page);
        assertTrue(page.contains("backend configuration &#39;big&#39; (lmdb): down, no lmdb extension in [1,2) is "
                + "installed"), page);
        assertTrue(page.contains("up, serving on memory 1.0.0, 2 operations in flight"), page);
        assertTrue(page.contains("<td>memory</td><td>1.0.0</td><td>7 io.stowage.storage.memory</td><td>default"),
                page);
        assertTrue(page.contains("<td>big</td><td>lmdb</td><td>[1,2)</td><td>waiting</td>"), page);
    }

    @Test
    void storesPageListsTrafficAndContentsAndLinksToTheKeys() throws IOException {
        String page = get("/stores").body();
        assertTrue(page.contains("<td>app</td><td><a href='/system/console/stowage/stores/app/users/'>users</a></td>"
                + "<td>default</td><td>3</td><td>50</td><td>16</td><td>3</td><td>8</td><td>2</td><td>0.25</td>"
                + "</tr>"), page);
        assertTrue(page.contains("id='stowage-chart-latency'"), page);
    }

    @Test
    void statsFeedGivesCountsAndLatenciesInMicroseconds() throws IOException {
        FakeExchange feed = get("/api/stats.json");
        assertEquals(200, feed.status);
        assertTrue(feed.contentType.startsWith("application/json"));
        assertTrue(feed.body().contains("\"store\":\"app/users\",\"configuration\":\"default\",\"reads\":10,"
                + "\"writes\":4,\"deletes\":0,\"listings\":2,\"operations\":16,\"errors\":3,\"read\":{\"timed\":5,"
                + "\"p50\":2.0,\"p90\":4.0,\"p99\":8.0,\"max\":10.0}"), feed.body());
        assertTrue(feed.body().contains("\"transforms\":{\"encoded\":4,\"storedPlain\":1,\"bytesIn\":4000,"
                + "\"bytesOut\":1000,\"ratio\":0.25,\"encodeMicrosPerValue\":2.0,\"decoded\":2,"
                + "\"decodeMicrosPerValue\":1.5}"), feed.body());
    }

    @Test
    void keysAreEncodedAsTextNeverAsMarkup() throws IOException {
        String page = get("/stores/app/users/").body();
        assertFalse(page.contains(XSS), page);
        assertTrue(page.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a>"), page);
        FakeExchange shown = new FakeExchange("GET", "/stores/app/users", session).parameter("key", XSS);
        console.handle(shown, shown);
        assertFalse(shown.body().contains(XSS), shown.body());
        assertTrue(shown.body().contains("<pre id='stowage-value-text'>&lt;script&gt;alert(1)&lt;/script&gt;</pre>"),
                shown.body());
    }

    @Test
    void aStoresPageListsItsIndexesWithTheirUsageAndEncodesTheirNames() throws IOException {
        String page = get("/stores/app/users/").body();
        assertFalse(page.contains(XSS), page);
        // name, function, state, entries, lookups, lookup p99, entries written and removed, refusals, last build
        assertTrue(page.contains("<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>json(pointer=/email), unique"
                + "</td><td>ready</td><td>3</td><td>7</td><td>8.0</td><td>5</td><td>2</td><td>1</td>"
                + "<td>3 keys in 42 ms</td></tr>"), page);
    }

    @Test
    void aValueThatIsNotUtf8IsShownAsHexWithItsTtl() throws IOException {
        FakeExchange shown = new FakeExchange("GET", "/stores/app/users/", session).parameter("key", "binary");
        console.handle(shown, shown);
        assertTrue(shown.body().contains("3 bytes, no expiry, shown as hex"), shown.body());
        assertTrue(shown.body().contains(">ff 00 41</pre>"), shown.body());
        FakeExchange asHex = new FakeExchange("GET", "/stores/app/users/", session).parameter("key", "plain")
                .parameter("as", "hex");
        console.handle(asHex, asHex);
        assertTrue(asHex.body().contains(">68 65 6c 6c 6f</pre>"), asHex.body());
        assertTrue(asHex.body().contains("5 bytes, expires in 90 s, shown as hex"), asHex.body());
    }

    @Test
    void keysArePagedWithACursor() throws IOException {
        for (int i = 0; i < KeysPage.PAGE_SIZE + 5; i++) {
            keys.put(String.format("k%03d", i), new byte[] {1});
        }
        // In key order the page holds the XSS key, binary, k000 to k047 (plain sorts after them)
        String first = get("/stores/app/users").body();
        assertTrue(first.contains("id='stowage-next' href='/system/console/stowage/stores/app/users/?glob=%2A&amp;"
                + "cursor=k047'"), first);
        FakeExchange second = new FakeExchange("GET", "/stores/app/users", session).parameter("cursor", "k047");
        console.handle(second, second);
        assertTrue(second.body().contains(">k048</a>") && !second.body().contains(">k047</a>"), second.body());
        assertTrue(second.body().contains(">First page</a>"), second.body());
    }

    @Test
    void aBadGlobIsAClearMessage() throws IOException {
        FakeExchange bad = new FakeExchange("GET", "/stores/app/users", session).parameter("glob", "ab\\");
        console.handle(bad, bad);
        assertTrue(bad.body().contains("id='stowage-bad-glob'>Bad glob ab\\: &#39;ab\\&#39; ends with an escape"),
                bad.body());
    }

    @Test
    void aPostWithoutItsSessionsTokenIsRefused() throws IOException {
        String token = pageToken();
        assertEquals(403, post("/stores/app/users/delete", null, Map.of("key", "plain")).status);
        assertEquals(403, post("/stores/app/users/delete", token + "x", Map.of("key", "plain")).status);
        assertTrue(deleted.isEmpty());

        FakeExchange accepted = post("/stores/app/users/delete", token, Map.of("key", "plain"));
        assertEquals(303, accepted.status);
        assertEquals("/system/console/stowage/stores/app/users/", accepted.responseHeaders.get("Location"));
        assertEquals(List.of("plain"), deleted);
        assertTrue(get("/stores/app/users").body().contains("Deleted key plain of app/users."));
    }

    /** Karaf's console (Pax Web) hands a multipart body over unparsed: its form's token never arrives. */
    @Test
    void anUploadWhoseFieldsTheConsoleDidNotPassSaysSoAndWhatToDo() throws IOException {
        FakeExchange upload = new FakeExchange("POST", "/operations/restore", session);
        upload.headers.put("Content-Type", "multipart/form-data; boundary=x");
        console.handle(upload, upload);
        assertEquals(403, upload.status);
        assertTrue(upload.body().contains("did not pass the upload's form fields")
                && upload.body().contains("stowage:restore"), upload.body());
    }

    @Test
    void theTokenMayComeInAHeader() throws IOException {
        FakeExchange exchange = new FakeExchange("POST", "/stores/app/users/delete", session).parameter("key", XSS);
        exchange.headers.put(CsrfTokens.HEADER, pageToken());
        console.handle(exchange, exchange);
        assertEquals(303, exchange.status);
        assertEquals(List.of(XSS), deleted);
        String page = get("/stores/app/users").body();
        assertTrue(page.contains("Deleted key &lt;script&gt;alert(1)&lt;/script&gt; of app/users."), page);
    }

    @Test
    void aCallerWhoMayNotChangeIsRefusedAndSeesNoDeleteButton() throws IOException {
        String token = pageToken();
        FakeExchange viewer = new FakeExchange("POST", "/stores/app/users/delete", session).parameter("key", "plain")
                .parameter(CsrfTokens.FIELD, token);
        viewer.mayChange = false;
        console.handle(viewer, viewer);
        assertEquals(403, viewer.status);
        assertTrue(deleted.isEmpty());
        FakeExchange looks = new FakeExchange("GET", "/stores/app/users", session).parameter("key", "plain");
        looks.mayChange = false;
        console.handle(looks, looks);
        assertTrue(looks.body().contains(">hello</pre>") && !looks.body().contains("stowage-delete"), looks.body());
    }

    @Test
    void aMigrationIsFollowedAsJsonAndCancelled() throws IOException {
        String token = pageToken();
        FakeExchange started = post("/operations/migrate", token, Map.of("store", "app/users", "target", "big"));
        assertEquals(303, started.status);
        assertEquals("/system/console/stowage/operations?migration=1", started.responseHeaders.get("Location"));
        String progress = get("/api/migrations/1.json").body();
        // 1 of the 3 keys measured at the start
        assertTrue(progress.contains("\"store\":\"app/users\",\"source\":\"default\",\"target\":\"big\","
                + "\"phase\":\"COPYING\",\"copied\":1,\"total\":3,\"percent\":33,\"finished\":false"), progress);
        FakeExchange page = new FakeExchange("GET", "/operations", session).parameter("migration", "1");
        console.handle(page, page);
        assertTrue(page.body().contains("<div id='stowage-migration' data-id='1'>"), page.body());

        assertEquals(303, post("/operations/migrations/1/cancel", token, Map.of()).status);
        assertTrue(cancelled);
        assertTrue(get("/api/migrations/1.json").body().contains("\"phase\":\"CANCELLED\",\"copied\":1,"
                + "\"total\":3,\"percent\":33,\"finished\":true"), "a cancelled migration shows how far it came");
        assertEquals(404, get("/api/migrations/2.json").status);
        console.close();
        console.adminCame(new Answering<>(StowageAdmin.class).instance());
        assertEquals(404, get("/api/migrations/1.json").status);
    }

    @Test
    void anOperationWithMissingInputSaysWhatIsMissing() throws IOException {
        FakeExchange refused = post("/operations/migrate", pageToken(), Map.of("store", "app/users"));
        assertEquals(303, refused.status);
        assertEquals("/system/console/stowage/operations", refused.responseHeaders.get("Location"));
        assertEquals("Failed: no target was given", session.get("io.stowage.webconsole.flash"));
    }

    @Test
    void routesOutsideThePluginArePlainRefusals() throws IOException {
        assertEquals(404, get("/nowhere").status);
        assertEquals(404, get("/res/../stowage.js").status);
        assertEquals(404, get("/res/uplot/missing.js").status);
        FakeExchange put = new FakeExchange("PUT", "", session);
        console.handle(put, put);
        assertEquals(405, put.status);
        FakeExchange script = get("/res/stowage.js");
        assertEquals(200, script.status);
        assertTrue(script.contentType.startsWith("text/javascript"));
        assertTrue(script.body().contains("stowage-charts"));
    }

    @Test
    void withoutAKernelThePagesSaySoAndTheFeedsAre503() throws IOException {
        console.close();
        assertTrue(get("/stores").body().contains("The Stowage kernel is not running"));
        assertEquals(503, get("/api/stats.json").status);
        assertEquals(503, post("/stores/app/users/delete", pageToken(), Map.of("key", "plain")).status);
        assertNull(session.get("io.stowage.webconsole.flash"));
    }
}
