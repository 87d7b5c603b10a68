package io.framewise.server.imports.clapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.image.OverlayImages;
import io.framewise.media.image.RgbaImage;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.MediaReady;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The imported sample served by a real server: the originals go through the normal processing (frame
 * counts are the server's own), notes carry their drawing as an attachment, and the attachment is read
 * over HTTP by those who may read the note and by nobody else; garbage ids get the one error shape.
 */
class ClapshotImportServerTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    static FramewiseServer server;
    static final Map<String, String> media = new HashMap<>();
    static final Map<String, String> notes = new HashMap<>();
    static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void importAndServe() throws Exception {
        ClapshotSample.Run run = ClapshotSample.importInto(data);
        assertEquals(0, run.exit(), run.out() + run.err());
        for (Map<String, Object> r :
                ClapshotSample.query(data, "SELECT kind, source_id, target_id FROM import_ledger")) {
            (r.get("kind").equals("media") ? media : notes)
                    .put((String) r.get("source_id"), (String) r.get("target_id"));
        }
        server = FramewiseServer.start(
                ServerConfig.defaults(data).withPort(0).withWorkers(1).withAuth(AuthSettings.local()));
        for (String user : new String[] {"alice", "bob.k"}) {
            String id = server.repositories()
                    .accounts()
                    .findByName(user)
                    .orElseThrow()
                    .id();
            tokens.put(user, server.tokens().issue(id, "tests", null).token());
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<byte[]> get(String user, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path.substring(1)))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", "Bearer " + tokens.get(user));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theOriginalsAreProcessedHereWithTheirFrameCounts() throws Exception {
        for (JsonNode m : ClapshotSample.expected().path("media_files")) {
            String id = media.get(m.path("id").asText());
            MediaItem item = Await.value("media " + m.path("key").asText() + " processed", MediaReady.DEADLINE, () -> {
                MediaItem now = server.repositories().media().get(id).orElseThrow();
                if (now.status().wire().equals("failed")) {
                    throw new AssertionError("processing failed: " + now);
                }
                return now.status().wire().equals("ready") ? now : null;
            });
            assertEquals(
                    m.path("total_frames").asLong(),
                    item.probe().frameCount(),
                    m.path("key").asText());
        }
    }

    @Test
    void aNoteShowsItsDrawingAndTheAttachmentIsServedToThoseWhoMayReadTheNote() throws Exception {
        // Comment 3 (by carol, on alice's V1) carries a drawing; alice owns the home it is filed in.
        String mediaId = media.get("0dad9c74");
        JsonNode page = JSON.readTree(
                get("alice", "/api/media/" + mediaId + "/comments").body());
        JsonNode note = null;
        for (JsonNode n : page.path("items")) {
            if (n.path("id").asText().equals(notes.get("3"))) {
                note = n;
            }
            if (n.path("id").asText().equals(notes.get("1"))) {
                assertEquals(0, n.path("attachments").size(), "a note without drawing has no attachments");
            }
        }
        assertNotNull(note, page.toString());
        assertEquals(87, note.path("frame").asLong());
        assertEquals("Carol Nguyen", note.path("authorName").asText());
        JsonNode attachment = note.path("attachments").get(0);
        assertEquals(320, attachment.path("width").asInt());
        assertEquals(180, attachment.path("height").asInt());
        assertTrue(attachment.path("overlay").asBoolean());

        HttpResponse<byte[]> png = get("alice", attachment.path("url").asText());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        RgbaImage image = OverlayImages.decode(png.body());
        assertEquals(320, image.width());
        assertEquals(180, image.height());
        assertEquals(255, image.alphaAt(40, 130), "the red outline of the drawing");

        // bob.k has no role in alice's home: as for the note itself, he is not told it exists.
        HttpResponse<byte[]> outsider = get("bob.k", attachment.path("url").asText());
        assertEquals(404, outsider.statusCode());
        assertTrue(JSON.readTree(outsider.body()).path("error").has("code"));
        assertEquals(401, get(null, attachment.path("url").asText()).statusCode());
    }

    @Test
    void garbageIdsGetTheOneErrorShape() throws Exception {
        String note3 = notes.get("3");
        String otherNotesAttachment = (String)
                ClapshotSample.query(data, "SELECT id FROM note_attachments WHERE note_id = '" + notes.get("11") + "'")
                        .get(0)
                        .get("id");
        for (String path : new String[] {
            "/api/comments/" + note3 + "/attachments/AAAAAAAAAAAAAAAAAAAAAA",
            "/api/comments/" + note3 + "/attachments/" + otherNotesAttachment,
            "/api/comments/" + note3 + "/attachments/..%2F..%2Fframewise.db",
            "/api/comments/not-a-note/attachments/x",
            "/api/comments/" + "A".repeat(5000) + "/attachments/x"
        }) {
            HttpResponse<byte[]> r = get("alice", path);
            assertTrue(
                    r.statusCode() == 404 || r.statusCode() == 400 || r.statusCode() == 414 || r.statusCode() == 431,
                    path + " -> " + r.statusCode());
            if (r.statusCode() != 414 && r.statusCode() != 431) {
                JsonNode error = JSON.readTree(r.body()).path("error");
                assertTrue(error.has("code") && error.has("message"), path + " -> " + new String(r.body()));
            }
        }
        // A NUL in the path is refused by the HTTP layer before any route runs (its own 400 page).
        HttpResponse<byte[]> nul = get("alice", "/api/comments/" + note3 + "/attachments/%00");
        assertEquals(400, nul.statusCode());
    }
}
