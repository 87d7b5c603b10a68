package io.framewise.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.web.Browser;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The review page in a real Chromium against a server process on loopback (issue 16), on the seek
 * benchmark's 60 s 1080p H.264 source (GOP 250, B-frames, its seek proxy made): (a) opening the
 * review link until the first picture of the frame is on screen, the browser's cache emptied before
 * each open; (b) pausing playback at random moments until the exact still of the paused frame is on
 * screen, with the page's play hints ({@code prefetch=play}) sent and with them swallowed in the
 * page, alternating; (c) holding an arrow key at 25 steps/s forward and back: frames shown against
 * frames asked, and the time from each key repeat to its frame's picture.
 *
 * <p>"On screen" is measured in the page: the moment a still {@code <img>} of the review page gets a
 * new picture (its object URL, already decoded), taken in the next animation frame callback, on the
 * page's own clock ({@code performance.now()}, zero at navigation start for the first picture).
 */
final class WebBench {

    static final int OPENS = Integer.getInteger("framewise.webOpens", 10);
    static final int PAUSES = Integer.getInteger("framewise.webPauses", 10);
    static final int STEPS = 100;

    /** Runs before the page's own scripts on every navigation; see the class comment for what counts. */
    private static final String WATCH = String.join(
            "\n",
            "window.__fw = {first: null, firstExact: null, shown: [], hints: {}, dropHints: false, asked: 0, aborted: 0};",
            "(() => {",
            "  const fw = window.__fw; const realFetch = window.fetch.bind(window);",
            // Room for every request of the run in the resource timing (its default buffer keeps 250).
            "  performance.setResourceTimingBufferSize(100000);",
            "  window.fetch = (input, init) => {",
            "    const url = String(input && input.url ? input.url : input);",
            "    if (/prefetch=play/.test(url)) {",
            "      if (fw.dropHints) return Promise.resolve(new Response(null, {status: 204}));",
            "      const p = realFetch(input, init);",
            "      p.then((r) => { fw.hints[r.status] = (fw.hints[r.status] || 0) + 1; }, () => {});",
            "      return p;",
            "    }",
            "    if (/\\/frames\\//.test(url)) {",
            "      fw.asked++;",
            "      if (init && init.signal) init.signal.addEventListener('abort', () => fw.aborted++);",
            "    }",
            "    return realFetch(input, init);",
            "  };",
            // A new element counts too: after playing, the paused frame's still may be the picture shown before.
            "  let last = null; let lastEl = null;",
            "  new MutationObserver(() => {",
            "    const s = document.querySelector('[data-testid=still]');",
            "    if (!s || (s === lastEl && s.getAttribute('src') === last)) return;",
            "    last = s.getAttribute('src'); lastEl = s;",
            "    const e = {frame: Number(s.getAttribute('data-frame')), source: s.getAttribute('data-source'), at: null};",
            "    fw.shown.push(e);",
            "    requestAnimationFrame(() => {",
            "      e.at = performance.now();",
            "      if (fw.first === null) fw.first = e.at;",
            "      if (fw.firstExact === null && e.source === 'exact') fw.firstExact = e.at;",
            "    });",
            "  }).observe(document, {subtree: true, childList: true, attributes: true,",
            "    attributeFilter: ['src', 'data-frame', 'data-source']});",
            "})();");

    /** Pauses with the space key; returns the page time of the key and the frame paused on. */
    private static final String PAUSE = String.join(
            "\n",
            "const t = performance.now();",
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: ' ', code: 'Space', bubbles: true}));",
            "return [t, Number(document.querySelector('[data-testid=frame-index]').textContent)];");

    /** Key repeats every 40 ms; window.__fw.steps gets [page time, frame labelled] of each. */
    private static final String HOLD = String.join(
            "\n",
            "const [key, n] = arguments; window.__fw.steps = []; window.__fw.held = false;",
            "let i = 0;",
            "const next = () => {",
            "  if (i++ >= n) { window.__fw.held = true; return; }",
            "  const t = performance.now();",
            "  document.body.dispatchEvent(new KeyboardEvent('keydown', {key, code: key, repeat: i > 1, bubbles: true}));",
            // The page updates its label after the key's handler returns (a microtask): read it then.
            "  setTimeout(() => window.__fw.steps.push([t, Number(document.querySelector('[data-testid=frame-index]').textContent)]), 0);",
            "  setTimeout(next, 40);",
            "};",
            "next();");

    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    WebBench(Path work) {
        this.work = work;
    }

    void run(List<ServerBench.Row> rows) throws Exception {
        Browser.assumeAvailable();
        Path dataDir = work.resolve("web-library");
        ServerBench.deleteTree(dataDir);
        SeekBench seek = new SeekBench(work);
        try {
            SeekBench.Prepared p = seek.prepare(seek.source(), dataDir);
            try (ServerProcess server = ServerProcess.start(dataDir, "1g", work.resolve("web-server.log"))) {
                String project = post(server, "/api/projects", Map.of("name", "Web bench"))
                        .get("id")
                        .asText();
                String asset = post(
                                server,
                                "/api/assets",
                                Map.of("projectId", project, "title", "60 s 1080p", "mediaId", p.id()))
                        .get("id")
                        .asText();
                try (Browser b = new Browser(server.baseUri(), List.of("--autoplay-policy=no-user-gesture-required"))) {
                    ChromeDriver chrome = (ChromeDriver) b.driver();
                    chrome.executeCdpCommand("Network.enable", Map.of());
                    chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
                    firstFrame(b, chrome, asset, rows);
                    pauses(b, rows);
                    stepping(b, rows);
                }
            }
        } finally {
            ServerBench.deleteTree(dataDir);
        }
    }

    /** (a) Opening the review link, cold browser cache, until the first picture is on screen. */
    private void firstFrame(Browser b, ChromeDriver chrome, String asset, List<ServerBench.Row> rows) {
        Samples first = new Samples();
        Samples exact = new Samples();
        for (int i = 0; i < OPENS + 1; i++) {
            chrome.executeCdpCommand("Network.clearBrowserCache", Map.of());
            b.open("/review/" + asset);
            b.await("the first exact still", d -> b.js("return window.__fw.firstExact;") != null);
            if (i == 0) {
                continue; // the server's first open of the item opens its readers
            }
            first.add(((Number) b.js("return window.__fw.first;")).doubleValue());
            exact.add(((Number) b.js("return window.__fw.firstExact;")).doubleValue());
        }
        System.out.printf(
                Locale.ROOT,
                "web: first picture p50 %.0f ms p95 %.0f ms; first exact still p50 %.0f ms p95 %.0f ms (%d opens)%n",
                first.percentile(50),
                first.percentile(95),
                exact.percentile(50),
                exact.percentile(95),
                OPENS);
        rows.add(new ServerBench.Row(
                "web: open the review link (browser cache emptied) to the first picture on screen, " + OPENS
                        + " opens (any picture of the frame vs the exact still)",
                String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms", first.percentile(50), first.percentile(95)),
                String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms", exact.percentile(50), exact.percentile(95)),
                String.format(Locale.ROOT, "%.2fx of the 1 s goal (p95)", first.percentile(95) / 1000),
                "< 1 s"));
    }

    /** (b) Play, pause at a random moment, time to the exact still of the paused frame. */
    @SuppressWarnings("unchecked")
    private void pauses(Browser b, List<ServerBench.Row> rows) {
        Random random = new Random(16);
        Samples with = new Samples();
        Samples without = new Samples();
        Samples asked = new Samples();
        Samples firstByte = new Samples();
        Samples lastByte = new Samples();
        for (int i = 0; i < 2 * PAUSES; i++) {
            boolean hints = i % 2 == 0;
            b.js("window.__fw.dropHints = arguments[0];", !hints);
            b.js(
                    "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: ' ', code: 'Space', bubbles: true}));");
            b.await(
                    "playback",
                    d -> Boolean.TRUE.equals(
                            b.js(
                                    "const v = document.querySelector('[data-testid=video]'); return !v.paused && v.currentTime > 0;")));
            ServerBench.pause(700 + random.nextInt(1300));
            List<Object> at = (List<Object>) b.js(PAUSE);
            double t0 = ((Number) at.get(0)).doubleValue();
            Number shown = b.await("the exact still of the paused frame", d -> (Number) b.js(
                    "const t0 = arguments[0]; const f = Number(document.querySelector('[data-testid=frame-index]')"
                            + ".textContent); const e = window.__fw.shown.find((s) => s.at !== null && s.at >= t0"
                            + " && s.frame === f && s.source === 'exact'); return e ? e.at : null;",
                    t0));
            (hints ? with : without).add(shown.doubleValue() - t0);
            // Where the time went: the paused still's request in the page's resource timing.
            List<Object> timing = (List<Object>) b.js(
                    "const [t0, f] = arguments; const r = performance.getEntriesByType('resource').find((e) =>"
                            + " e.startTime >= t0 && !/prefetch=play/.test(e.name)"
                            + " && new RegExp('/frames/' + f + '([?]|$)').test(e.name));"
                            + " return r ? [r.startTime - t0, r.responseStart - t0, r.responseEnd - t0] : null;",
                    t0,
                    at.get(1));
            if (hints && timing != null) {
                asked.add(((Number) timing.get(0)).doubleValue());
                firstByte.add(((Number) timing.get(1)).doubleValue());
                lastByte.add(((Number) timing.get(2)).doubleValue());
            }
        }
        System.out.printf(
                Locale.ROOT,
                "web: pause with hints, p50 from the key: still asked %.0f ms, first byte %.0f ms, last byte %.0f ms,"
                        + " on screen %.0f ms (%d of %d stills in the resource timing)%n",
                asked.percentile(50),
                firstByte.percentile(50),
                lastByte.percentile(50),
                with.percentile(50),
                asked.count(),
                PAUSES);
        Map<String, Object> answers = (Map<String, Object>) b.js("return window.__fw.hints;");
        System.out.printf(
                Locale.ROOT,
                "web: pause to exact still with hints p50 %.0f ms p95 %.0f ms, without p50 %.0f ms p95 %.0f ms;"
                        + " hint answers by status %s%n",
                with.percentile(50),
                with.percentile(95),
                without.percentile(50),
                without.percentile(95),
                answers);
        rows.add(new ServerBench.Row(
                "web: pause at a random moment of playback to the exact still on screen, " + PAUSES
                        + " pauses each (play hints sent vs swallowed in the page; hint answers " + answers + ")",
                String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms", with.percentile(50), with.percentile(95)),
                String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms", without.percentile(50), without.percentile(95)),
                String.format(Locale.ROOT, "%.2fx (p50)", without.percentile(50) / with.percentile(50)),
                "< 50 ms"));
    }

    /** (c) An arrow key held at 25 steps/s forward, then back. */
    private void stepping(Browser b, List<ServerBench.Row> rows) {
        for (String key : List.of("ArrowRight", "ArrowLeft")) {
            b.js("window.__fw.asked = 0; window.__fw.aborted = 0;");
            double holdStart = ((Number) b.js("return performance.now();")).doubleValue();
            b.js(HOLD, key, STEPS);
            b.await("the key to be let go", d -> Boolean.TRUE.equals(b.js("return window.__fw.held;")));
            int last = Integer.parseInt(
                    ((String) b.js("return document.querySelector('[data-testid=frame-index]').textContent;")).trim());
            b.await(
                    "the exact still of the last frame",
                    d -> Boolean.TRUE.equals(b.js(
                            "return window.__fw.shown.some((s) => s.at !== null && s.frame === arguments[0]"
                                    + " && s.source === 'exact');",
                            last)));
            // A repeat the page held back (the picture three frames behind) moves nothing: only moves count.
            int moved = ((Number) b.js("return window.__fw.steps.filter(([, f], i, a) =>"
                            + " i === 0 || a[i - 1][1] !== f).length;"))
                    .intValue();
            Samples perStep = new Samples();
            int shown = 0;
            for (Object o : (List<?>) b.js(
                    "return window.__fw.steps.filter(([, f], i, a) => i === 0 || a[i - 1][1] !== f).map(([t, f]) => {"
                            + " const e = window.__fw.shown.find((s) => s.at !== null && s.at >= t && s.frame === f);"
                            + " return e ? e.at - t : -1; });")) {
                double ms = ((Number) o).doubleValue();
                if (ms >= 0) {
                    perStep.add(ms);
                    shown++;
                }
            }
            // Where the time went: how long the page's still requests took, quick pictures and exact stills.
            System.out.println(
                    "web: step " + key + ", still requests by kind (count, p50 and p95 of request to last byte): "
                            + b.js(
                                    "const t0 = arguments[0]; const out = {};"
                                            + " for (const e of performance.getEntriesByType('resource')) {"
                                            + "  if (e.startTime < t0 || !/\\/frames\\//.test(e.name) || /prefetch=play/.test(e.name)) continue;"
                                            + "  const k = /source=seek/.test(e.name) ? 'seek' : 'exact';"
                                            + "  (out[k] = out[k] || []).push(e.responseEnd - e.startTime); }"
                                            + " for (const k in out) { const v = out[k].sort((a, b) => a - b);"
                                            + "  out[k] = [v.length, Math.round(v[Math.floor(v.length / 2)]),"
                                            + "   Math.round(v[Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)])]; }"
                                            + " return JSON.stringify(out);",
                                    holdStart));
            long asked = ((Number) b.js("return window.__fw.asked;")).longValue();
            long aborted = ((Number) b.js("return window.__fw.aborted;")).longValue();
            String dir = key.equals("ArrowRight") ? "forward" : "back";
            System.out.printf(
                    Locale.ROOT,
                    "web: step %s, %d key repeats moved %d frames, %d shown, p50 %.1f ms p95 %.1f ms;"
                            + " %d still requests, %d aborted%n",
                    dir,
                    STEPS,
                    moved,
                    shown,
                    perStep.percentile(50),
                    perStep.percentile(95),
                    asked,
                    aborted);
            rows.add(new ServerBench.Row(
                    "web: hold " + key + " at 25 steps/s for " + STEPS + " steps (" + dir
                            + "), key repeat to its frame's picture on screen; frames moved and shown",
                    String.format(
                            Locale.ROOT,
                            "p50 %.1f ms, p95 %.1f ms; %d repeats moved %d frames, %d shown",
                            perStep.percentile(50),
                            perStep.percentile(95),
                            STEPS,
                            moved,
                            shown),
                    String.format(Locale.ROOT, "%d still requests, %d aborted", asked, aborted),
                    String.format(
                            Locale.ROOT,
                            "%.0f%% of repeats moved, %.0f%% of moves shown",
                            100.0 * moved / STEPS,
                            100.0 * shown / Math.max(1, moved)),
                    "p95 < 40 ms, every repeat moves and shows"));
        }
    }

    private JsonNode post(ServerProcess server, String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(server.uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }
}
