package io.framewise.server.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/media/{id}/report.pdf} on a real server, read back with poppler: the project's
 * media item is H.264 at 29.97 fps with the drop-frame start timecode 01:00:00;00 and its frame index
 * drawn into every picture, so the still on a page can be checked to be the note's frame.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiTest {

    /** A thick green bar across the lower part of the picture, clear of the frame code band on top. */
    private static final String DRAWING = "{\"schema\":1,\"shapes\":[{\"type\":\"line\",\"color\":\"#00ff00\","
            + "\"width\":0.15,\"points\":[[0.0,0.8],[1.0,0.8]]}]}";

    private AccessWorld world;
    private Path dir;
    private String rangeNote;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path pdfs) throws Exception {
        world = new AccessWorld(data);
        dir = pdfs;
        String media = "/api/media/" + world.mediaId + "/comments";
        // Written out of frame order: the report sorts by frame.
        note(Who.REVIEWER, media, "{\"text\":\"Logo too late, cut earlier\",\"frame\":40}");
        rangeNote = note(
                Who.EDITOR,
                media,
                "{\"text\":\"Colour shift across this range\",\"frame\":12,\"frameOut\":30,\"drawing\":" + DRAWING
                        + "}");
        note(Who.REVIEWER, media, "{\"text\":\"Agreed, done in the grade\",\"parentId\":\"" + rangeNote + "\"}");
        assertEquals(
                200,
                world.call(Who.EDITOR, "PATCH", "/api/comments/" + rangeNote, "{\"resolved\":true}")
                        .statusCode());
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private String note(Who who, String path, String body) throws Exception {
        return AccessWorld.json(world.call(who, "POST", path, body), 201)
                .get("id")
                .asText();
    }

    private HttpResponse<byte[]> report(Who who, String mediaId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(world.uri("/api/media/" + mediaId + "/report.pdf"))
                .timeout(Duration.ofSeconds(120));
        world.credentials(who).forEach(b::header);
        return AccessWorld.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private Path pdf(Who who, String mediaId, String name) throws Exception {
        HttpResponse<byte[]> r = report(who, mediaId);
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        Path file = dir.resolve(name);
        Files.write(file, r.body());
        return file;
    }

    @Test
    void aViewerGetsTheTitlePageAndEveryThreadInFrameOrder() throws Exception {
        HttpResponse<byte[]> r = report(Who.VIEWER, world.mediaId);
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        String title = AccessWorld.JSON
                .readTree(world.call(Who.ADMIN, "GET", "/api/assets/" + world.assetId, null)
                        .body())
                .path("title")
                .asText();
        assertTrue(
                r.headers().firstValue("Content-Disposition").orElse("").contains(title + "_notes.pdf"),
                () -> r.headers().map().toString());
        Path file = dir.resolve("viewer.pdf");
        Files.write(file, r.body());

        int pages = PdfTools.pages(file);
        assertTrue(pages >= 2, "a title page and the notes");
        String first = PdfTools.text(file, 1);
        assertTrue(first.contains("Review report"), first);
        assertTrue(first.contains(title), first);
        assertTrue(first.contains("2 (1 open, 1 resolved), 1 reply"), first);
        assertTrue(first.contains("Needs review"), first);
        assertTrue(first.contains("01:00:00;00"), "the media's drop-frame start: " + first);
        for (int p = 1; p <= pages; p++) {
            assertTrue(PdfTools.text(file, p).contains("Page " + p + " of " + pages), "page " + p + " is numbered");
        }

        String all = PdfTools.text(file);
        int range = all.indexOf("Colour shift across this range");
        int later = all.indexOf("Logo too late, cut earlier");
        assertTrue(range > 0 && later > range, "frame 12 comes before frame 40: " + all);
        // Frame 12 at 29.97 drop frame from 01:00:00;00, and its range's end (frame 30) as timecode.
        assertTrue(all.contains("01:00:00;12 – 01:00:01;00"), all);
        assertTrue(all.contains("frames 12–29"), all);
        assertTrue(all.contains("01:00:01;10"), "frame 40: " + all);
        assertTrue(all.contains("Resolved") && all.contains("Open"), all);
        int reply = all.indexOf("Agreed, done in the grade");
        assertTrue(reply > range && reply < later, "the reply is under its thread: " + all);
    }

    @Test
    void theStillOnPageTwoIsTheNotesFrameWithItsDrawingBurnedIn() throws Exception {
        Path file = pdf(Who.VIEWER, world.mediaId, "still.pdf");
        BufferedImage page = PdfTools.render(file, 2);
        // The test picture is 320x240; the report places it as its layout says.
        Rectangle2D box = ReportPdf.firstStillBox(320, 240);
        BufferedImage still = page.getSubimage(
                (int) Math.ceil(box.getX()) + 1,
                (int) Math.ceil(box.getY()) + 1,
                (int) box.getWidth() - 3,
                (int) box.getHeight() - 3);
        assertEquals(12, FrameCode.read(still), "the range note's first frame");
        for (double fx : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
            int rgb = still.getRGB((int) (fx * still.getWidth()), (int) (0.8 * still.getHeight()));
            int red = rgb >> 16 & 0xff;
            int green = rgb >> 8 & 0xff;
            int blue = rgb & 0xff;
            assertTrue(
                    green > 200 && red < 90 && blue < 90,
                    "the drawing's green bar at x=" + fx + ": " + Integer.toHexString(rgb));
        }
        // Above the bar the picture is the frame, not the drawing.
        int above = still.getRGB(still.getWidth() / 2, (int) (0.55 * still.getHeight()));
        assertFalse((above >> 8 & 0xff) > 200 && (above >> 16 & 0xff) < 90 && (above & 0xff) < 90, "no bar there");
    }

    @Test
    void fontsAreEmbedded() throws Exception {
        Path file = pdf(Who.VIEWER, world.mediaId, "fonts.pdf");
        List<String[]> fonts = PdfTools.fonts(file);
        assertFalse(fonts.isEmpty(), "the report has text");
        for (String[] row : fonts) {
            assertTrue(row[0].contains("DejaVuSans"), String.join(" ", row));
            // Columns from the right: object id, object number, uni, sub, emb.
            assertEquals("yes", row[row.length - 5], "embedded: " + String.join(" ", row));
            assertEquals("yes", row[row.length - 4], "subset: " + String.join(" ", row));
        }
    }

    @Test
    void onlyPeopleWhoMaySeeTheMediaGetItsReport() throws Exception {
        assertEquals(200, report(Who.REVIEWER, world.mediaId).statusCode());
        HttpResponse<byte[]> outsider = report(Who.OUTSIDER, world.mediaId);
        // Someone outside the project is not told the item exists.
        assertEquals(404, outsider.statusCode(), () -> new String(outsider.body()));
        assertTrue(new String(outsider.body()).contains("\"error\""), "the JSON error shape");
        assertFalse(new String(outsider.body()).contains("Colour shift"), "nothing of the notes");
        assertEquals(401, report(Who.ANONYMOUS, world.mediaId).statusCode());
        HttpResponse<byte[]> missing = report(Who.ADMIN, "AAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(404, missing.statusCode(), () -> new String(missing.body()));
        JsonNode error = AccessWorld.JSON.readTree(missing.body());
        assertEquals("not_found", error.path("error").path("code").asText(), error::toString);
        assertEquals(404, report(Who.ADMIN, "not%20an%20id").statusCode());
    }

    @Test
    void mediaWithoutNotesGetsATitlePageSayingSo() throws Exception {
        String empty = world.readyUnfiledMedia(Who.ADMIN, 50);
        Path file = pdf(Who.ADMIN, empty, "empty.pdf");
        assertEquals(1, PdfTools.pages(file));
        String text = PdfTools.text(file, 1);
        assertTrue(text.contains("This media item has no notes."), text);
        assertTrue(text.contains("Page 1 of 1"), text);
    }

    @Test
    void longTextWrapsAndManyNotesPaginate() throws Exception {
        String item = world.readyUnfiledMedia(Who.ADMIN, 50);
        String path = "/api/media/" + item + "/comments";
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            longText.append("word").append(i).append(' ');
        }
        longText.append("ENDOFLONGNOTE ").append("x".repeat(300)).append(" Ωμέγα 漢字 ✓");
        note(
                Who.ADMIN,
                path,
                AccessWorld.JSON.writeValueAsString(java.util.Map.of("text", longText.toString(), "frame", 0)));
        for (int i = 1; i <= 60; i++) {
            note(Who.ADMIN, path, "{\"text\":\"note number " + i + "\",\"frame\":" + (i % 50) + "}");
        }
        Path file = pdf(Who.ADMIN, item, "many.pdf");
        int pages = PdfTools.pages(file);
        assertTrue(pages >= 4, "61 notes and a long text do not fit on three pages: " + pages);
        String all = PdfTools.text(file);
        assertTrue(all.contains("ENDOFLONGNOTE"), "the end of the long text is there");
        assertTrue(all.contains("Ωμέγα"), "Greek is in DejaVu");
        for (int i = 1; i <= 60; i++) {
            assertTrue(all.contains("note number " + i + "\n") || all.contains("note number " + i + " "), "note " + i);
        }
        // No line runs past the page: the 300 x's are cut into lines of the page's width.
        Matcher xs = Pattern.compile("x{20,}").matcher(all);
        int total = 0;
        int pieces = 0;
        while (xs.find()) {
            total += xs.group().length();
            pieces++;
        }
        assertEquals(300, total, "every x is printed");
        assertTrue(pieces >= 2, "the long word is broken over lines");
        assertTrue(PdfTools.text(file, pages).contains("Page " + pages + " of " + pages));
    }
}
