package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * A VFX shot (EXR files 1001..1010, file 1005 missing) reviewed in a real Chromium: the readout shows
 * 1001 on the first frame in frame-number mode and the timecode of frame 1001 at 24 fps; typing 1005
 * goes to the missing frame, which shows the black slate rather than file 1006.
 */
class ImageSequenceBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        Path frames = Files.createDirectories(data.resolve("shot_v003"));
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24,format=yuv420p," + FrameCode.drawFilter()),
                "-frames:v",
                "10",
                "-start_number",
                "1001",
                "-f",
                "image2",
                frames.resolve("shot_v003.%04d.exr").toString());
        Files.delete(frames.resolve("shot_v003.1005.exr"));
        Path zip = data.resolve("shot_v003.zip");
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file);
                Stream<Path> list = Files.list(frames)) {
            for (Path f : list.sorted().toList()) {
                out.putNextEntry(new ZipEntry("shot_v003/" + f.getFileName()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        String project = api.project("VFX shots");
        String media = api.upload(zip, "shot_v003.zip");
        JsonNode item = api.awaitReady(media);
        assertEquals(1001, item.path("startFrame").asInt(), item::toString);
        asset = api.asset(project, "shot_v003", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFirstFrameShows1001AndTheGapShowsTheMissingFramePicture() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, "00:00:41:17");
            assertEquals(0, WebUiBrowserTest.shownCode(b), "the first file's picture");
            new Select(b.find("display-mode")).selectByValue("frames");
            b.awaitText("readout", "1001");

            b.press(Keys.ARROW_RIGHT);
            WebUiBrowserTest.awaitFrame(b, 1, "00:00:41:18");
            b.awaitText("readout", "1002");
            assertEquals(1, WebUiBrowserTest.shownCode(b));

            b.find("readout").click();
            b.find("goto").sendKeys("1006", Keys.ENTER);
            WebUiBrowserTest.awaitFrame(b, 5, null);
            b.awaitText("readout", "1006");
            assertEquals(5, WebUiBrowserTest.shownCode(b), "file 1006 keeps its number after the gap");

            b.press(Keys.ARROW_LEFT);
            WebUiBrowserTest.awaitFrame(b, 4, null);
            b.awaitText("readout", "1005");
            assertEquals(0, WebUiBrowserTest.shownCode(b), "the missing frame is black, not file 1006");
            b.screenshot("missing-frame-1005");
        }
    }
}
