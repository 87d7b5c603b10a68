package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;

/**
 * A file whose timestamps lie, reviewed in a real Chromium: a Matroska file where two frames are
 * stamped earlier than the frame before them and the last three frames share one pts. The server
 * repairs the times (one entry per picture the decoder outputs), and notes land on their pictures: at
 * frame 31 (stamped before frame 29) and at the last frame, the page's frame readout and the still's
 * own frame code agree.
 */
class RepairedTimestampsBrowserTest {

    private static final int FRAMES = 75;
    private static final int LAST = FRAMES - 1;

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String media;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        Path plain = data.resolve("plain.mkv");
        Path lying = data.resolve("lying-times.mkv");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25"),
                "-frames:v",
                String.valueOf(FRAMES),
                "-vf",
                "format=yuv420p," + FrameCode.drawFilter(),
                "-c:v",
                "libx264",
                "-bf",
                "0",
                "-x264-params",
                "keyint=11:min-keyint=11:scenecut=0",
                plain.toString());
        // Without re-encoding: frames 30 and 31 go back three frames, frames 72..74 share frame 72's pts.
        TestMedia.run(
                List.of("-i", plain.toString()),
                "-c",
                "copy",
                "-bsf:v",
                "setts=pts='if(between(N,30,31),PTS-3*DURATION,if(gte(N,72),PTS-(N-72)*DURATION,PTS))'"
                        + ":dts='DTS-10*DURATION'",
                lying.toString());
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        String project = api.project("Lying timestamps");
        media = api.upload(lying, "lying-times.mkv");
        api.awaitReady(media);
        asset = api.asset(project, "Lying times", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNoteAtTheLastFrameLandsOnTheLastFrame() throws Exception {
        JsonNode item = api.get("/api/media/" + media);
        JsonNode count = item.findValue("frameCount");
        assertNotNull(count, "the media item says how many frames it has: " + item);
        assertEquals(FRAMES, count.asInt(), "every picture the decoder outputs is a frame: " + item);
        String comments = "/api/media/" + media + "/comments";
        api.send("POST", comments, "{\"text\":\"last\",\"frame\":" + LAST + "}");
        // Frame 31 is stamped before frame 29 in the file: sorting by time would show another picture.
        api.send("POST", comments, "{\"text\":\"went back\",\"frame\":31}");

        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            assertEquals(0, WebUiBrowserTest.shownCode(b));
            b.press("n");
            WebUiBrowserTest.awaitFrame(b, 31, null);
            assertEquals(31, WebUiBrowserTest.shownCode(b), "the picture the decoder outputs 31st");
            b.press("n");
            WebUiBrowserTest.awaitFrame(b, LAST, null);
            assertEquals(LAST, WebUiBrowserTest.shownCode(b), "the note's frame shows the last picture");

            // The two pictures before it share its time in the file; stepping back shows each.
            b.press(Keys.ARROW_LEFT);
            WebUiBrowserTest.awaitFrame(b, LAST - 1, null);
            assertEquals(LAST - 1, WebUiBrowserTest.shownCode(b));
            b.press(Keys.HOME);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.press(Keys.END);
            WebUiBrowserTest.awaitFrame(b, LAST, null);
            assertEquals(LAST, WebUiBrowserTest.shownCode(b), "End shows the last picture");
        }
    }
}
