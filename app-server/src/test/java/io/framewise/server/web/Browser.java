package io.framewise.server.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through Debian's chromedriver, with the waits the browser
 * tests use: every wait polls a condition up to a deadline, none sleeps.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(45);
    /**
     * The pause between two looks of a wait. Selenium's default of 500 ms made every wait that was not
     * met at its first look last a quarter second more on average, minutes over the suite.
     */
    static final Duration POLL = Duration.ofMillis(50);

    static final Dimension WINDOW = new Dimension(1400, 1000);

    private final ChromiumPool.Launched chromium;
    private final boolean pooled;
    private final ChromeDriver driver;
    private final URI base;
    /** Where this browser went, so its storage there is cleared before another test uses it. */
    private final Set<URI> visited = new LinkedHashSet<>();

    /**
     * Skips the calling test when there is no Chromium, except in CI: there {@code ./framewise test}
     * installs it, so its absence is a failure, not a reason to skip.
     */
    public static void assumeAvailable() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the browser tests: install Debian's chromium and"
                    + " chromium-driver (./framewise test does)");
        }
        Assumptions.assumeTrue(
                present,
                "browser tests skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing"
                        + " (apt-get install chromium chromium-driver, or run ./framewise test)");
    }

    public Browser(URI base) {
        this(base, List.of());
    }

    /** A browser with extra Chromium switches (e.g. {@code --host-resolver-rules} to fake DNS). */
    public Browser(URI base, List<String> extraArguments) {
        this(base, extraArguments, null);
    }

    /**
     * A phone or tablet: Chromium's device emulation at {@code width} x {@code height} CSS pixels with a
     * touch screen (coarse pointer, touch events) and a mobile user agent.
     */
    static Browser device(URI base, int width, int height) {
        return new Browser(
                base,
                List.of(),
                Map.of(
                        "deviceMetrics",
                        Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true, "mobile", true),
                        "userAgent",
                        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                                + " Chrome/156.0 Mobile Safari/537.36"));
    }

    private Browser(URI base, List<String> extraArguments, Map<String, Object> mobileEmulation) {
        this.base = base;
        this.pooled = extraArguments.isEmpty() && mobileEmulation == null;
        this.chromium = pooled ? ChromiumPool.take() : ChromiumPool.launch(extraArguments, mobileEmulation);
        this.driver = chromium.driver();
        visited.add(base);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        URI target = base.resolve(path);
        visited.add(target);
        driver.get(target.toString());
    }

    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, POLL)
                .withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement find(String testId) {
        return await(testId + " to appear", d -> {
            List<WebElement> found = d.findElements(byTestId(testId));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    static By byTestId(String testId) {
        return By.cssSelector("[data-testid='" + testId + "']");
    }

    public List<WebElement> all(String testId) {
        return driver.findElements(byTestId(testId));
    }

    /** Waits until the element's text is exactly {@code expected}. */
    void awaitText(String testId, String expected) {
        await(testId + " to read '" + expected + "' (was '" + textOrNull(testId) + "')", d -> {
            List<WebElement> found = d.findElements(byTestId(testId));
            return !found.isEmpty() && found.get(0).getText().trim().equals(expected);
        });
    }

    void awaitAttribute(String testId, String attribute, String expected) {
        await(testId + "[" + attribute + "] to be '" + expected + "'", d -> {
            List<WebElement> found = d.findElements(byTestId(testId));
            return !found.isEmpty() && expected.equals(found.get(0).getAttribute(attribute));
        });
    }

    String textOrNull(String testId) {
        List<WebElement> found = driver.findElements(byTestId(testId));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    /** Keys typed with nothing focused, as a reviewer uses the player's shortcuts. */
    void press(CharSequence... keys) {
        js("if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();");
        new Actions(driver).sendKeys(keys).perform();
    }

    void pressShift(Keys key) {
        js("if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();");
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(key).keyUp(Keys.SHIFT).perform();
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A PNG of the whole window under target/screenshots, written on every run. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path out = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands the browser back for the next test (reset to a fresh state), or quits it. */
    @Override
    public void close() {
        if (pooled) {
            ChromiumPool.give(chromium, visited);
        } else {
            chromium.quit();
        }
    }
}
