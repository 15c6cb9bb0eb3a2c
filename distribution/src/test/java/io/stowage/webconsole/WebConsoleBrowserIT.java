package io.stowage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Stowage plugin of the distribution's web console in a real browser (headless Chromium) against a real runtime
 * (one bin/stowage for the class): the overview, a store's keys filtered, viewed and deleted, a migration whose
 * progress bar reaches 100% while a writer writes through it and loses nothing, a backup downloaded and restored,
 * and the refusals: no credentials, no CSRF token, and a key that is markup shows as text. Each page's screenshot
 * goes to {@code stowage.screenshots} (target/webconsole-screenshots).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConsoleBrowserIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("stowage.screenshots",
            "target/webconsole-screenshots")).toAbsolutePath();
    private static final String PLUGIN = "/stowage";
    /** The writer's puts during the migration: one by one through the shell, they last longer than the migration. */
    private static final int WRITES = 4000;

    @TempDir
    static Path temp;

    private RunningDistribution runtime;
    private Browser browser;
    private String console;

    @BeforeAll
    void start() throws Exception {
        int port = RunningDistribution.freePort();
        runtime = RunningDistribution.start(RunningDistribution.copy(temp, port));
        console = "http://127.0.0.1:" + port + "/system/console";
        runtime.awaitOutput("Web console: " + console, TIMEOUT);
        browser = new Browser(console, "admin", runtime.password(), temp.resolve("chromium"), SCREENSHOTS);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    @Test
    void theOverviewShowsTheBackendsAndTheirHealth() throws Exception {
        browser.open(PLUGIN);

        String health = browser.await(By.id("stowage-health")).getText();
        assertTrue(health.startsWith("Backends: "), health);
        String configurations = browser.find(By.id("stowage-configurations")).getText();
        assertTrue(configurations.contains("default"), configurations);
        assertTrue(configurations.contains("volatile"), configurations);
        browser.screenshot("overview");
    }

    @Test
    void aStoresKeysAreFilteredViewedAndDeleted() throws Exception {
        for (String key : List.of("apple-1", "apple-2", "apple-3", "pear-1")) {
            gogo("stowage:put demo.app/browse " + key + " red-" + key, "stored " + key);
        }

        browser.open(PLUGIN + "/stores");
        browser.await(By.id("stowage-stores"));
        browser.find(By.xpath("//table[@id='stowage-stores']//tr[td[1]='demo.app']//a[.='browse']")).click();
        WebElement glob = browser.await(By.cssSelector("#stowage-filter input[name='glob']"));
        glob.clear();
        glob.sendKeys("apple-*");
        browser.find(By.cssSelector("#stowage-filter button")).click();
        browser.await(By.xpath("//table[@id='stowage-keys']//a[.='apple-3']"));
        assertEquals(List.of("apple-1", "apple-2", "apple-3"), keysShown());
        browser.screenshot("keys");

        browser.find(By.xpath("//table[@id='stowage-keys']//a[.='apple-2']")).click();
        assertEquals("red-apple-2", browser.await(By.id("stowage-value-text")).getText());
        browser.screenshot("key");
        browser.find(By.cssSelector("#stowage-delete button")).click();

        assertEquals("Deleted key apple-2 of demo.app/browse.", browser.await(By.id("stowage-message")).getText());
        assertEquals(List.of("apple-1", "apple-3", "pear-1"), keysShown());
        assertEquals("apple-1\napple-3", gogo("stowage:keys demo.app/browse 'apple-*'", "\ng! ").replace("\ng! ", ""));
        assertEquals("3", firstLine("stowage:count demo.app/browse"));
    }

    @Test
    void aKeyThatIsMarkupShowsAsTextAndRunsNothing() throws Exception {
        String key = "<script>alert(1)</script>";
        gogo("stowage:put demo.app/markup '" + key + "' '<b>bold</b>'", "stored " + key);

        browser.open(PLUGIN + "/stores/demo.app/markup/");
        WebElement link = browser.await(By.cssSelector("#stowage-keys a"));
        assertEquals(key, link.getText());
        assertNoScriptRan();
        link.click();
        assertEquals("Key " + key, browser.await(By.cssSelector("#stowage-value h3")).getText());
        assertEquals("<b>bold</b>", browser.find(By.id("stowage-value-text")).getText());
        assertNoScriptRan();
        browser.screenshot("markup-key");
    }

    @Test
    void aPostWithoutTheCsrfTokenAndARequestWithoutCredentialsAreRefused() throws Exception {
        gogo("stowage:put demo.app/guarded kept yes", "stored kept");
        browser.open(PLUGIN + "/stores/demo.app/guarded/");
        browser.await(By.id("stowage-keys"));

        // The browser's own session and credentials, only the token missing
        Object status = browser.async("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin', body: new URLSearchParams("
                + "{key: 'kept'})}).then(function (r) { done(r.status); });",
                console + PLUGIN + "/stores/demo.app/guarded/delete");
        assertEquals(403L, status);
        gogo("stowage:get demo.app/guarded kept", "yes");

        HttpClient anonymous = HttpClient.newHttpClient();
        HttpResponse<String> page = anonymous.send(HttpRequest.newBuilder(URI.create(console + PLUGIN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, page.statusCode());
        assertFalse(page.body().contains("stowage-health"), page.body());
    }

    @Test
    void aMigrationReachesAHundredPercentWhileAWriterWritesAndNoWriteIsLost() throws Exception {
        gogo("each [" + keys("p-", 2000) + "] { stowage:put demo.app/moving $it \"v-$it\" } ; echo prefilled",
                "prefilled");
        assertEquals("2000", firstLine("stowage:count demo.app/moving"));
        // The writer runs in the shell while the browser starts and follows the migration
        runtime.type("echo writer-started ; each [" + keys("w-", WRITES) + "] { stowage:put demo.app/moving $it"
                + " \"v-$it\" } ; echo writer-done");
        runtime.awaitOutput("writer-started", TIMEOUT);

        browser.open(PLUGIN + "/operations");
        new Select(browser.await(By.cssSelector("#stowage-migrate select[name='store']")))
                .selectByVisibleText("demo.app/moving");
        new Select(browser.find(By.cssSelector("#stowage-migrate select[name='target']"))).selectByVisibleText("volatile");
        // Writes land in the source before the switch and in the target after it (there, much faster: the writer may
        // well end before the page shows 100%); none may be lost either way
        assertFalse(runtime.stdout().contains("writer-done"), "the writer ended before the migration started");
        browser.find(By.cssSelector("#stowage-migrate button")).click();
        browser.awaitAttribute(By.id("stowage-migration"), "data-percent", "100", TIMEOUT);
        browser.awaitAttribute(By.id("stowage-migration"), "data-phase", "DONE", TIMEOUT);
        String bar = browser.find(By.id("stowage-migration-bar")).getAttribute("style");
        assertTrue(bar.contains("width: 100%"), bar);
        browser.screenshot("migration");

        // The stores page's live charts, fed every 2 s, while the writer still writes
        browser.open(PLUGIN + "/stores");
        browser.awaitAtLeast(By.id("stowage-charts"), "data-readings", 2, TIMEOUT);
        assertEquals(2, browser.all(By.cssSelector("#stowage-charts .uplot")).size(), browser.text());
        browser.screenshot("stores-live");

        runtime.awaitOutput("writer-done", TIMEOUT);
        String read = gogo("each [" + keys("w-", WRITES) + "] { echo read (stowage:get demo.app/moving $it) }"
                + " ; echo read-done", "read-done");
        for (int i = 0; i < WRITES; i++) {
            String value = String.format("read v-w-%04d\n", i);
            assertTrue(read.contains(value), "write " + i + " was lost: no '" + value.strip() + "' in " + read);
        }
        gogo("stowage:routes", "demo.app/moving -> volatile");
    }

    @Test
    void aBackupDownloadedThroughTheBrowserRestoresTheStore() throws Exception {
        for (String key : List.of("a", "b", "c")) {
            gogo("stowage:put demo.app/saved " + key + " saved-" + key, "stored " + key);
        }
        browser.open(PLUGIN + "/operations");
        browser.await(By.cssSelector("#stowage-backup input[name='selector']")).sendKeys("demo.app/saved");
        browser.find(By.cssSelector("#stowage-backup button")).click();
        Path dump = browser.awaitDownload(".dump");
        assertTrue(Files.size(dump) > 0, "an empty backup");
        gogo("stowage:clear demo.app/saved ; stowage:count demo.app/saved", "0");

        browser.open(PLUGIN + "/operations");
        browser.await(By.cssSelector("#stowage-restore input[type='file']")).sendKeys(dump.toString());
        new Select(browser.find(By.cssSelector("#stowage-restore select[name='mode']"))).selectByVisibleText("REFUSE");
        browser.find(By.cssSelector("#stowage-restore button")).click();

        String message = browser.await(By.id("stowage-message")).getText();
        assertTrue(message.startsWith("Restored 3 entries into 1 stores"), message);
        browser.screenshot("restore");
        gogo("stowage:get demo.app/saved b", "saved-b");
    }

    private List<String> keysShown() {
        return browser.all(By.cssSelector("#stowage-keys tbody a")).stream().map(WebElement::getText).toList();
    }

    /** No alert is open, and the plugin's part of the page holds no script element: the markup stayed text. */
    private void assertNoScriptRan() {
        try {
            String alert = browser.driver().switchTo().alert().getText();
            throw new AssertionError("a script ran and opened an alert: " + alert);
        } catch (NoAlertPresentException expected) {
            // as it must be
        }
        assertEquals(0, browser.all(By.cssSelector("#stowage script, #stowage b")).size(), browser.text());
    }

    /** The first line a command prints (the next prompt shows it has finished). */
    private String firstLine(String line) throws IOException, InterruptedException {
        return gogo(line, "\ng! ").lines().findFirst().orElse("");
    }

    private String gogo(String line, String expected) throws IOException, InterruptedException {
        return runtime.run(line, expected, TIMEOUT);
    }

    private static String keys(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s%04d", prefix, i))
                .collect(Collectors.joining(" "));
    }
}
