package io.framewise.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.library.JooqAssetRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.NotesServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket feature in the assembled server: note events over REST reach subscribers. */
class LiveFeatureTest {

    @TempDir
    Path data;

    NotesServer server;

    @BeforeEach
    void start() {
        server = new NotesServer(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    WsTestClient connect(String name) throws Exception {
        WsTestClient client = new WsTestClient(NotesServer.HTTP, server.app.port(), name);
        client.await("welcome");
        return client;
    }

    void subscribe(WsTestClient client, String mediaId) throws Exception {
        client.send("subscribe", "scope", "media", "id", mediaId);
        client.await("subscribed", m -> mediaId.equals(m.path("id").asText()));
    }

    @Test
    void noteChangesMadeOverRestReachClientsSubscribedToTheMedia() throws Exception {
        MediaItem clip = server.readyMedia(150);
        MediaItem other = server.readyMedia(40);
        try (WsTestClient ann = connect("Ann");
                WsTestClient bob = connect("Bob")) {
            subscribe(ann, clip.id());
            subscribe(bob, other.id());

            String drawing = "{\"schema\":1,\"shapes\":[{\"type\":\"rect\",\"color\":\"#112233\",\"width\":0.01,"
                    + "\"points\":[[0.1,0.1],[0.2,0.2]]}]}";
            HttpResponse<String> posted = server.send(
                    "POST",
                    "/api/media/" + clip.id() + "/comments",
                    "{\"text\":\"Cut earlier\",\"frame\":42,\"drawing\":" + drawing + "}");
            assertEquals(201, posted.statusCode(), posted.body());
            String noteId = NotesServer.json(posted).get("id").asText();

            JsonNode created = ann.await("note.event");
            assertEquals("created", created.get("kind").asText());
            assertEquals(noteId, created.get("note").asText());
            assertEquals(clip.id(), created.get("media").asText());
            assertEquals("Cut earlier", created.at("/data/text").asText());
            assertEquals(42, created.at("/data/frame").asLong());
            assertEquals(NotesServer.JSON.readTree(drawing), created.at("/data/drawing"));
            assertTrue(created.has("v"));

            assertEquals(
                    200,
                    server.send("PATCH", "/api/comments/" + noteId, "{\"resolved\":true}")
                            .statusCode());
            JsonNode resolved = ann.await("note.event");
            assertEquals("resolved", resolved.get("kind").asText());
            assertTrue(resolved.at("/data/resolved").asBoolean());

            assertEquals(
                    200,
                    server.send("PATCH", "/api/comments/" + noteId, "{\"text\":\"Cut later\"}")
                            .statusCode());
            assertEquals(
                    "Cut later",
                    ann.await("note.event", m -> m.get("kind").asText().equals("updated"))
                            .at("/data/text")
                            .asText());

            assertEquals(
                    204, server.send("DELETE", "/api/comments/" + noteId, null).statusCode());
            JsonNode deleted = ann.await("note.event");
            assertEquals("deleted", deleted.get("kind").asText());
            assertEquals(noteId, deleted.get("note").asText());
            assertFalse(deleted.has("data"));

            // Bob watches another item: the first note event he sees is the one on his item.
            assertEquals(
                    201,
                    server.send("POST", "/api/media/" + other.id() + "/comments", "{\"text\":\"Bob's\",\"frame\":1}")
                            .statusCode());
            JsonNode bobs = bob.await("note.event");
            assertEquals(other.id(), bobs.get("media").asText());
            assertEquals("Bob's", bobs.at("/data/text").asText());
        }
    }

    @Test
    void onlyReadyMediaWithFramesCanHostALiveSession() throws Exception {
        MediaItem ready = server.readyMedia(150);
        MediaItem processing = server.processingMedia();
        try (WsTestClient ann = connect("Ann")) {
            ann.send("session.create", "media", ready.id());
            JsonNode snapshot = ann.await("session.snapshot");
            assertEquals(ready.id(), snapshot.at("/state/media").asText(), snapshot.toString());

            ann.send("session.create", "media", processing.id());
            JsonNode refused = ann.await("error");
            assertEquals("session.create", refused.get("about").asText(), refused.toString());
        }
        assertEquals(
                150,
                LiveFeature.catalog(server.media, new JooqAssetRepository(server.db))
                        .find(ready.id())
                        .orElseThrow()
                        .frameCount());
        assertTrue(LiveFeature.catalog(server.media, new JooqAssetRepository(server.db))
                .find(processing.id())
                .isEmpty());
        assertTrue(LiveFeature.catalog(server.media, new JooqAssetRepository(server.db))
                .find("AAAAAAAAAAAAAAAAAAAAAA")
                .isEmpty());
    }
}
