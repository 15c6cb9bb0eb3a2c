package io.stowage.webconsole;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (no browser or driver is ever downloaded), logged
 * in to a web console by an Authorization header on every request it makes: headless Chromium cannot answer a
 * basic-auth dialog. Saves screenshots, and collects downloads in a folder of its own.
 */
public final class Browser implements Closeable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path downloads;
    private final Path screenshots;
    private final String base;

    /**
     * @param base the console's root URL, e.g. {@code http://127.0.0.1:8280/system/console}
     * @param folder where the browser keeps its profile and downloads
     * @param screenshots where {@link #screenshot(String)} saves its PNG files
     */
    public Browser(String base, String user, String password, Path folder, Path screenshots) throws IOException {
        this.base = base;
        this.downloads = Files.createDirectories(folder.resolve("downloads"));
        this.screenshots = Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(folder.resolve("profile")), "--window-size=1200,760");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        if (user != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Authorization", "Basic " + basic)));
        }
    }

    /** Opens a page of the console: {@code path} is below its root, e.g. {@code /stowage/stores}. */
    public void open(String path) {
        driver.get(base + path);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebElement await(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Waits until the element's attribute has the value (set by the page's scripts, e.g. a migration's percent). */
    public void awaitAttribute(By by, String attribute, String value, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.attributeToBe(by, attribute, value));
    }

    /** Waits until the element's attribute is a number of at least {@code least}. */
    public void awaitAtLeast(By by, String attribute, int least, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> {
            String value = d.findElement(by).getAttribute(attribute);
            return value != null && !value.isEmpty() && Integer.parseInt(value) >= least;
        });
    }

    /** The page's text, for failure messages. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Saves the window as {@code name}.png in the screenshot folder, and into the folder that the system property
     * {@code stowage.screenshots.docs} names, if it names one (how docs/webconsole/ gets its pictures).
     */
    public Path screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path saved = Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        String docs = System.getProperty("stowage.screenshots.docs", "");
        if (!docs.isBlank()) {
            Path folder = Files.createDirectories(Path.of(docs));
            Path copy = Files.copy(saved, folder.resolve(saved.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            // Selenium's temporary file is owner-only; a picture of the docs is for everyone to read
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return saved;
    }

    /** Waits for a finished download (Chromium writes {@code .crdownload} until it is complete). */
    public Path awaitDownload(String suffix) {
        return new WebDriverWait(driver, WAIT).until(d -> finishedDownload(suffix).orElse(null));
    }

    private Optional<Path> finishedDownload(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).findFirst();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + downloads, e);
        }
    }

    /** Runs a script in the page that calls back with a value (the last argument it gets is the callback). */
    public Object async(String script, Object... arguments) {
        return driver.executeAsyncScript(script, arguments);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
