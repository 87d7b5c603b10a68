package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * Holding an arrow key in a real Chromium (issue 16): key repeats at 25 steps/s forward, back and
 * forward again over a long-GOP item. Every picture the page puts on screen is read back in the page
 * (its frame code, from the pixels of the very picture shown) and must be the frame the label names
 * at that moment (a repeat waits while the picture is three frames behind, so the index may move
 * less than the repeats); after the key is let go the exact still of the last frame is on screen, and no
 * request for a frame the reviewer has left behind is still running (superseded stills are aborted,
 * not queued). Nothing here depends on how fast the server answers: the checks hold for any speed.
 */
class StepHoldBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;

    /**
     * Records every picture put on screen ({@code window.__shown}: its frame, the label then, and the
     * frame code read from its pixels once decoded) and every still request the page makes with
     * whether it has ended ({@code window.__requests}).
     */
    private static final String INSTRUMENT = String.join(
            "\n",
            "window.__shown = []; window.__requests = [];",
            "const box = document.querySelector('[data-testid=still]').parentElement;",
            "let lastSrc = document.querySelector('[data-testid=still]').getAttribute('src');",
            "const code = (img) => {",
            "  const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;",
            "  const g = c.getContext('2d'); g.drawImage(img, 0, 0);",
            "  const y = Math.floor(c.height / 12); let v = 0;",
            "  for (let bit = 0; bit < 16; bit++) {",
            "    const x = Math.floor((bit + 0.5) * c.width / 16);",
            "    const p = g.getImageData(x - 2, y - 2, 5, 5).data; let sum = 0;",
            "    for (let i = 0; i < p.length; i += 4) sum += (299 * p[i] + 587 * p[i + 1] + 114 * p[i + 2]) / 1000;",
            "    const luma = sum / (p.length / 4);",
            "    if (luma > 170) v |= 1 << bit; else if (luma >= 85) return -2;",
            "  }",
            "  return v;",
            "};",
            "new MutationObserver(() => {",
            "  const s = box.querySelector('[data-testid=still]');",
            "  if (!s || s.getAttribute('src') === lastSrc) return;",
            "  lastSrc = s.getAttribute('src');",
            "  const e = {frame: Number(s.getAttribute('data-frame')), source: s.getAttribute('data-source'),",
            "    label: Number(document.querySelector('[data-testid=frame-index]').textContent), code: -1};",
            "  window.__shown.push(e);",
            "  const im = new Image(); im.src = lastSrc;",
            "  im.decode().then(() => { e.code = code(im); }, () => { e.code = -3; });",
            "}).observe(box, {subtree: true, childList: true, attributes: true});",
            "const realFetch = window.fetch.bind(window);",
            "window.fetch = (input, init) => {",
            "  const url = String(input && input.url ? input.url : input);",
            "  const m = /\\/frames\\/(\\d+)\\?/.exec(url);",
            "  const p = realFetch(input, init);",
            "  if (m && !/prefetch=play|source=seek/.test(url)) {",
            "    const r = {frame: Number(m[1]), ended: false, aborted: false};",
            "    window.__requests.push(r);",
            "    init && init.signal && init.signal.addEventListener('abort', () => { r.aborted = true; });",
            "    p.then((res) => res.clone().blob()).then(() => { r.ended = true; }, () => { r.ended = true; });",
            "  }",
            "  return p;",
            "};");

    /** Key repeats of `keys` (a list of [key, count]) every 40 ms; sets window.__held when done. */
    private static final String HOLD = String.join(
            "\n",
            "window.__held = false;",
            "const plan = arguments[0]; const keys = [];",
            "for (const [k, n] of plan) for (let i = 0; i < n; i++) keys.push([k, i > 0]);",
            "let i = 0;",
            "const next = () => {",
            "  if (i >= keys.length) { window.__held = true; return; }",
            "  const [key, repeat] = keys[i++];",
            "  document.body.dispatchEvent(new KeyboardEvent('keydown', {key, code: key, repeat, bubbles: true}));",
            "  setTimeout(next, 40);",
            "};",
            "next();");

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(1));
        api = new ServerFixture(server);
        String project = api.project("Stepping");
        String media = api.upload(TestMedia.get(Variant.H264_LONG_GOP), "long-gop.mp4");
        api.awaitReady(media);
        asset = api.asset(project, "Long GOP", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void holdingAStepKeyShowsOnlyPicturesOfTheLabelledFrameAndEndsOnTheExactStill() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.js(INSTRUMENT);
            // Forward, round, back past the last GOP boundary's neighbours, and forward again.
            b.js(HOLD, List.of(List.of("ArrowRight", 40), List.of("ArrowLeft", 25), List.of("ArrowRight", 8)));
            b.await("the key to be let go", d -> Boolean.TRUE.equals(b.js("return window.__held;")));
            int last = Integer.parseInt(b.find("frame-index").getText().trim());
            assertTrue(last >= 0 && last <= 23, "the repeats moved at most a frame each: " + last);
            b.await("the exact still of frame " + last, d -> {
                WebElement s = b.find("still");
                return String.valueOf(last).equals(s.getAttribute("data-frame"))
                        && "exact".equals(s.getAttribute("data-source"));
            });
            assertEquals(last, WebUiBrowserTest.shownCode(b), "the picture on screen is frame " + last);
            b.await(
                    "every picture shown to be read back",
                    d -> Boolean.TRUE.equals(b.js("return window.__shown.every((e) => e.code !== -1);")));
            assertEveryPictureWasTheLabelledFrame(b);
            assertNothingStaleIsStillAsked(b, last);
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertEveryPictureWasTheLabelledFrame(Browser b) {
        List<Map<String, Object>> shown = (List<Map<String, Object>>) b.js("return window.__shown;");
        assertTrue(shown.size() >= 2, "pictures were put on screen while the key was held: " + shown);
        for (Map<String, Object> s : shown) {
            int frame = ((Number) s.get("frame")).intValue();
            assertEquals(((Number) s.get("label")).intValue(), frame, "shown under the label of its frame: " + s);
            assertEquals(frame, ((Number) s.get("code")).intValue(), "the picture carries frame " + frame + ": " + s);
        }
    }

    /**
     * Once the last frame's still is on screen, a request still running may only be for a frame ahead
     * of it in the last direction (fetched ahead); every earlier one has ended or was aborted.
     */
    @SuppressWarnings("unchecked")
    private static void assertNothingStaleIsStillAsked(Browser b, int last) {
        List<Map<String, Object>> requests = (List<Map<String, Object>>) b.js("return window.__requests;");
        assertTrue(requests.size() > 1, "the page fetched the stills: " + requests);
        long aborted = requests.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("aborted")))
                .count();
        for (Map<String, Object> r : requests) {
            int frame = ((Number) r.get("frame")).intValue();
            boolean open = !Boolean.TRUE.equals(r.get("ended")) && !Boolean.TRUE.equals(r.get("aborted"));
            assertTrue(
                    !open || (frame > last && frame <= last + 3),
                    "a stale request is still running: " + r + " (" + requests.size() + " requests, " + aborted
                            + " aborted)");
        }
    }
}
