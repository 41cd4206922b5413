package com.example.paymentflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (Selenium): what an operator's browser does,
 * for tests of the management console. Skips the test where either is not installed (.ci/run installs them).
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Screenshots of the pages a test saw, for docs/operations.md. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String INSTALL = "apt-get install chromium chromium-driver";

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    public static HeadlessChromium start() {
        Path chromium = ExternalTool.require("chromium", INSTALL).executable();
        Path chromedriver = ExternalTool.require("chromedriver", INSTALL).executable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // as root, without a display, and without Chromium's calls home, which this machine's network refuses
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The element, once it is visible and enabled. */
    public WebElement clickable(By locator) {
        return wait.until(ExpectedConditions.elementToBeClickable(locator));
    }

    public WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public <T> T until(java.util.function.Function<ChromeDriver, T> condition) {
        return wait.until(webDriver -> condition.apply(driver));
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
