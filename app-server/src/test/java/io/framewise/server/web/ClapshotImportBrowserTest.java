package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.imports.clapshot.ClapshotSample;
import io.framewise.server.testing.MediaReady;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * A drawing imported from Clapshot, in a real browser: the review page shows the picture under its
 * note, loaded (320x180), and lays it over the note's frame.
 */
class ClapshotImportBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String note;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        ClapshotSample.Run run = ClapshotSample.importInto(data);
        assertEquals(0, run.exit(), run.out() + run.err());
        String media = target("media", "0dad9c74");
        note = target("note", "3");
        asset = (String)
                ClapshotSample.query(data, "SELECT asset_id FROM asset_versions WHERE media_id = '" + media + "'")
                        .get(0)
                        .get("asset_id");
        server = FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1));
        api = new ServerFixture(server);
        Await.value("the imported V1 processed", MediaReady.DEADLINE, () -> server.repositories()
                .media()
                .get(media)
                .filter(m -> m.status().wire().equals("ready"))
                .orElse(null));
    }

    private static String target(String kind, String sourceId) throws Exception {
        return (String) ClapshotSample.query(
                        data,
                        "SELECT target_id FROM import_ledger WHERE kind = '" + kind + "' AND source_id = '" + sourceId
                                + "'")
                .get(0)
                .get("target_id");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anImportedDrawingShowsUnderItsNoteAndOverItsFrame() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset + "?frame=87");
            WebElement picture = b.await("the attachment under note 3", d -> d
                    .findElements(org.openqa.selenium.By.cssSelector(
                            "[data-note-id='" + note + "'] [data-testid='note-attachment']"))
                    .stream()
                    .findFirst()
                    .orElse(null));
            // Loaded and decoded by the browser, at the drawing's own size.
            b.await(
                    "the attachment to load",
                    d -> ((Number) b.js("return arguments[0].naturalWidth", picture)).intValue() > 0);
            assertEquals(320, ((Number) b.js("return arguments[0].naturalWidth", picture)).intValue());
            assertEquals(180, ((Number) b.js("return arguments[0].naturalHeight", picture)).intValue());

            WebElement over = b.find("overlay-image");
            b.await(
                    "the overlay to load",
                    d -> ((Number) b.js("return arguments[0].naturalWidth", over)).intValue() > 0);
            assertEquals(picture.getAttribute("src"), over.getAttribute("src"));
            b.screenshot("clapshot-import-drawing");
        }
    }
}
