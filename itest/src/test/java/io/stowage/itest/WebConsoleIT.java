package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * The Stowage plugin in a real Felix Web Console 5 on the Felix HTTP service (Jetty 12), fetched over HTTP as a
 * browser would with the console's default credentials: the overview lists the memory configuration, a POST
 * without the session's CSRF token is refused with 403 while one with it deletes, a key that is markup shows as
 * text, the live operations run through the console's POSTs, and the plugin outlives a kernel restart while its own
 * update and uninstall leave the kernel and its stores alone.
 */
public class WebConsoleIT extends FrameworkProbe {

    private static final String PORT = "org.osgi.service.http.port";
    private static final String XSS = "<script>alert(1)</script>";
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard()
                .withBundles("pax-logging-api", "commons-io", "commons-fileupload",
                        "org.apache.felix.http.servlet-api", "org.apache.felix.http.jetty12",
                        "org.apache.felix.inventory", "encoder", "org.apache.felix.webconsole", "webconsole-bundle")
                .with(frameworkProperty(PORT).value(Integer.toString(freePort())),
                        frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the HTTP service", e);
        }
    }

    private String console() {
        return "http://127.0.0.1:" + context.getProperty(PORT) + "/system/console/stowage";
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(console() + path)).header("Authorization", AUTHORIZATION)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(console() + path)).header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The overview once the console serves the plugin and the kernel has taken the memory configuration in. */
    private String overview() throws InterruptedException {
        String[] last = {""};
        try {
            StowageFramework.await("the Stowage plugin's overview to list the memory configuration", 30_000, () -> {
                try {
                    HttpResponse<String> response = get("");
                    last[0] = response.statusCode() + " " + response.body();
                    return response.statusCode() == 200 && response.body().contains("<td>default</td><td>memory</td>");
                } catch (IOException notYet) {
                    last[0] = notYet.toString();
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answer: " + last[0]);
        }
        return last[0];
    }

    private static String component(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    public void theOverviewListsTheMemoryConfigurationAndItsHealth() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        String page = overview();
        assertTrue(page, page.contains("id='stowage-health' class='stowage-status-ok'>Backends: OK"));
        assertTrue(page, page.contains("up, serving on memory"));
        // The console framed the fragment: its navigation is around the plugin's content
        assertTrue(page, page.contains("<div id='stowage'"));
        assertTrue(page, page.contains("/system/console/stowage/res/stowage.css"));
        HttpResponse<String> script = get("/res/uplot/uPlot.iife.min.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("uPlot"));
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(console())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    public void aKeyThatIsMarkupShowsAsTextAndOnlyAPostWithTheTokenDeletesIt() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        Store store = storage().store("web");
        StowageFramework.awaitWritable(store, XSS, "<b>bold</b>", log);
        overview();
        String keysPath = "/stores/" + component(store.namespace()) + "/web/";
        String keys = get(keysPath).body();
        assertTrue(keys, keys.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a>"));
        assertFalse(keys, keys.contains(XSS));
        String value = get(keysPath + "?key=" + component(XSS)).body();
        assertTrue(value, value.contains("<pre id='stowage-value-text'>&lt;b&gt;bold&lt;/b&gt;</pre>"));

        HttpResponse<String> forged = post(keysPath + "delete", "key=" + component(XSS));
        assertEquals(forged.body(), 403, forged.statusCode());
        HttpResponse<String> wrong = post(keysPath + "delete", "key=" + component(XSS) + "&csrf=forged");
        assertEquals(403, wrong.statusCode());
        assertTrue(store.exists(XSS));

        Matcher token = Pattern.compile("data-csrf='([^']+)'").matcher(value);
        assertTrue(value, token.find());
        HttpResponse<String> deleted = post(keysPath + "delete", "key=" + component(XSS) + "&csrf="
                + component(token.group(1)));
        assertEquals(deleted.body(), 303, deleted.statusCode());
        assertNull(store.get(XSS));
        String after = get(keysPath).body();
        assertTrue(after, after.contains("Deleted key &lt;script&gt;alert(1)&lt;/script&gt; of "));
    }

    @Test
    public void aMigrationBackupAndRestoreRunThroughTheConsolesPosts() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        StowageFramework.memoryBackend(configurations, "second");
        Store store = storage().store("moving");
        StowageFramework.awaitWritable(store, "k0", "v0", log);
        for (int i = 1; i < 200; i++) {
            store.put("k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        overview();
        StowageFramework.await("the second configuration", 10_000,
                () -> StowageFramework.backendStates(context, "second").size() == 1);
        String operations = get("/operations").body();
        String token = token(operations);
        String label = store.namespace() + "/moving";

        HttpResponse<String> started = post("/operations/migrate", "store=" + component(label)
                + "&target=second&csrf=" + component(token));
        assertEquals(started.body(), 303, started.statusCode());
        String followed = started.headers().firstValue("Location").orElseThrow();
        assertTrue(followed, followed.endsWith("/system/console/stowage/operations?migration=1"));
        String[] progress = {""};
        StowageFramework.await("the migration to finish", 30_000, () -> {
            try {
                progress[0] = get("/api/migrations/1.json").body();
            } catch (IOException | InterruptedException e) {
                return false;
            }
            return progress[0].contains("\"finished\":true");
        });
        assertTrue(progress[0], progress[0].contains("\"phase\":\"DONE\"") && progress[0].contains("\"percent\":100"));
        assertTrue(get("/operations?migration=1").body().contains("id='stowage-migration' data-id='1'"));
        String stores = get("/stores").body();
        assertTrue(stores, stores.contains(">moving</a></td><td>second</td><td>200</td>"));

        HttpResponse<byte[]> backup = client.send(HttpRequest.newBuilder(URI.create(console() + "/operations/backup"))
                .header("Authorization", AUTHORIZATION).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("selector=" + component(label) + "&csrf="
                        + component(token))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, backup.statusCode());
        assertTrue(backup.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
        assertEquals("200", backup.headers().firstValue("X-Stowage-Entries").orElse(""));

        store.delete("k7");
        String boundary = "stowage-" + System.nanoTime();
        java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nMERGE\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"dump\"; filename=\"moving.dump\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(backup.body());
        form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> restored = client.send(HttpRequest.newBuilder(URI.create(console() + "/operations/restore"))
                .header("Authorization", AUTHORIZATION).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(restored.body(), 303, restored.statusCode());
        String after = get("/operations").body();
        assertTrue(after, after.contains("Restored 200 entries into 1 stores"));
        assertEquals("v7", new String(store.get("k7"), StandardCharsets.UTF_8));

        // The page's script sends the file as the raw body instead, with the token in a header
        store.delete("k8");
        HttpResponse<String> raw = client.send(HttpRequest.newBuilder(URI.create(console()
                + "/operations/restore?mode=MERGE")).header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/octet-stream").header("X-Stowage-CSRF", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(backup.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(raw.body(), 303, raw.statusCode());
        assertEquals("v8", new String(store.get("k8"), StandardCharsets.UTF_8));
    }

    @Test
    public void thePluginOutlivesAKernelRestartAndItsOwnUpdateLeavesTheKernelAlone() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        overview();
        Bundle kernel = bundle("io.stowage.kernel");
        kernel.stop();
        StowageFramework.await("the plugin to say the kernel is away", 10_000, () -> page("").contains(
                "The Stowage kernel is not running"));
        kernel.start();
        overview();

        Store store = storage().store("kept");
        StowageFramework.awaitWritable(store, "key", "value", log);
        long storageService = storageServiceId();
        Bundle plugin = bundle("io.stowage.webconsole");
        plugin.update();
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(plugin), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("the refresh of the plugin finished", refreshed.await(30, TimeUnit.SECONDS));
        overview();
        // The same kernel serves the same store handle: the plugin's update reached neither
        assertEquals(Bundle.ACTIVE, kernel.getState());
        assertEquals(storageService, storageServiceId());
        assertEquals("value", new String(store.get("key"), StandardCharsets.UTF_8));

        String location = plugin.getLocation();
        plugin.uninstall();
        StowageFramework.await("the console to drop the plugin", 10_000, () -> !page("").contains("<div id='stowage'"));
        assertEquals(storageService, storageServiceId());
        assertEquals("value", new String(store.get("key"), StandardCharsets.UTF_8));
        // The other tests of this framework need it back
        context.installBundle(location).start();
        overview();
    }

    /** The page's status and body, or the failure, as text: for waits. */
    private String page(String path) {
        try {
            HttpResponse<String> response = get(path);
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private long storageServiceId() {
        ServiceReference<StorageService> reference = context.getServiceReference(StorageService.class);
        return reference == null ? -1 : (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    private static String token(String page) {
        Matcher token = Pattern.compile("data-csrf='([^']+)'").matcher(page);
        assertTrue(page, token.find());
        return token.group(1);
    }

    @Test
    public void theStatsFeedIsJsonOutsideTheConsolesFrame() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        Store store = storage().store("charted");
        StowageFramework.awaitWritable(store, "k", "v", log);
        overview();
        HttpResponse<String> feed = get("/api/stats.json");
        assertEquals(200, feed.statusCode());
        assertTrue(feed.headers().firstValue("Content-Type").orElse(""), feed.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/json"));
        assertTrue(feed.body(), feed.body().startsWith("{\"time\":"));
        assertTrue(feed.body(), feed.body().contains("/charted\",\"configuration\":\"default\""));
    }
}
