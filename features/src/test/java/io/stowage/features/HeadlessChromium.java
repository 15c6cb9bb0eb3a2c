package io.stowage.features;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, through its own chromedriver (both in /usr/bin: nothing is downloaded, so Selenium
 * Manager has nothing to look up), with a fresh profile, logged in to the console as one user: every request it makes
 * carries that user's HTTP Basic credentials, as a browser does once the user has answered the login prompt.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final String BROWSER = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Starts a browser with the profile folder {@code profile}, logged in as {@code user} (password: its name). */
    static HeadlessChromium as(String user, Path profile, Path screenshots) throws IOException {
        Files.createDirectories(profile);
        Files.createDirectories(screenshots);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1024");
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            String credentials = java.util.Base64.getEncoder().encodeToString((user + ":" + user)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Authorization", "Basic " + credentials)));
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
        return new HeadlessChromium(driver, screenshots);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code name}.png in the build output. */
    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
