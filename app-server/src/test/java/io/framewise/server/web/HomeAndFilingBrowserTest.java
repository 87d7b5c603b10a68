package io.framewise.server.web;

import static io.framewise.server.testing.AccessWorld.HTTP;
import static io.framewise.server.testing.AccessWorld.PASSWORD;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.testing.Await;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * Issue 17 in a real Chromium against a real server with two people: media sent every way in shows
 * in the web library where it was filed; the home page's sections fill as the data says for each
 * person; a link to a frame opens on that exact still, and "Continue watching" opens where the
 * reviewer left off.
 */
class HomeAndFilingBrowserTest {

    @TempDir
    static Path data;

    static AccessWorld world;
    static Path clip;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        world = new AccessWorld(data);
        // The world's clock starts in the past; a browser drops a session cookie that expired by its own clock.
        world.clock.advance(java.time.Duration.between(world.clock.instant(), java.time.Instant.now()));
        clip = TestMedia.get(Variant.H264_2997_DF);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everyWayInShowsInTheLibraryWhereItWasFiled() throws Exception {
        String folder = world.server
                .repositories()
                .projects()
                .createFolder(world.projectId, null, "Dailies")
                .id();
        json(upload("?filename=plain-home.mp4"), 201);
        json(upload("?filename=plain-folder.mp4&projectId=" + world.projectId + "&folderId=" + folder), 201);
        tus("tus-home.mp4", null);
        tus("tus-project.mp4", world.projectId);
        Path incoming = world.server.config().dataDir().resolve("incoming");
        Files.createDirectories(incoming.resolve("users/editor"));
        Files.createDirectories(incoming.resolve("Show/Dailies"));
        Files.copy(clip, incoming.resolve("users/editor/watched-home.mp4"));
        Files.copy(clip, incoming.resolve("Show/Dailies/watched-folder.mp4"));

        try (Browser b = new Browser(world.server.baseUri())) {
            signIn(b, "editor");
            b.open("/home");
            awaitTitles(b, List.of("plain-home", "tus-home", "watched-home"));
            b.open("/projects/" + world.projectId + "/" + folder);
            awaitTitles(b, List.of("plain-folder", "watched-folder"));
            b.open("/projects/" + world.projectId);
            awaitTitles(b, List.of("tus-project", "Shot 1"));
        }
    }

    @Test
    void theHomePageFillsAsTheDataSaysAndFrameLinksLandOnTheirStill() throws Exception {
        try (Browser b = new Browser(world.server.baseUri())) {
            signIn(b, "reviewer");
            // Empty sections say what to do; the project's asset waits for review.
            b.await("the home page", d -> b.all("home").isEmpty() ? null : true);
            awaitSectionTitles(b, "home-needs-review", "Shot 1");
            assertTrue(section(b, "home-continue").getText().contains("Open something to review"));
            assertTrue(section(b, "home-mentions").getText().contains("No one has mentioned you"));

            // A link to frame 37 opens on that frame, paused, showing its exact still.
            b.open("/review/" + world.assetId + "?frame=37");
            b.awaitText("frame-index", "37");
            b.await("the still of frame 37", d -> shownCode(b) == 37 ? true : null);
            // The position is kept for "Continue watching".
            Await.until("the position saved", Duration.ofSeconds(60), () -> {
                try {
                    JsonNode cont = json(world.call(Who.REVIEWER, "GET", "/api/home", null), 200)
                            .get("continue");
                    return cont.size() == 1 && cont.get(0).get("frame").asLong() == 37;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            b.open("/");
            WebElement tile = awaitSectionTitles(b, "home-continue", "Shot 1").get(0);
            String href = tile.findElement(By.cssSelector("a.thumb")).getAttribute("href");
            assertTrue(href.endsWith("/review/" + world.assetId + "?frame=37"), href);
            tile.findElement(By.cssSelector("a.thumb")).click();
            b.awaitText("frame-index", "37");
            b.await("the still of frame 37 again", d -> shownCode(b) == 37 ? true : null);
        }
        // The other person sees their own upload as recent, and nothing to continue.
        json(upload("?filename=editors-own.mp4"), 201);
        try (Browser b = new Browser(world.server.baseUri())) {
            signIn(b, "editor");
            awaitSectionTitles(b, "home-recent", "editors-own");
            assertTrue(section(b, "home-continue").getText().contains("Open something to review"));
        }
        // Approved: it leaves the reviewer's "Needs my review".
        json(
                world.call(
                        Who.OWNER,
                        "PUT",
                        "/api/assets/" + world.assetId + "/versions/1/approval",
                        "{\"status\":\"approved\"}"),
                200);
        try (Browser b = new Browser(world.server.baseUri())) {
            signIn(b, "reviewer");
            b.await(
                    "the review section emptied",
                    d -> section(b, "home-needs-review").getText().contains("Nothing waits for your review")
                            ? true
                            : null);
        }
    }

    @Test
    void aMentionAndAReviewRequestShowOnTheHomePageAndTheMentionOpensItsFrame() throws Exception {
        String reviewer = world.userIds.get(Who.REVIEWER);
        json(
                world.call(
                        Who.EDITOR,
                        "POST",
                        "/api/media/" + world.mediaId + "/comments",
                        "{\"frame\":23,\"text\":\"@reviewer is the horizon level here?\"}"),
                201);
        String today = java.time.LocalDate.ofInstant(world.clock.instant(), java.time.ZoneOffset.UTC)
                .toString();
        json(
                world.call(
                        Who.EDITOR,
                        "POST",
                        "/api/assets/" + world.assetId + "/review-requests",
                        "{\"userIds\":[\"" + reviewer + "\"],\"due\":\"" + today
                                + "\",\"message\":\"Before the mix\"}"),
                201);
        try (Browser b = new Browser(world.server.baseUri())) {
            signIn(b, "reviewer");
            WebElement request = explained(b, () -> b.find("home-review-request"));
            assertTrue(request.getText().contains("Before the mix"), request.getText());
            assertTrue(request.getText().contains("due " + today), request.getText());
            WebElement mention = explained(b, () -> b.find("home-mention-link"));
            assertTrue(mention.getText().contains("mentioned you"), mention.getText());
            assertTrue(
                    mention.getAttribute("href").endsWith("/review/" + world.assetId + "?frame=23"),
                    mention.getAttribute("href"));
            b.screenshot("home-mentions-and-requests");
            mention.click();
            b.awaitText("frame-index", "23");
            b.await("the still of frame 23", d -> shownCode(b) == 23 ? true : null);
        }
    }

    // ---- helpers ----

    static int shownCode(Browser b) {
        List<WebElement> still = b.all("still");
        if (still.isEmpty()) {
            return -1;
        }
        try {
            return FrameCode.read(still.get(0).getScreenshotAs(OutputType.BYTES));
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }

    private static void signIn(Browser b, String user) {
        b.open("/signin");
        AccountsBrowserTest.signIn(b, user, PASSWORD);
        b.await("signed in as " + user, d -> user.equals(b.textOrNull("signed-in-as")) ? true : null);
    }

    private static WebElement section(Browser b, String testId) {
        return b.await(testId, d -> b.all(testId).stream().findFirst().orElse(null));
    }

    /** The tiles of a home section once one is titled {@code title}. */
    private static List<WebElement> awaitSectionTitles(Browser b, String testId, String title) {
        return explained(
                b,
                () -> b.await(testId + " shows " + title, d -> {
                    List<WebElement> tiles = new ArrayList<>();
                    for (WebElement s : b.all(testId)) {
                        for (WebElement a : s.findElements(Browser.byTestId("asset"))) {
                            if (title.equals(a.getAttribute("data-title"))) {
                                tiles.add(a);
                            }
                        }
                    }
                    return tiles.isEmpty() ? null : tiles;
                }));
    }

    private static void awaitTitles(Browser b, List<String> titles) {
        explained(
                b,
                () -> b.await("the page lists " + titles, d -> {
                    List<String> shown = new ArrayList<>();
                    b.all("asset").forEach(a -> shown.add(a.getAttribute("data-title")));
                    return shown.containsAll(titles) ? true : null;
                }));
    }

    /** Runs a wait; when it times out, the failure carries what the page showed. */
    private static <T> T explained(Browser b, java.util.function.Supplier<T> wait) {
        try {
            return wait.get();
        } catch (org.openqa.selenium.TimeoutException e) {
            String shown;
            try {
                shown = b.driver().findElement(By.tagName("body")).getText();
            } catch (RuntimeException gone) {
                shown = "(no page)";
            }
            throw new AssertionError(
                    e.getMessage().lines().findFirst().orElse("") + "; the page at "
                            + b.driver().getCurrentUrl() + " showed: " + shown,
                    e);
        }
    }

    private static HttpResponse<String> upload(String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(world.uri("/api/media" + query))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofFile(clip));
        world.credentials(Who.EDITOR).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void tus(String name, String projectId) throws Exception {
        String metadata = "filename " + b64(name) + (projectId == null ? "" : ",projectId " + b64(projectId));
        HttpRequest.Builder create = HttpRequest.newBuilder(world.uri("/api/tus"))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(Files.size(clip)))
                .header("Upload-Metadata", metadata)
                .POST(HttpRequest.BodyPublishers.noBody());
        world.credentials(Who.EDITOR).forEach(create::header);
        HttpResponse<String> created = HTTP.send(create.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        URI location = world.uri("/api/tus")
                .resolve(created.headers().firstValue("Location").orElseThrow());
        HttpRequest.Builder patch = HttpRequest.newBuilder(location)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofFile(clip));
        world.credentials(Who.EDITOR).forEach(patch::header);
        HttpResponse<String> done = HTTP.send(patch.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, done.statusCode(), done.body());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
