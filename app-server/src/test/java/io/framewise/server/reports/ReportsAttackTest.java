package io.framewise.server.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/media/{id}/report.pdf} attacked: ids that are not ids, a share link's guest of one
 * asset asking for another's report, and note text written to break out of the PDF's text operators.
 * Each answer is the JSON error shape or a PDF that reads back as written; none is a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsAttackTest {

    private AccessWorld world;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path pdfs) throws Exception {
        world = new AccessWorld(data);
        dir = pdfs;
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private HttpResponse<byte[]> report(Map<String, String> headers, String rawId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(world.uri("/api/media/" + rawId + "/report.pdf"))
                .timeout(Duration.ofSeconds(120));
        headers.forEach(b::header);
        return AccessWorld.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void idsThatAreNotIdsAreRefusedInTheErrorShape() throws Exception {
        String[] ids = {
            enc("../../../etc/passwd"),
            enc(world.mediaId + "/../" + world.mediaId),
            "x".repeat(5000),
            enc("' OR 1=1 --"),
            enc("é\u202e"),
            world.mediaId.toLowerCase(java.util.Locale.ROOT) + "A",
        };
        for (String id : ids) {
            HttpResponse<byte[]> r = report(world.credentials(Who.ADMIN), id);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, id + " -> " + r.statusCode() + " " + body);
            assertFalse(body.startsWith("%PDF"), "no report for " + id);
            assertTrue(body.contains("\"error\""), "the JSON error shape for " + id + ": " + body);
        }
    }

    @Test
    void aGuestOfAnotherAssetGetsNoReport() throws Exception {
        // Another asset of the same project, shared on its own: its guest sees that asset only.
        String otherAsset = AccessWorld.json(
                        world.file(Who.EDITOR, world.projectId, world.readyUnfiledMedia(Who.EDITOR, 50)), 201)
                .get("id")
                .asText();
        String guest = world.guestToken(otherAsset);
        HttpResponse<byte[]> r = report(Map.of("Authorization", "Bearer " + guest), world.mediaId);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(r.statusCode() == 403 || r.statusCode() == 404, r.statusCode() + " " + body);
        assertFalse(body.startsWith("%PDF"));
    }

    @Test
    void noteTextCannotBreakOutOfThePdf() throws Exception {
        String item = world.readyUnfiledMedia(Who.ADMIN, 50);
        String hostile = ") Tj ET BT /F1 99 Tf (INJECTED) Tj ET\n%%EOF\nendstream endobj trailer << /Root 1 0 R >>"
                + " \\) \\\\ \u0007\u001b[31m \u202eevil";
        // NUL is refused at the door on every database (PostgreSQL cannot store it): nothing is kept.
        HttpResponse<String> nul = world.call(
                Who.ADMIN,
                "POST",
                "/api/media/" + item + "/comments",
                AccessWorld.JSON.writeValueAsString(Map.of("text", hostile + "\u0000", "frame", 3)));
        assertEquals(400, nul.statusCode(), nul.body());
        assertTrue(nul.body().contains("NUL") && nul.body().contains("\"field\":\"text\""), nul.body());
        assertEquals(
                0,
                AccessWorld.json(world.call(Who.ADMIN, "GET", "/api/media/" + item + "/comments", null), 200)
                        .get("items")
                        .size(),
                "the refused note was not stored");
        AccessWorld.json(
                world.call(
                        Who.ADMIN,
                        "POST",
                        "/api/media/" + item + "/comments",
                        AccessWorld.JSON.writeValueAsString(Map.of("text", hostile, "frame", 3))),
                201);
        HttpResponse<byte[]> r = report(world.credentials(Who.ADMIN), item);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        Path file = dir.resolve("hostile.pdf");
        Files.write(file, r.body());
        assertEquals(2, PdfTools.pages(file), "a title page and the one note");
        String text = PdfTools.text(file, 2);
        assertTrue(text.contains("Tj ET BT /F1 99 Tf (INJECTED) Tj ET"), "printed as text: " + text);
        assertTrue(text.contains("%%EOF"), text);
        assertTrue(PdfTools.text(file, 1).contains("Page 1 of 2"), "the document still ends where it should");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
