package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Jumping along the timeline in a real Chromium on an item with a seek proxy (ADR 0051): the seek
 * proxy's picture of the new frame shows first, marked as a preview, and the exact still replaces
 * it; a seek picture that comes after the exact still is dropped; and over quick jumps and a drag,
 * every picture put on screen shows the frame index wanted at that moment (its frame code read from
 * the picture), ending on the exact still. Which answer comes first is decided by holding one kind
 * of still request in the page until the test lets it go, so nothing depends on timing.
 */
class SeekProxyBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String media;

    /**
     * Records every picture the player puts on screen from now on ({@code window.__shown}: frame, source, the
     * server URL it was fetched from ({@code data-url}; its src is an object URL) and the frame label at that
     * moment), and lets the test hold stills of one source ({@code
     * window.__hold.exact / .seek}) until {@code window.__release(source)}; {@code window.__loaded}
     * lists the URLs of released stills once the page has handled their arrival.
     */
    private static final String INSTRUMENT = String.join(
            "\n",
            "window.__shown = []; window.__held = []; window.__loaded = [];",
            "window.__hold = {exact: false, seek: false};",
            "const box = document.querySelector('[data-testid=still]').parentElement;",
            "let lastSrc = document.querySelector('[data-testid=still]').getAttribute('src');",
            "const record = () => {",
            "  const s = box.querySelector('[data-testid=still]');",
            "  if (!s) return;",
            "  const e = {frame: Number(s.getAttribute('data-frame')), source: s.getAttribute('data-source'),",
            "    src: s.getAttribute('data-url'), shown: s.getAttribute('src'),",
            "    label: Number(document.querySelector('[data-testid=frame-index]').textContent)};",
            "  if (e.shown !== lastSrc) { lastSrc = e.shown; window.__shown.push(e); }",
            "};",
            "new MutationObserver(record).observe(box, {subtree: true, childList: true, attributes: true});",
            // The page fetches stills (and aborts them when superseded): a held one waits for __release.
            "const realFetch = window.fetch.bind(window);",
            "const kind = (v) => /prefetch=play/.test(v) ? null : /source=seek/.test(v) ? 'seek'",
            "  : /\\/frames\\//.test(v) ? 'exact' : null;",
            "window.fetch = (input, init) => {",
            "  const url = String(input && input.url ? input.url : input);",
            "  const k = kind(url);",
            "  if (!k || !window.__hold[k]) return realFetch(input, init);",
            "  return new Promise((resolve, reject) => window.__held.push([url, k, () => {",
            "    const p = realFetch(input, init);",
            "    const done = () => requestAnimationFrame(() => requestAnimationFrame(() => window.__loaded.push(url)));",
            "    p.then((r) => r.clone().blob()).then(done, done);",
            "    p.then(resolve, reject);",
            "  }]));",
            "};",
            "window.__release = (k) => {",
            "  window.__hold[k] = false;",
            "  const keep = [];",
            "  for (const h of window.__held) { if (h[1] !== k) keep.push(h); else h[2](); }",
            "  window.__held = keep;",
            "};");

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        String project = api.project("Jumps");
        media = api.upload(TestMedia.get(Variant.H264_LONG_GOP), "long-gop.mp4");
        api.awaitReady(media);
        asset = api.asset(project, "Long GOP", media);
        Await.until("the seek proxy", Duration.ofSeconds(90), () -> {
            try {
                for (var r : api.get("/api/media/" + media).path("renditions")) {
                    if (r.path("kind").asText().equals("seek_proxy")
                            && r.path("status").asText().equals("ready")) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void jumpsShowTheSeekPictureFirstThenTheExactStillAndNeverAnotherFrame() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.js(INSTRUMENT);
            WebElement timeline = b.find("timeline");

            // The exact still held back: the seek proxy's picture of the new frame shows, as a preview.
            b.js("window.__hold.exact = true;");
            int first = clickTimeline(b, timeline, 0.8);
            b.awaitAttribute("still", "data-source", "seek");
            assertEquals(String.valueOf(first), b.find("still").getAttribute("data-frame"));
            assertEquals(first, WebUiBrowserTest.shownCode(b), "the seek picture shows the frame jumped to");
            assertTrue(b.find("still-preview").isDisplayed(), "the quick picture is marked as a preview");
            b.js("window.__release('exact');");
            b.awaitAttribute("still", "data-source", "exact");
            assertEquals(String.valueOf(first), b.find("still").getAttribute("data-frame"));
            assertEquals(first, WebUiBrowserTest.shownCode(b));
            assertTrue(b.all("still-preview").isEmpty(), "no preview mark on the exact still");

            // The seek picture held back until the exact still is on screen: it never replaces it.
            b.js("window.__hold.seek = true;");
            int second = clickTimeline(b, timeline, 0.3);
            b.await("the exact still of frame " + second, d -> {
                WebElement s = b.find("still");
                return String.valueOf(second).equals(s.getAttribute("data-frame"))
                        && "exact".equals(s.getAttribute("data-source"));
            });
            String late = (String) b.js("return window.__held.length ? window.__held[0][0] : null;");
            assertTrue(late != null && late.contains("source=seek"), "the seek picture was asked for: " + late);
            b.js("window.__release('seek');");
            b.await("the late seek picture to arrive", d ->
                    (Boolean) b.js("return window.__loaded.includes(arguments[0]);", late));
            assertEquals("exact", b.find("still").getAttribute("data-source"));
            assertEquals(String.valueOf(second), b.find("still").getAttribute("data-frame"));
            assertEquals(second, WebUiBrowserTest.shownCode(b));

            // Quick jumps and a drag along the timeline, nothing held: it ends on the exact still.
            for (double at : new double[] {0.1, 0.95, 0.5, 0.25}) {
                clickTimeline(b, timeline, at);
            }
            int w = timeline.getRect().getWidth();
            new Actions(b.driver())
                    .moveToElement(timeline, (int) (-0.4 * w), 0)
                    .clickAndHold()
                    .moveByOffset((int) (0.2 * w), 0)
                    .moveByOffset((int) (0.3 * w), 0)
                    .moveByOffset((int) (-0.1 * w), 0)
                    .moveByOffset((int) (0.35 * w), 0)
                    .release()
                    .perform();
            int last = Integer.parseInt(b.find("frame-index").getText().trim());
            b.await("the exact still of frame " + last, d -> {
                WebElement s = b.find("still");
                return String.valueOf(last).equals(s.getAttribute("data-frame"))
                        && "exact".equals(s.getAttribute("data-source"));
            });
            assertEquals(last, WebUiBrowserTest.shownCode(b));
            assertEveryShownPictureWasOfTheWantedFrame(b);
        }
    }

    /** Clicks the timeline at {@code fraction} of its width; returns the frame the player went to. */
    private static int clickTimeline(Browser b, WebElement timeline, double fraction) {
        int w = timeline.getRect().getWidth();
        String before = b.find("frame-index").getText().trim();
        new Actions(b.driver())
                .moveToElement(timeline, (int) ((fraction - 0.5) * w), 0)
                .click()
                .perform();
        b.await(
                "the playhead to move from " + before,
                d -> !before.equals(b.textOrNull("frame-index").trim()));
        return Integer.parseInt(b.find("frame-index").getText().trim());
    }

    /**
     * Every picture the page put on screen since instrumenting: shown for the frame the label named
     * at that moment, and (fetched again: stills never change) carrying that frame's code.
     */
    @SuppressWarnings("unchecked")
    private static void assertEveryShownPictureWasOfTheWantedFrame(Browser b) throws Exception {
        List<Map<String, Object>> shown = (List<Map<String, Object>>) b.js("return window.__shown;");
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().anyMatch(s -> "seek".equals(s.get("source"))), "seek pictures were shown: " + shown);
        HttpClient http = HttpClient.newHttpClient();
        for (Map<String, Object> s : shown) {
            int frame = ((Number) s.get("frame")).intValue();
            assertEquals(((Number) s.get("label")).intValue(), frame, "shown for the frame wanted then: " + s);
            String src = (String) s.get("src");
            assertTrue(src.contains("/frames/" + frame + "?"), "the picture asked for its own frame: " + s);
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(api.base().resolve(src)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), src);
            assertEquals(frame, FrameCode.read(r.body()), "the picture shown carries frame " + frame + ": " + s);
        }
    }
}
