package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.hls.HlsPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;

/**
 * A media long enough for an HLS ladder (the threshold lowered to 5 s) plays in a real Chromium
 * through hls.js, and paused, the still shown carries the frame index the player shows.
 */
class HlsBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String media;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data.resolve("server"))
                .withPort(0)
                .withWorkers(2)
                .withHls(new HlsPolicy(5, 1_000_000_000L)));
        api = new ServerFixture(server);
        String project = api.project("Long media");
        // 10 s at 25 fps, 640x360, frame index in the picture: a 360p ladder of three 4 s segments.
        media = api.upload(TestMedia.get(Variant.H264_LONG_GOP), "long-take.mp4");
        api.awaitReady(media);
        Await.until("the HLS ladder", Duration.ofSeconds(120), () -> hasLadder(media));
        asset = api.asset(project, "Long take", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static boolean hasLadder(String id) {
        try {
            JsonNode item = api.get("/api/media/" + id);
            return StreamSupport.stream(item.path("renditions").spliterator(), false)
                    .anyMatch(r -> r.path("kind").asText().equals("hls")
                            && r.path("status").asText().equals("ready"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the element and the player say, for a failure message. */
    static String state(Browser b) {
        return String.valueOf(
                b.js(
                        "const v = document.querySelector(\"[data-testid='video']\");"
                                + "const r = []; for (let i = 0; i < v.buffered.length; i++) r.push(v.buffered.start(i).toFixed(2) + '-'"
                                + " + v.buffered.end(i).toFixed(2));"
                                + "return 'frame ' + document.querySelector(\"[data-testid='frame-index']\").textContent"
                                + " + ', time ' + v.currentTime + ', paused ' + v.paused + ', readyState ' + v.readyState"
                                + " + ', error ' + (v.error && v.error.message) + ', buffered ' + r.join(' ') + ', loaded '"
                                + " + performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/hls/')).join(' ');"));
    }

    @Test
    void chromiumPlaysTheLadderThroughHlsJsAndPausesOnTheExactStill() {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.awaitAttribute("video", "data-source", "hls.js");
            b.await("hls.js feeding the element from Media Source Extensions", d -> String.valueOf(
                            b.js("return document.querySelector(\"[data-testid='video']\").currentSrc"))
                    .startsWith("blob:"));

            b.press(" ");
            try {
                b.await(
                        "playback past the first segment (4 s = frame 100)",
                        d -> Integer.parseInt(b.textOrNull("frame-index")) > 110);
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("playback did not pass frame 110: " + state(b), e);
            }
            double time = ((Number) b.js("return document.querySelector(\"[data-testid='video']\").currentTime"))
                    .doubleValue();
            assertTrue(time > 4.0, "the element's time advanced: " + time);
            b.press(" ");
            b.find("still");
            int stopped = Integer.parseInt(b.find("frame-index").getText());
            WebUiBrowserTest.awaitFrame(b, stopped, null);
            assertEquals(stopped, FrameCode.read(b.find("still").getScreenshotAs(OutputType.BYTES)));

            String loaded = String.valueOf(b.js("return performance.getEntriesByType('resource')"
                    + ".map(e => e.name).filter(n => n.includes('/hls/')).join(' ')"));
            assertTrue(loaded.contains("/hls/master.m3u8"), loaded);
            assertTrue(loaded.contains("/hls/360p/init.mp4"), loaded);
            assertTrue(loaded.contains("/hls/360p/seg00001.m4s"), loaded);
            b.screenshot("hls-paused");
        }
    }
}
