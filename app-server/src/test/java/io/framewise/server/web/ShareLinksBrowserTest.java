package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Share links in a real Chromium against a real server on port 0: the owner makes a link in the share
 * dialog, a guest in another browser gives a name and the password, watches, steps frame by frame
 * (the picture's frame code checked), writes a note and downloads; the owner then sees it all in the
 * link's analytics. Expiry, the view limit and revocation each close the link with a page that says
 * so. Screenshots of the dialogs and the guest page go to target/screenshots.
 */
class ShareLinksBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String projectId;
    static String media;
    static String asset;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        // Guests matter where people sign in: the owner has an account, the guests have none.
        server = FramewiseServer.start(ServerConfig.defaults(data.resolve("server"))
                .withPort(0)
                .withWorkers(2)
                .withAuth(AuthSettings.local()));
        api = ServerFixture.asNewAdmin(server, "owen", AccountsBrowserTest.PASSWORD);
        projectId = api.project("Share links");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour-share.mp4");
        api.awaitReady(media);
        asset = api.asset(projectId, "Harbour for the client", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aGuestOpensAPasswordLinkWatchesStepsCommentsAndDownloadsAndTheOwnerSeesIt() throws Exception {
        try (Browser owner = new Browser(api.base());
                Browser guest = new Browser(api.base())) {
            signedIn(owner, "/review/" + asset);
            WebUiBrowserTest.awaitFrame(owner, 0, null);
            owner.find("share-open").click();
            owner.find("share-dialog");
            owner.find("share-title").clear();
            owner.find("share-title").sendKeys("Harbour, cut 1");
            owner.find("share-password").sendKeys("harbour-secret");
            owner.find("right-download").click();
            owner.find("share-watermark").click();
            owner.screenshot("share-dialog");
            owner.find("share-create").click();
            String url = owner.await("the link shown once", d -> {
                String v = owner.find("share-url").getAttribute("value");
                return v != null && v.contains("/s/") ? v : null;
            });
            owner.screenshot("share-dialog-created");
            String path = URI.create(url).getRawPath();

            // The guest is asked for a name and the password; a wrong password is refused in words.
            guest.open(path);
            guest.awaitText("guest-title", "Harbour, cut 1");
            guest.find("guest-name").sendKeys("Cleo Client");
            guest.find("guest-password").sendKeys("not-the-password");
            guest.screenshot("guest-first-screen");
            guest.find("guest-open").click();
            guest.await(
                    "a wrong password refused",
                    d -> guest.textOrNull("guest-error") != null
                            && guest.textOrNull("guest-error").contains("password"));
            guest.find("guest-password").clear();
            guest.find("guest-password").sendKeys("harbour-secret");
            guest.find("guest-open").click();
            guest.find("guest-review");
            WebUiBrowserTest.awaitFrame(guest, 0, "01:00:00;00");
            assertEquals(0, WebUiBrowserTest.shownCode(guest));
            assertTrue(guest.find("watermark").getText().contains("Cleo Client"), "the viewer's name over the picture");

            // Watching: play, pause, then step frame by frame on frame-exact stills.
            guest.press(" ");
            guest.await("playback moving", d -> Integer.parseInt(guest.textOrNull("frame-index")) > 20);
            guest.press(" ");
            guest.find("still");
            int stopped = Integer.parseInt(guest.find("frame-index").getText());
            guest.press(Keys.ARROW_RIGHT);
            guest.press(Keys.ARROW_RIGHT);
            WebUiBrowserTest.awaitFrame(guest, stopped + 2, null);
            assertEquals(stopped + 2, WebUiBrowserTest.shownCode(guest));

            // A note, marked as a guest's.
            guest.find("note-input").sendKeys("The horizon tilts here");
            guest.find("save-note").click();
            guest.awaitText("note-text", "The horizon tilts here");
            guest.find("guest-badge");
            JsonNode note = api.get("/api/media/" + media + "/comments").at("/items/0");
            assertTrue(note.get("guest").asBoolean());
            assertEquals("Cleo Client", note.get("authorName").asText());
            assertEquals(stopped + 2, note.get("frame").asInt());
            guest.screenshot("guest-review");

            // The download, fetched with the guest's cookie, is the original as an attachment.
            String download = guest.find("guest-download").getAttribute("href");
            String downloaded = String.valueOf(((org.openqa.selenium.JavascriptExecutor) guest.driver())
                    .executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.status + ' '"
                                    + " + b.byteLength + ' ' + r.headers.get('Content-Disposition'))));",
                            download));
            assertTrue(downloaded.startsWith("200 "), downloaded);
            assertTrue(downloaded.contains("attachment"), downloaded);

            // The owner sees the open, the guest, the note, the download and the watched frames.
            owner.find("share-done").click();
            owner.find("share-analytics-open").click();
            owner.await("the guest's visit and watched frames in the analytics", d -> {
                if (owner.all("stat-opens").isEmpty()) {
                    return false;
                }
                boolean seen = "1".equals(owner.textOrNull("stat-opens"))
                        && !owner.all("heat-strip").isEmpty()
                        && Integer.parseInt(owner.find("heat-strip").getAttribute("data-watched")) > 0;
                if (!seen) {
                    owner.driver()
                            .findElement(org.openqa.selenium.By.xpath("//button[text()='Refresh']"))
                            .click();
                }
                return seen;
            });
            owner.screenshot("share-analytics");
            assertEquals("1", owner.textOrNull("stat-guests"), "unique guests");
            assertEquals("1", owner.textOrNull("stat-notes"), "notes the guest added");
            assertEquals("1", owner.textOrNull("stat-downloads"), "downloads the guest made");
            assertTrue(owner.find("guest-row").getText().contains("Cleo Client"));
        }
    }

    @Test
    void theViewLimitExpiryAndRevocationCloseTheLinkWithAPageThatSaysSo() throws Exception {
        // One view allowed: the first guest gets in, the second is told the link is used up.
        String once = token(create(Map.of("maxViews", 1)));
        try (Browser first = new Browser(api.base());
                Browser second = new Browser(api.base())) {
            first.open("/s/" + once);
            first.find("guest-name").sendKeys("First");
            first.find("guest-open").click();
            first.find("guest-review");
            second.open("/s/" + once);
            second.awaitAttribute("link-gone", "data-kind", "expired");
            assertTrue(second.find("link-gone").getText().contains("as many times as it allows"));
        }

        // An expiry a few seconds ahead: once the server says the link expired, so does the page.
        String soon =
                token(create(Map.of("expiresAt", Instant.now().plusSeconds(3).toString())));
        try (Browser late = new Browser(api.base())) {
            // The browser's wait polls twice a second until the server answers 410 for the link.
            late.await("the link to expire", d -> linkStatus(soon) == 410);
            late.open("/s/" + soon);
            late.awaitAttribute("link-gone", "data-kind", "expired");
            assertTrue(late.find("link-gone").getText().contains("expired"));
        }

        // Revoked in the owner's share dialog: the guest page says the link is not available.
        JsonNode revoked = create(Map.of("title", "To revoke"));
        try (Browser owner = new Browser(api.base());
                Browser guest = new Browser(api.base())) {
            signedIn(owner, "/review/" + asset);
            owner.find("share-open").click();
            String id = revoked.get("id").asText();
            owner.await("the link listed", d -> !d.findElements(org.openqa.selenium.By.cssSelector(
                            "[data-testid='share-row'][data-share-id='" + id + "'] [data-testid='share-revoke']"))
                    .isEmpty());
            owner.driver()
                    .findElement(org.openqa.selenium.By.cssSelector(
                            "[data-testid='share-row'][data-share-id='" + id + "'] [data-testid='share-revoke']"))
                    .click();
            new WebDriverWait(owner.driver(), Browser.WAIT, Browser.POLL)
                    .until(ExpectedConditions.alertIsPresent())
                    .accept();
            owner.await("the link shown revoked", d -> !d.findElements(org.openqa.selenium.By.cssSelector(
                            "[data-testid='share-row'][data-share-id='" + id + "'][data-state='revoked']"))
                    .isEmpty());
            owner.screenshot("share-list");
            guest.open("/s/" + token(revoked));
            guest.awaitAttribute("link-gone", "data-kind", "revoked");
            assertTrue(guest.find("link-gone").getText().contains("revoked"));
            guest.screenshot("guest-link-revoked");
        }
    }

    private static JsonNode create(Map<String, Object> options) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(options);
        body.put("target", Map.of("type", "asset", "id", asset));
        body.put("rights", java.util.List.of("view", "comment"));
        return api.send("POST", "/api/shares", ServerFixture.JSON.writeValueAsString(body));
    }

    /** Opens a page as the owner: the app sends to the sign-in page first, then back. */
    private static void signedIn(Browser b, String path) {
        b.open(path);
        AccountsBrowserTest.signIn(b, "owen", AccountsBrowserTest.PASSWORD);
        // The review page adds its version and frame to the address once it shows.
        b.await("back on " + path, d -> d.getCurrentUrl().contains(path));
    }

    private static int linkStatus(String token) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(api.base().resolve("/api/guest/links/" + token))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(JsonNode created) {
        return created.get("token").asText();
    }
}
