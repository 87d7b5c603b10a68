package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Import EDL" on the review page in a real Chromium against a real server with generated media (a
 * drop-frame start timecode): the file picked shows its dry run (notes and a skipped line) before
 * anything is stored, importing puts the notes in the notes panel, and a marker file dropped on the
 * page opens the same dialog.
 */
class NoteImportBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String media;
    static String asset;
    static Timecode start;
    static FrameRate rate;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        String projectId = api.project("Imports");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour.mp4");
        JsonNode ready = api.awaitReady(media);
        asset = api.asset(projectId, "Harbour", media);
        rate = FrameRate.parse(ready.get("frameRate").asText());
        start = Timecode.parse(ready.get("startTimecode").asText());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String at(long frame) {
        return Timecode.ofIndex(frame, start, rate).toString();
    }

    @Test
    void aPickedEdlIsShownAsADryRunThenImportedIntoTheNotesPanel() throws Exception {
        Path edl = data.resolve("locators.edl");
        Files.writeString(
                edl,
                "TITLE: harbour\r\nFCM: DROP FRAME\r\n"
                        + "001  AX       V     C        " + at(0) + " " + at(100) + " " + at(0) + " " + at(100) + "\r\n"
                        + "* LOC: " + at(30) + " RED     Flare on the mast\r\n"
                        + "* LOC: " + at(60) + " GREEN   Sky is fine\r\n"
                        + "this line is not an EDL line\r\n");
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            b.find("import-notes-open").click();
            b.find("import-dialog");
            b.find("import-file").sendKeys(edl.toString());
            b.await("the dry run", d -> b.textOrNull("import-summary") != null);
            assertTrue(
                    b.textOrNull("import-summary").startsWith("2 notes would be created · 1 skipped"),
                    b.textOrNull("import-summary"));
            List<String> shown =
                    b.all("import-note").stream().map(e -> e.getText()).toList();
            assertEquals(2, shown.size());
            assertTrue(shown.get(0).contains(at(30)) && shown.get(0).contains("Flare on the mast"), shown.toString());
            assertTrue(b.find("import-skip").getAttribute("textContent").startsWith("Line 6:"));
            b.screenshot("import-dry-run");
            // Nothing is stored by the dry run.
            assertEquals(
                    0, api.get("/api/media/" + media + "/comments").get("items").size());

            b.find("import-submit").click();
            b.await("the import", d -> b.textOrNull("import-done") != null);
            assertTrue(b.textOrNull("import-done").startsWith("2 notes created"), b.textOrNull("import-done"));
            b.find("import-close").click();
            b.await("the notes in the panel", d -> b.all("note").size() == 2);
            assertTrue(b.all("note-text").get(0).getText().contains("Flare on the mast"));
            JsonNode notes = api.get("/api/media/" + media + "/comments").get("items");
            assertEquals(30, notes.get(0).get("frame").asInt());
            assertEquals("red", notes.get(0).get("colour").asText());

            // The same file again: everything already exists, nothing to import.
            b.find("import-notes-open").click();
            b.find("import-file").sendKeys(edl.toString());
            b.await("the second dry run", d -> b.textOrNull("import-summary") != null);
            assertTrue(b.textOrNull("import-summary").contains("2 already imported"), b.textOrNull("import-summary"));
            assertTrue(!b.find("import-submit").isEnabled());
            b.find("import-close").click();
        }
    }

    @Test
    void aMarkerFileDroppedOnTheReviewOpensTheDialogWithItsDryRun() throws Exception {
        String otio =
                "{\"OTIO_SCHEMA\":\"Timeline.1\",\"global_start_time\":null,\"tracks\":{\"OTIO_SCHEMA\":\"Stack.1\","
                        + "\"markers\":[{\"OTIO_SCHEMA\":\"Marker.2\",\"name\":\"Dropped\",\"color\":\"BLUE\",\"marked_range\":"
                        + "{\"OTIO_SCHEMA\":\"TimeRange.1\",\"start_time\":{\"OTIO_SCHEMA\":\"RationalTime.1\",\"rate\":29.97,"
                        + "\"value\":" + (start.toFrameCount(rate) + 12)
                        + "},\"duration\":{\"OTIO_SCHEMA\":\"RationalTime.1\","
                        + "\"rate\":29.97,\"value\":0}}}],\"children\":[]}}";
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            b.find("review");
            b.js(
                    "const dt = new DataTransfer();"
                            + "dt.items.add(new File([arguments[0]], 'markers.otio', {type: 'application/json'}));"
                            + "const target = document.querySelector(\"[data-testid='review']\");"
                            + "target.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                            + "target.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
                    otio);
            b.find("import-dialog");
            b.await("the dry run of the dropped file", d -> b.textOrNull("import-summary") != null);
            assertTrue(
                    b.textOrNull("import-summary").startsWith("1 note would be created"),
                    b.textOrNull("import-summary") + " "
                            + b.js("const s = document.querySelector(\"[data-testid='import-skip']\");"
                                    + " return s ? s.textContent : '';"));
            assertEquals("markers.otio", b.textOrNull("import-file-name"));
            assertTrue(b.find("import-note").getText().contains("Dropped"));
            b.find("import-close").click();
        }
    }
}
