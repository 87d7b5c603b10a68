package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The review page's "Export notes" menu in a real Chromium against a real server: a reviewer picks
 * a format and filters, the browser downloads the file into a folder, and the file holds the
 * chosen notes on their frames of the real 29.97 drop-frame media (start 01:00:00;00).
 */
class ExportNotesBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String media;
    static String asset;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(1));
        api = new ServerFixture(server);
        String projectId = api.project("Markers");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour.mp4");
        api.awaitReady(media);
        asset = api.asset(projectId, "Harbour", media);
        api.send("POST", "/api/media/" + media + "/comments", "{\"text\":\"Dust on the lens\",\"frame\":12}");
        String resolved = api.send(
                        "POST",
                        "/api/media/" + media + "/comments",
                        "{\"text\":\"Too dark\",\"frame\":45,\"frameOut\":60}")
                .get("id")
                .asText();
        api.send("PATCH", "/api/comments/" + resolved, "{\"resolved\":true}");
        api.send("POST", "/api/media/" + media + "/comments", "{\"text\":\"Hold longer\",\"frame\":100}");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theMenuDownloadsTheOpenNotesAsAResolveMarkerEdlOnTheirFrames(@TempDir Path downloads) throws Exception {
        try (Browser b = new Browser(api.base())) {
            ((ChromeDriver) b.driver())
                    .executeCdpCommand(
                            "Browser.setDownloadBehavior",
                            Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            b.open("/review/" + asset);
            b.find("export-notes-open").click();
            new Select(b.find("export-format")).selectByValue("resolve-edl");
            new Select(b.find("export-status")).selectByValue("open");
            b.awaitText("export-count", "2 notes as markers");

            // A range that ends before it starts is named in the menu, with nothing to download.
            b.find("export-from").sendKeys("90");
            b.find("export-to").sendKeys("10");
            b.await(
                    "the range problem",
                    d -> b.textOrNull("export-download") == null
                            && d.getPageSource().contains("must not end before it starts"));
            b.find("export-to").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            b.awaitText("export-count", "1 note as markers");
            b.find("export-from").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            b.awaitText("export-count", "2 notes as markers");

            b.screenshot("export-notes-menu");
            b.find("export-download").click();
            Path file = b.await("the download to finish", d -> {
                try (Stream<Path> files = Files.list(downloads)) {
                    return files.filter(p -> p.getFileName().toString().endsWith(".edl"))
                            .findFirst()
                            .orElse(null);
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            assertEquals("harbour_resolve_markers.edl", file.getFileName().toString());
            String edl = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(edl.contains("FCM: DROP FRAME"), edl);
            List<Long> frames = new ArrayList<>();
            for (String line : edl.split("\r\n")) {
                if (line.matches("\\d{3}  .*")) {
                    frames.add(Timecode.indexOf(
                            Timecode.parse(line.substring(53, 64)),
                            Timecode.parse("01:00:00;00"),
                            FrameRate.FPS_29_97));
                }
            }
            assertEquals(List.of(12L, 100L), frames, "the open notes, on their frames: " + edl);
            assertTrue(edl.contains("Dust on the lens |C:ResolveColorBlue"), edl);
            assertTrue(!edl.contains("Too dark"), "the resolved note is left out");
        }
    }
}
