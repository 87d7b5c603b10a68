package io.framewise.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium processes of one test JVM, handed back after a test and handed out again in the
 * state of a fresh one: a new tab (no page, no session storage, no dialog), no cookies, no HTTP cache,
 * no storage for the origins it visited, the default window size, downloads and network as at launch.
 * A launch costs about 2 s of CPU; the browser tests open some seventy, so keeping them saves minutes
 * of a CI run on two cores (ADR 0065). Only browsers launched with the default switches are kept: a
 * phone's emulation or a faked host resolver stay with the one test that asked for them.
 */
final class ChromiumPool {

    /** More idle browsers than tests hold at once would only take memory. */
    private static final int MAX_IDLE = 3;

    private static final Deque<Launched> IDLE = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChromiumPool::quitIdle, "chromium-pool-quit"));
    }

    private ChromiumPool() {}

    /** One Chromium with its driver and the profile folder removed when it quits. */
    record Launched(ChromeDriver driver, Path profile) {
        void quit() {
            try {
                driver.quit();
            } finally {
                try (var files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // A leftover temporary profile is harmless.
                }
            }
        }
    }

    /** An idle browser of the default switches, else a new one. */
    static Launched take() {
        synchronized (IDLE) {
            Launched idle = IDLE.pollFirst();
            if (idle != null) {
                return idle;
            }
        }
        return launch(List.of(), null);
    }

    /**
     * Keeps {@code browser} for the next test once it is back to a fresh state; quits it when that
     * fails (a dialog left open, a crashed tab) or enough are idle.
     */
    static void give(Launched browser, Set<URI> visited) {
        try {
            reset(browser.driver(), visited);
        } catch (RuntimeException e) {
            browser.quit();
            return;
        }
        synchronized (IDLE) {
            if (IDLE.size() < MAX_IDLE) {
                IDLE.addFirst(browser);
                return;
            }
        }
        browser.quit();
    }

    static Launched launch(List<String> extraArguments, Map<String, Object> mobileEmulation) {
        Path profile;
        try {
            profile = Files.createTempDirectory("framewise-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Browser.CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required",
                "--window-size=" + Browser.WINDOW.getWidth() + "," + Browser.WINDOW.getHeight(),
                "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        if (mobileEmulation != null) {
            options.setExperimentalOption("mobileEmulation", mobileEmulation);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Browser.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Launched(new ChromeDriver(service, options), profile);
    }

    private static void reset(ChromeDriver driver, Set<URI> visited) {
        Set<String> origins = new LinkedHashSet<>();
        for (URI uri : visited) {
            origins.add(origin(uri));
        }
        String current = driver.getCurrentUrl();
        if (current != null && current.startsWith("http")) {
            origins.add(origin(URI.create(current)));
        }
        // A new tab first, then every old one closed: pages, timers, media and session storage go.
        Set<String> old = driver.getWindowHandles();
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String handle : old) {
            driver.switchTo().window(handle);
            driver.close();
        }
        driver.switchTo().window(fresh);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        for (String origin : origins) {
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "default"));
        try {
            driver.deleteNetworkConditions();
        } catch (RuntimeException none) {
            // No conditions were set: nothing to undo.
        }
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        driver.manage().window().setSize(new Dimension(Browser.WINDOW.getWidth(), Browser.WINDOW.getHeight()));
        if (!driver.getWindowHandles().equals(Set.of(fresh))) {
            throw new IllegalStateException("a tab survived the reset");
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static void quitIdle() {
        synchronized (IDLE) {
            for (Launched browser : IDLE) {
                try {
                    browser.quit();
                } catch (RuntimeException e) {
                    // The JVM is ending; a browser that will not quit ends with its driver's process.
                }
            }
            IDLE.clear();
        }
    }
}
