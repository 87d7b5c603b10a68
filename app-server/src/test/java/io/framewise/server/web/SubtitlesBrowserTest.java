package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.subtitles.SubtitleTestMedia;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * An embedded SRT track (mov_text in MP4) and a sidecar WebVTT show in a real Chromium on exactly the
 * frames their cues cover: the rendered cue text is read at the first and the last frame of a cue
 * and one frame outside it on each side, paused on the frame-exact still.
 */
class SubtitlesBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String media;
    static String embedded;
    static String sidecar;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        String project = api.project("Subtitled");
        // 4 s at 25 fps; the embedded cues are on frames 25..49 and 63..74.
        Path file = SubtitleTestMedia.make(data, "25", "mp4", "mov_text", 4);
        media = api.upload(file, "subtitled.mp4");
        api.awaitReady(media);
        asset = api.asset(project, "Subtitled", media);
        embedded = Await.value("the embedded track", Duration.ofSeconds(120), () -> {
            JsonNode list = api.get("/api/media/" + media + "/subtitles");
            return list.size() > 0 ? list.get(0).path("id").asText() : null;
        });
        // The sidecar's cue is on frames 10..19: 0.4 s is frame 10, 0.8 s frame 20 (excluded).
        String vtt = "WEBVTT\n\n00:00:00.400 --> 00:00:00.800\nSide <b>cue</b>\n";
        HttpResponse<String> up = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(api.base().resolve("/api/media/" + media + "/subtitles?label=Notes"))
                                .header("Content-Type", "text/vtt")
                                .POST(HttpRequest.BodyPublishers.ofString(vtt, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, up.statusCode(), up.body());
        sidecar = ServerFixture.JSON.readTree(up.body()).path("id").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Goes to frame n, waits for its still, and returns the cue text rendered there (null for none). */
    static String cueAt(Browser b, int n) {
        b.find("readout").click();
        b.find("goto").sendKeys(n + "" + Keys.ENTER);
        WebUiBrowserTest.awaitFrame(b, n, null);
        // The cue follows the frame index; wait until the overlay has caught up with this frame.
        return b.await("the subtitle overlay at frame " + n, d -> {
                    Object text = b.js(
                            "const c = document.querySelector(\"[data-testid='subtitle-cue']\");"
                                    + "if (!c) return 'none';"
                                    + "if (c.getAttribute('data-frame') !== arguments[0]) return null;"
                                    + "return [...c.querySelectorAll('.cue')].map(p => p.innerText).join('|');",
                            String.valueOf(n));
                    return text;
                })
                .toString()
                .transform(t -> t.equals("none") ? null : t);
    }

    @Test
    void cuesShowOnExactlyTheFramesTheyCover() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            Select menu = new Select(b.find("subtitle-menu"));
            // MP4 marks its first subtitle track default (enabled), so it shows from the start; the
            // sidecar is not default. Turned off, nothing shows.
            assertTrue(api.get("/api/media/" + media + "/subtitles")
                    .get(0)
                    .path("default")
                    .asBoolean());
            assertEquals("eng (embedded)", menu.getFirstSelectedOption().getText());
            assertEquals("First line", cueAt(b, 30));
            menu.selectByVisibleText("Off");
            assertNull(cueAt(b, 31), "no cue while subtitles are off");

            menu.selectByIndex(1);
            assertEquals("eng (embedded)", menu.getFirstSelectedOption().getText());
            assertNull(cueAt(b, 24));
            assertEquals("First line", cueAt(b, 25));
            assertEquals("First line", cueAt(b, 49));
            assertNull(cueAt(b, 50));
            assertNull(cueAt(b, 62));
            assertEquals("Second & last", cueAt(b, 63));
            assertEquals("Second & last", cueAt(b, 74));
            assertNull(cueAt(b, 75));

            new Select(b.find("subtitle-menu")).selectByVisibleText("Notes (file)");
            assertNull(cueAt(b, 9));
            assertEquals("Side cue", cueAt(b, 10));
            assertEquals("Side cue", cueAt(b, 19));
            assertNull(cueAt(b, 20));
            // The markup survives only as text: no element from the file reaches the page.
            assertEquals(
                    0L,
                    ((Number) b.js("return document.querySelectorAll(\"[data-testid='subtitle-cue'] b\").length"))
                            .longValue());

            // Searching the cues of every track goes to the cue found, on its track.
            b.find("subtitle-search").sendKeys("second" + Keys.ENTER);
            b.find("subtitle-result").click();
            WebUiBrowserTest.awaitFrame(b, 63, null);
            assertEquals(
                    "eng (embedded)",
                    new Select(b.find("subtitle-menu")).getFirstSelectedOption().getText());
            assertEquals("Second & last", cueAt(b, 63));
            new Select(b.find("subtitle-menu")).selectByVisibleText("Notes (file)");

            // A cue starts a range note over its frames.
            cueAt(b, 12);
            b.find("cue-note").click();
            b.find("composer");
            String text = b.find("note-input").getAttribute("value");
            assertTrue(text.startsWith("\u201cSide cue\u201d"), text);
            b.find("note-input").sendKeys("reads too early");
            b.find("note-input").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            JsonNode note = Await.value("the cue's note", Duration.ofSeconds(30), () -> {
                JsonNode notes = api.get("/api/media/" + media + "/comments");
                JsonNode items = notes.has("items") ? notes.path("items") : notes;
                return items.size() > 0 ? items.get(0) : null;
            });
            assertEquals(10, note.path("frame").asInt(), note::toString);
            assertEquals(20, note.path("frameOut").asInt(), note::toString);
            assertTrue(note.path("text").asText().endsWith("reads too early"), note::toString);
            b.screenshot("subtitles-sidecar");
        }
    }
}
