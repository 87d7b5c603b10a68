package io.framewise.server.interchange.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.time.FrameRate;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.NotesServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, hostile XML and out-of-range requests sent to the import route. */
class NoteImportAttackTest {

    @TempDir
    Path dir;

    NotesServer server;
    MediaItem media;

    @BeforeEach
    void start() {
        server = new NotesServer(dir);
        media = server.readyMedia(1000, FrameRate.FPS_25, "00:00:00:00", false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String query, String body) throws Exception {
        return ImportFiles.post(server, media.id(), query, body.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private static String code(HttpResponse<String> r) throws Exception {
        return NotesServer.json(r).at("/error/code").asText();
    }

    private int noteCount() throws Exception {
        return NotesServer.json(server.get("/api/media/" + media.id() + "/comments"))
                .get("items")
                .size();
    }

    @Test
    void externalEntitiesAreNeverRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE xmeml [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<xmeml version=\"4\"><sequence><rate><timebase>25</timebase><ntsc>FALSE</ntsc></rate>"
                + "<marker><name>&leak;</name><in>1</in><out>-1</out></marker></sequence></xmeml>";
        HttpResponse<String> r = send("", xxe);
        assertEquals(422, r.statusCode(), r.body());
        assertFalse(r.body().contains("TOP-SECRET"), r.body());
        assertTrue(r.body().contains("entities"), r.body());
        assertEquals(0, noteCount());
    }

    @Test
    void billionLaughsIsRefusedQuickly() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE fcpxml [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String prev = i == 1 ? "lol" : "lol" + (i - 1);
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&" + prev + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String bomb = "<?xml version=\"1.0\"?>" + dtd + "<fcpxml version=\"1.9\"><x>&lol9;</x></fcpxml>";
        long started = System.nanoTime();
        HttpResponse<String> r = send("", bomb);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000, "took too long");
    }

    @Test
    void anEntityReferenceWithoutADeclarationIsRefused() throws Exception {
        HttpResponse<String> r =
                send("", "<xmeml><sequence><marker><name>&undeclared;</name></marker></sequence></xmeml>");
        assertEquals(422, r.statusCode(), r.body());
    }

    @Test
    void bodiesThatAreNothingReadableAre422WithAMessage() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        HttpResponse<String> binary = ImportFiles.post(server, media.id(), "", noise, "application/octet-stream");
        assertEquals(422, binary.statusCode(), binary.body());
        assertTrue(binary.body().contains("not an EDL"), binary.body());

        HttpResponse<String> xml = send("", "<html><body>hello</body></html>");
        assertEquals(422, xml.statusCode());
        assertTrue(xml.body().contains("neither FCP7 XML"), xml.body());

        HttpResponse<String> broken = send("", "<xmeml><sequence>");
        assertEquals(422, broken.statusCode());
        assertTrue(broken.body().contains("line 1"), broken.body());

        HttpResponse<String> json = send("", "{\"not\":\"otio\"}");
        assertEquals(422, json.statusCode());
        assertTrue(json.body().contains("OTIO_SCHEMA"), json.body());

        HttpResponse<String> badJson = send("", "{\"OTIO_SCHEMA\": ");
        assertEquals(422, badJson.statusCode());

        HttpResponse<String> empty = send("", "");
        assertEquals(400, empty.statusCode());
        assertEquals(0, noteCount());
    }

    @Test
    void deeplyNestedDocumentsAreRefused() throws Exception {
        String deep = "<fcpxml>" + "<a>".repeat(5000) + "</a>".repeat(5000) + "</fcpxml>";
        assertEquals(422, send("", deep).statusCode());
        String deepJson = "{\"OTIO_SCHEMA\":\"Timeline.1\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(422, send("", deepJson).statusCode());
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        byte[] big = new byte[NoteImportService.MAX_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        HttpResponse<String> r = ImportFiles.post(server, media.id(), "", big, "application/octet-stream");
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("payload_too_large", code(r));
    }

    @Test
    void queryParametersAreChecked() throws Exception {
        String edl = "001  AX V C 00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00\n* LOC: 00:00:00:10 RED x\n";
        assertEquals(400, send("dryRun=yes", edl).statusCode());
        assertEquals(400, send("events=1", edl).statusCode());
        assertEquals(400, send("offset=abc", edl).statusCode());
        assertEquals(400, send("offset=99999999999999999999", edl).statusCode());
        assertEquals(400, send("offset=2000000000", edl).statusCode());
        assertEquals(0, noteCount());
        assertEquals(200, send("offset=-5", edl).statusCode());
        assertEquals(1, noteCount());
    }

    @Test
    void unknownAndUnprobedMediaAreRefused() throws Exception {
        String edl = "001  AX V C 00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00\n";
        HttpResponse<String> unknown =
                ImportFiles.post(server, "AAAAAAAAAAAAAAAAAAAAAA", "", edl.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(404, unknown.statusCode(), unknown.body());
        HttpResponse<String> garbageId =
                ImportFiles.post(server, "..%2F..%2Fetc", "", edl.getBytes(StandardCharsets.UTF_8), null);
        assertTrue(garbageId.statusCode() == 404 || garbageId.statusCode() == 400, garbageId.body());
        MediaItem processing = server.processingMedia();
        HttpResponse<String> notReady =
                ImportFiles.post(server, processing.id(), "", edl.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(409, notReady.statusCode(), notReady.body());
    }

    @Test
    void hugeAndHostileValuesInsideAFileAreSkippedNotFatal() throws Exception {
        String edl = "001  AX V C 00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00\n"
                + "* LOC: 00:00:00:10 RED " + "x".repeat(20_000) + "\n"
                + "note|D:99999999999999999999\n"
                + "* LOC: 99:00:00:00 RED hours\n"
                + "* LOC: 00:00:00:05 RED <script>alert(1)</script>\n";
        JsonNode answer = ImportFiles.ok(send("", edl));
        assertEquals(1, answer.get("created").asInt(), answer.toString());
        assertEquals("<script>alert(1)</script>", answer.at("/notes/0/text").asText());
        assertEquals(3, answer.get("skipped").size(), answer.toString());
    }
}
