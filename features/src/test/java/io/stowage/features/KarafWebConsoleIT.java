package io.stowage.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The stowage-webconsole feature in a real Apache Karaf 4.4 beside Karaf's own webconsole feature, used over HTTP as
 * a browser would: the admin sees the Stowage page and deletes a key with the page's CSRF token; a user with only the
 * viewer role, whom this Karaf's console admits, sees the same page but every change is refused; nobody without
 * credentials gets in. One Karaf for the class; the methods run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafWebConsoleIT {

    private static final String STORE = "stowage/stores/demo/users/";
    private static final String KEY_1 = STORE + "?key=user%3A1";
    private static final String DELETE = STORE + "delete";

    @TempDir
    static Path temp;

    private static KarafInstance karaf;
    private static URI console;

    @BeforeAll
    static void bootKaraf() throws Exception {
        karaf = KarafInstance.ofThisBuild(temp.resolve("karaf"));
        // Karaf admits the role admin to its console unless told otherwise; viewers get in only when it says viewer
        // (the admin group holds viewer too)
        console = karaf.webConsole("viewer");
        karaf.start();
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    @Order(1)
    void theFeatureInstallsBesideKarafsWebConsole() throws Exception {
        karaf.admin("feature:repo-add " + System.getProperty("stowage.features.url"));
        karaf.admin("feature:install stowage-lmdb");
        karaf.admin("stowage:put demo/users user:1 alice", "stowage:put demo/users user:2 bob");
        int before = karaf.logLength();
        karaf.admin("feature:install stowage-webconsole");
        assertTrue(karaf.admin("feature:list -i").contains("webconsole"));
        // The HTTP service and the console come beside the running stores: no Stowage bundle is refreshed for them
        assertEquals(List.of(), stowageBundlesRefreshed(karaf.logSince(before)));

        // The console registers the plugin when its servlet appears, after the feature's install has returned
        HttpResponse<String> overview = awaitPage(ConsoleSession.as(console, KarafInstance.ADMIN), "stowage");
        for (String part : new String[] {"Backends: OK", "io.stowage.storage.lmdb", "serving"}) {
            assertTrue(overview.body().contains(part), part + " in: " + overview.body());
        }
        // Karaf's admin may change: the role comes from the JAAS login, not from isUserInRole
        assertFalse(overview.body().contains("You may look, not change"), overview.body());
        // The page's script and uPlot, from the bundle through the console's resource convention
        for (String resource : new String[] {"stowage/res/stowage.js", "stowage/res/uplot/uPlot.iife.min.js"}) {
            HttpResponse<String> script = ConsoleSession.as(console, KarafInstance.ADMIN).get(resource);
            assertEquals(200, script.statusCode(), resource);
            assertTrue(script.body().contains("uPlot"), resource);
        }
        // Inside Karaf's console page (its menu and layout), not a page of its own
        assertTrue(overview.body().contains("Apache Karaf"), overview.body());
    }

    @Test
    @Order(2)
    void withoutCredentialsNothingIsShownOrChanged() throws Exception {
        ConsoleSession nobody = ConsoleSession.anonymous(console);
        assertEquals(401, nobody.get("stowage").statusCode());
        assertEquals(401, nobody.get(STORE).statusCode());
        assertEquals(401, nobody.post(DELETE, Map.of("key", "user:1")).statusCode());
        assertEquals("alice", karaf.admin("stowage:get demo/users user:1").strip());
    }

    @Test
    @Order(3)
    void aViewerSeesTheStoreButCannotChangeIt() throws Exception {
        ConsoleSession viewer = ConsoleSession.as(console, KarafInstance.VIEWER);
        HttpResponse<String> store = viewer.get(STORE);
        assertEquals(200, store.statusCode(), store.body());
        assertTrue(store.body().contains("user:1") && store.body().contains("user:2"), store.body());
        HttpResponse<String> key = viewer.get(KEY_1);
        assertEquals(200, key.statusCode(), key.body());
        assertTrue(key.body().contains("alice"), key.body());
        assertFalse(key.body().contains("stowage-delete"), "a viewer is offered no delete: " + key.body());

        // With the viewer's own valid token, so that what refuses the change is the role, not the token
        HttpResponse<String> refused = viewer.post(DELETE, Map.of("key", "user:1",
                "csrf", ConsoleSession.pageToken(key)));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("admin role"), refused.body());
        assertEquals("alice", karaf.admin("stowage:get demo/users user:1").strip());
    }

    @Test
    @Order(4)
    void theAdminDeletesAKeyWithThePagesTokenAndOnlyWithIt() throws Exception {
        ConsoleSession admin = ConsoleSession.as(console, KarafInstance.ADMIN);
        HttpResponse<String> key = admin.get(KEY_1);
        assertEquals(200, key.statusCode(), key.body());

        HttpResponse<String> forged = admin.post(DELETE, Map.of("key", "user:1"));
        assertEquals(403, forged.statusCode(), forged.body());
        assertEquals("alice", karaf.admin("stowage:get demo/users user:1").strip());

        HttpResponse<String> deleted = admin.post(DELETE, Map.of("key", "user:1",
                "csrf", ConsoleSession.formToken(key, "stowage-delete")));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals("user:2", karaf.admin("stowage:keys demo/users '*'").strip());
        HttpResponse<String> after = admin.get(STORE);
        assertTrue(after.body().contains("Deleted key user:1 of demo/users."), after.body());
        assertFalse(after.body().contains(">user:1<"), after.body());
    }

    @Test
    @Order(5)
    void aViewerTakesABackupAndOnlyTheAdminRestoresIt() throws Exception {
        ConsoleSession viewer = ConsoleSession.as(console, KarafInstance.VIEWER);
        String viewerToken = ConsoleSession.pageToken(viewer.get("stowage/operations"));
        // A backup only reads: a viewer may take the keys home as they may look at them
        HttpResponse<byte[]> backup = viewer.download("stowage/operations/backup",
                Map.of("selector", "demo/users", "csrf", viewerToken));
        assertEquals(200, backup.statusCode());
        assertEquals("1", backup.headers().firstValue("X-Stowage-Entries").orElse(""));
        assertTrue(backup.body().length > 0);

        karaf.admin("stowage:put demo/users user:3 carol", "stowage:delete demo/users user:2");
        HttpResponse<String> refused = viewer.upload("stowage/operations/restore?mode=merge", backup.body(), viewerToken);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("user:3", karaf.admin("stowage:keys demo/users '*'").strip());

        // The admin uploads it as the page's script does, the raw body through Karaf's console and Pax Web
        ConsoleSession admin = ConsoleSession.as(console, KarafInstance.ADMIN);
        String adminToken = ConsoleSession.pageToken(admin.get("stowage/operations"));
        HttpResponse<String> restored = admin.upload("stowage/operations/restore?mode=merge", backup.body(), adminToken);
        assertEquals(303, restored.statusCode(), restored.body());
        assertEquals("bob", karaf.admin("stowage:get demo/users user:2").strip());
        HttpResponse<String> operations = admin.get("stowage/operations");
        assertTrue(operations.body().contains("Restored 1 entries into 1 stores"), operations.body());
        karaf.admin("stowage:delete demo/users user:3");
    }

    @Test
    @Order(6)
    void inABrowserTheAdminDeletesAKeyThatIsMarkupAndTheViewerOnlyLooks() throws Exception {
        String markup = "<script>alert(1)</script>";
        karaf.admin("stowage:put demo/users '" + markup + "' evil");
        Path screenshots = Path.of(System.getProperty("stowage.screenshots"));
        try (HeadlessChromium chromium = HeadlessChromium.as(KarafInstance.ADMIN, temp.resolve("chromium-admin"),
                screenshots)) {
            ChromeDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(console.resolve(STORE).toString());
            // The key is data: the DOM holds it as text, and no script of it ran
            WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(markup)));
            assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
            chromium.screenshot("karaf-store");
            link.click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stowage-delete button"))).click();
            WebElement message = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stowage-message")));
            assertEquals("Deleted key " + markup + " of demo/users.", message.getText());
            chromium.screenshot("karaf-deleted");
            assertEquals("user:2", karaf.admin("stowage:keys demo/users '*'").strip());

            // The charts' script and uPlot come from the bundle through Karaf's console, and draw
            browser.get(console.resolve("stowage/stores").toString());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stowage-chart-latency .uplot")));
            chromium.screenshot("karaf-stores");
        }
        try (HeadlessChromium chromium = HeadlessChromium.as(KarafInstance.VIEWER, temp.resolve("chromium-viewer"),
                screenshots)) {
            ChromeDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(console.resolve(STORE + "?key=user%3A2").toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stowage-value-text"), "bob"));
            assertTrue(browser.findElement(By.id("stowage")).getText().contains("You may look, not change"));
            assertTrue(browser.findElements(By.id("stowage-delete")).isEmpty(), "a viewer is offered no delete");
            chromium.screenshot("karaf-viewer-key");
        }
    }

    @Test
    @Order(7)
    void uninstallingTheConsoleLeavesTheStoresServing() throws Exception {
        int before = karaf.logLength();
        karaf.admin("feature:uninstall stowage-webconsole");
        assertEquals(List.of(), stowageBundlesRefreshed(karaf.logSince(before)));
        assertFalse(karaf.admin("bundle:list -s").contains("io.stowage.webconsole"));
        assertEquals("bob", karaf.admin("stowage:get demo/users user:2").strip());
        assertTrue(karaf.admin("stowage:backends").matches("(?s).*default\\s+lmdb.*serving on lmdb.*"));
    }

    /**
     * The Stowage bundles Karaf's log lists under "Refreshing bundles:": the deployer logs the header, then one
     * message per bundle, indented, "name/version (why)". A bundle that stays and is refreshed was stopped and
     * started again, with every store it served.
     */
    private static List<String> stowageBundlesRefreshed(List<String> log) {
        List<String> refreshed = new ArrayList<>();
        String section = "";
        for (String line : log) {
            int bar = line.lastIndexOf(" | ");
            if (bar < 0) {
                continue;
            }
            String message = line.substring(bar + 3);
            if (!message.startsWith(" ")) {
                section = message;
            } else if (section.startsWith("Refreshing bundles") && message.strip().startsWith("io.stowage")
                    // The bundle the uninstall removes is listed too, and is gone rather than refreshed
                    && !message.endsWith("(Bundle will be uninstalled)")) {
                refreshed.add(message.strip());
            }
        }
        return refreshed;
    }

    /** Waits until the page answers 200 to the session: the console and the plugin come up after the install. */
    private static HttpResponse<String> awaitPage(ConsoleSession session, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> page = null;
        Exception failure = null;
        while (System.nanoTime() < deadline) {
            try {
                page = session.get(path);
                if (page.statusCode() == 200) {
                    return page;
                }
            } catch (java.io.IOException e) {
                failure = e; // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no page " + path + " within 60 s: "
                + (page == null ? failure : page.statusCode() + " " + page.body()));
    }
}
