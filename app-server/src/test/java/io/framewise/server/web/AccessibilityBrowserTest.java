package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The web UI's pages checked by axe-core (WCAG 2.1 A/AA) in a real Chromium: the sign-in, home, library,
 * review, account, templates and admin pages of a signed-in administrator and the share page of a
 * guest have no serious or critical violation; the review page's controls are reached with Tab alone.
 */
class AccessibilityBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String shareToken;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data.resolve("server"))
                .withPort(0)
                .withWorkers(2)
                .withAuth(AuthSettings.local()));
        api = ServerFixture.asNewAdmin(server, "ada", AccountsBrowserTest.PASSWORD);
        String project = api.project("Accessible");
        String media = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour.mp4");
        api.awaitReady(media);
        asset = api.asset(project, "Harbour", media);
        api.send(
                "POST",
                "/api/media/" + media + "/comments",
                ServerFixture.JSON.writeValueAsString(Map.of("frame", 12, "text", "Too dark here")));
        JsonNode link = api.send(
                "POST",
                "/api/shares",
                ServerFixture.JSON.writeValueAsString(Map.of(
                        "target", Map.of("type", "asset", "id", asset),
                        "rights", List.of("view", "comment"))));
        shareToken = link.get("token").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyPageOfASignedInAdministratorHasNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        try (Browser b = new Browser(api.base())) {
            b.open("/");
            b.await("the sign-in form", d -> !d.findElements(org.openqa.selenium.By.name("username"))
                    .isEmpty());
            found.addAll(violations(b, "sign-in"));
            AccountsBrowserTest.signIn(b, "ada", AccountsBrowserTest.PASSWORD);
            b.await("the library", d -> !d.getCurrentUrl().contains("/signin"));
            b.find("home");
            b.await("the home sections", d -> !b.all("home-recent").isEmpty());
            found.addAll(violations(b, "home"));
            b.open("/library");
            b.find("page-title");
            found.addAll(violations(b, "library"));

            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.find("note-text");
            found.addAll(violations(b, "review"));

            for (String page : List.of("/account", "/templates", "/admin")) {
                b.open(page);
                b.await(
                        page + " shown",
                        d -> d.getCurrentUrl().endsWith(page)
                                && !d.findElements(org.openqa.selenium.By.cssSelector("main h1, main h2"))
                                        .isEmpty());
                found.addAll(violations(b, page));
            }
        }
        assertTrue(found.isEmpty(), "serious or critical axe-core violations:\n" + String.join("\n", found));
    }

    @Test
    void theSharePageOfAGuestHasNoSeriousViolation() {
        List<String> found = new ArrayList<>();
        try (Browser guest = new Browser(api.base())) {
            guest.open("/s/" + shareToken);
            guest.find("guest-name");
            found.addAll(violations(guest, "share, first screen"));
            guest.find("guest-name").sendKeys("Cleo Client");
            guest.find("guest-open").click();
            guest.find("guest-review");
            WebUiBrowserTest.awaitFrame(guest, 0, null);
            found.addAll(violations(guest, "share, review"));
        }
        assertTrue(found.isEmpty(), "serious or critical axe-core violations:\n" + String.join("\n", found));
    }

    @Test
    void theReviewPageControlsAreReachedWithTabAlone() {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            AccountsBrowserTest.signIn(b, "ada", AccountsBrowserTest.PASSWORD);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
            Set<String> reached = new LinkedHashSet<>();
            for (int i = 0; i < 200; i++) {
                new Actions(b.driver()).sendKeys(Keys.TAB).perform();
                Object id = b.js("const e = document.activeElement;"
                        + " const t = e && e.closest('[data-testid]'); return t ? t.dataset.testid : null;");
                if (id != null) {
                    reached.add(id.toString());
                }
            }
            for (String control : List.of("play", "step-back", "step-forward", "timeline", "add-note", "share-open")) {
                assertTrue(reached.contains(control), control + " is not reached with Tab; reached " + reached);
            }
        }
    }

    private static List<String> violations(Browser b, String page) {
        b.screenshot("a11y-" + page.replaceAll("[^a-z0-9]+", "-"));
        return Axe.serious(b).stream().map(v -> page + ": " + v).toList();
    }
}
