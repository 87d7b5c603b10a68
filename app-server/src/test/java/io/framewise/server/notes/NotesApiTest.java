package io.framewise.server.notes;

import static io.framewise.server.testing.NotesServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.events.Event;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.NotesServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notes API against a real server and SQLite file. */
class NotesApiTest {

    static final String ARROW = "{\"schema\":1,\"shapes\":[{\"type\":\"arrow\",\"color\":\"#ff0000\",\"width\":0.01,"
            + "\"points\":[[0.1,0.2],[0.5,0.6]]},{\"type\":\"text\",\"color\":\"#00ff00\",\"width\":0.05,"
            + "\"points\":[[0.3,0.3]],\"text\":\"<b>here</b>\"}]}";

    @TempDir
    Path data;

    NotesServer server;
    MediaItem clip;

    @BeforeEach
    void start() {
        server = new NotesServer(data);
        clip = server.readyMedia(150);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> post(String mediaId, String body) throws Exception {
        return server.send("POST", "/api/media/" + mediaId + "/comments", body);
    }

    JsonNode created(String mediaId, String body) throws Exception {
        HttpResponse<String> r = post(mediaId, body);
        assertEquals(201, r.statusCode(), r.body());
        return json(r);
    }

    JsonNode list(String mediaId) throws Exception {
        HttpResponse<String> r = server.get("/api/media/" + mediaId + "/comments");
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    @Test
    void notesWithRangesThreadsAndDrawingsRoundTrip() throws Exception {
        JsonNode late = created(clip.id(), "{\"text\":\"Logo too big\",\"frame\":120}");
        JsonNode root =
                created(clip.id(), "{\"text\":\"Too dark\",\"frame\":12,\"frameOut\":48,\"drawing\":" + ARROW + "}");
        assertEquals(22, root.get("id").asText().length());
        assertEquals(clip.id(), root.get("mediaId").asText());
        assertEquals(48, root.get("frameOut").asLong());
        assertEquals(server.users.localUser().id(), root.get("authorId").asText());
        assertEquals(server.JSON.readTree(ARROW), root.get("drawing"));
        assertFalse(root.get("resolved").asBoolean());

        JsonNode reply = created(
                clip.id(),
                "{\"text\":\"Agreed\",\"parentId\":\"" + root.get("id").asText() + "\"}");
        assertEquals(root.get("id"), reply.get("parentId"));
        assertEquals(12, reply.get("frame").asLong());
        assertEquals(48, reply.get("frameOut").asLong());
        // A reply to a reply joins the thread's first note: threads are one level deep.
        JsonNode nested = created(
                clip.id(),
                "{\"text\":\"Me too\",\"frame\":12,\"parentId\":\""
                        + reply.get("id").asText() + "\"}");
        assertEquals(root.get("id"), nested.get("parentId"));

        JsonNode page = list(clip.id());
        assertTrue(page.get("next").isNull());
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(n -> ids.add(n.get("id").asText()));
        assertEquals(
                List.of(
                        root.get("id").asText(),
                        reply.get("id").asText(),
                        nested.get("id").asText(),
                        late.get("id").asText()),
                ids);
        assertEquals(server.JSON.readTree(ARROW), page.at("/items/0/drawing"));
        assertTrue(page.at("/items/3/drawing").isNull());

        List<String> kinds = new ArrayList<>();
        for (Event e : server.events.listSince(0, 100)) {
            kinds.add(e.kind());
            assertEquals(clip.id(), e.mediaId());
        }
        assertEquals(List.of("note.created", "note.created", "note.created", "note.created"), kinds);
    }

    @Test
    void markupIsStoredAndReturnedAsPlainText() throws Exception {
        String text = "<script>alert('x')</script> & <img src=x onerror=alert(1)>";
        JsonNode note = created(
                clip.id(),
                server.JSON
                        .createObjectNode()
                        .put("text", "  \n" + text + "\t ")
                        .put("frame", 0)
                        .toString());
        assertEquals(text, note.get("text").asText());
        HttpResponse<String> r = server.get("/api/media/" + clip.id() + "/comments");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(text, json(r).at("/items/0/text").asText());
        assertEquals(
                text, server.notes.get(note.get("id").asText()).orElseThrow().text());
    }

    /** The frame rules themselves are NoteServiceTest's; here, that their refusals answer as documented. */
    @Test
    void frameRefusalsAnswer422And409() throws Exception {
        expectError(post(clip.id(), "{\"text\":\"x\",\"frame\":150}"), 422, "invalid", "frame must be within 0..149");
        MediaItem processing = server.processingMedia();
        expectError(
                post(processing.id(), "{\"text\":\"x\",\"frame\":0}"),
                409,
                "conflict",
                "has no frames to comment on yet (status processing)");
    }

    @Test
    void malformedRequestsAreRefusedWithClearMessages() throws Exception {
        String id = clip.id();
        expectError(post(id, "{\"text\":"), 400, "bad_request", "Malformed JSON");
        expectError(post(id, "[1,2]"), 400, "bad_request", "the body must be a JSON object");
        expectError(post(id, ""), 400, "bad_request", "the body must be a JSON object");
        expectError(post(id, "{\"frame\":1}"), 400, "bad_request", "text is required");
        expectError(post(id, "{\"text\":7,\"frame\":1}"), 400, "bad_request", "text must be a string");
        expectError(post(id, "{\"text\":\"x\"}"), 400, "bad_request", "frame is required");
        expectError(post(id, "{\"text\":\"x\",\"frame\":\"3\"}"), 400, "bad_request", "frame must be an integer");
        expectError(post(id, "{\"text\":\"x\",\"frame\":1.5}"), 400, "bad_request", "frame must be an integer");
        expectError(
                post(id, "{\"text\":\"x\",\"frame\":1,\"color\":\"red\"}"),
                400,
                "bad_request",
                "Unknown field 'color'");
        expectError(post(id, "{\"text\":\" \\n \",\"frame\":1}"), 422, "invalid", "text must be 1 to 10000 characters");
        String longText = "a".repeat(10_001);
        expectError(post(id, "{\"text\":\"" + longText + "\",\"frame\":1}"), 422, "invalid", "got 10001");
        assertEquals(
                10_000,
                created(id, "{\"text\":\" " + "a".repeat(10_000) + " \",\"frame\":1}")
                        .get("text")
                        .asText()
                        .length());
        assertEquals(1, list(id).get("items").size());
    }

    @Test
    void drawingsAreValidatedStrictly() throws Exception {
        String shape = "{\"type\":\"line\",\"color\":\"#00aaff\",\"width\":0.02,\"points\":[[0,0],[1,1]]}";
        expectDrawingError("{\"schema\":2,\"shapes\":[]}", "drawing.schema 2 is not supported");
        expectDrawingError("{\"shapes\":[]}", "drawing.schema must be an integer");
        expectDrawingError("\"a circle\"", "drawing must be a JSON object");
        expectDrawingError("{\"schema\":1,\"shapes\":[" + shape.replace("line", "star") + "]}", "type must be one of");
        expectDrawingError("{\"schema\":1,\"shapes\":[" + shape.replace("#00aaff", "blue") + "]}", ".color must be");
        expectDrawingError("{\"schema\":1,\"shapes\":[" + shape.replace("0.02", "0") + "]}", ".width must be");
        expectDrawingError(
                "{\"schema\":1,\"shapes\":[" + shape.replace("[1,1]", "[1.2,1]") + "]}", "points[1] must be");
        expectDrawingError("{\"schema\":1,\"shapes\":[" + shape.replace("[[0,0],", "[") + "]}", "exactly 2");
        expectDrawingError("{\"schema\":1,\"shapes\":[],\"layer\":3}", "unknown field 'layer'");
        expectDrawingError(
                "{\"schema\":1,\"shapes\":[" + shape.replace("}", ",\"text\":\"t\"}") + "]}", "unknown field 'text'");
        String many = String.join(",", java.util.Collections.nCopies(2001, shape));
        expectDrawingError("{\"schema\":1,\"shapes\":[" + many + "]}", "at most 2000 shapes");
        StringBuilder pen = new StringBuilder("{\"type\":\"pen\",\"color\":\"#ffffff\",\"width\":0.01,\"points\":[");
        for (int i = 0; i < 9_000; i++) {
            pen.append(i == 0 ? "" : ",").append("[0.123456789,0.987654321]");
        }
        String heavy = pen.append("]}").toString();
        expectDrawingError("{\"schema\":1,\"shapes\":[" + heavy + "," + heavy + "]}", "at most 262144 bytes");

        String ok = "{\"schema\":1,\"shapes\":[" + shape + "," + shape.replace("line", "ellipse") + ","
                + shape.replace("line", "rect") + "]}";
        assertEquals(
                server.JSON.readTree(ok),
                created(clip.id(), "{\"text\":\"ok\",\"frame\":5,\"drawing\":" + ok + "}")
                        .get("drawing"));
    }

    private void expectDrawingError(String drawing, String message) throws Exception {
        expectError(
                post(clip.id(), "{\"text\":\"x\",\"frame\":1,\"drawing\":" + drawing + "}"), 422, "invalid", message);
    }

    @Test
    void unknownIdsAre404() throws Exception {
        String unknown = "AAAAAAAAAAAAAAAAAAAAAA";
        expectError(server.get("/api/media/" + unknown + "/comments"), 404, "not_found", "No media " + unknown);
        expectError(post(unknown, "{\"text\":\"x\",\"frame\":1}"), 404, "not_found", "No media");
        expectError(server.get("/api/media/not-an-id/comments"), 404, "not_found", "No media");
        expectError(
                server.send("PATCH", "/api/comments/" + unknown, "{\"resolved\":true}"),
                404,
                "not_found",
                "No comment");
        expectError(server.send("DELETE", "/api/comments/" + unknown, null), 404, "not_found", "No comment");
        expectError(server.send("DELETE", "/api/comments/%3Cscript%3E", null), 404, "not_found", "No comment");
    }

    @Test
    void patchResolvesEditsAndRemovesDrawings() throws Exception {
        JsonNode note = created(clip.id(), "{\"text\":\"Fix the flare\",\"frame\":7,\"drawing\":" + ARROW + "}");
        String path = "/api/comments/" + note.get("id").asText();

        HttpResponse<String> resolved = server.send("PATCH", path, "{\"resolved\":true}");
        assertEquals(200, resolved.statusCode(), resolved.body());
        JsonNode r = json(resolved);
        assertTrue(r.get("resolved").asBoolean());
        assertEquals(server.users.localUser().id(), r.get("resolvedBy").asText());
        assertNotNull(r.get("resolvedAt").textValue());
        assertTrue(r.get("edited").isNull());

        JsonNode edited =
                json(server.send("PATCH", path, "{\"text\":\"  Fix the flare, left side \",\"drawing\":null}"));
        assertEquals("Fix the flare, left side", edited.get("text").asText());
        assertTrue(edited.get("drawing").isNull());
        assertNotNull(edited.get("edited").textValue());
        assertTrue(edited.get("resolved").asBoolean());

        JsonNode reopened = json(server.send("PATCH", path, "{\"resolved\":false,\"drawing\":" + ARROW + "}"));
        assertFalse(reopened.get("resolved").asBoolean());
        assertTrue(reopened.get("resolvedBy").isNull());
        assertEquals(server.JSON.readTree(ARROW), reopened.get("drawing"));

        expectError(
                server.send("PATCH", path, "{}"), 400, "bad_request", "give at least one of text, drawing, resolved");
        expectError(
                server.send("PATCH", path, "{\"resolved\":\"yes\"}"),
                400,
                "bad_request",
                "resolved must be true or false");
        expectError(server.send("PATCH", path, "{\"frame\":3}"), 400, "bad_request", "Unknown field 'frame'");
        expectError(server.send("PATCH", path, "{\"text\":\"\"}"), 422, "invalid", "text must be 1 to 10000");
        // A refused patch changes nothing, even the parts that were valid.
        expectError(
                server.send("PATCH", path, "{\"text\":\"new\",\"drawing\":{\"schema\":9,\"shapes\":[]}}"),
                422,
                "invalid",
                "drawing.schema 9");
        Note stored = server.notes.get(note.get("id").asText()).orElseThrow();
        assertEquals("Fix the flare, left side", stored.text());
        assertEquals(
                server.JSON.readTree(ARROW),
                server.JSON.readTree(stored.drawing().json()));

        List<String> kinds =
                server.events.listSince(0, 100).stream().map(Event::kind).toList();
        assertEquals(List.of("note.created", "note.resolved", "note.updated", "note.updated"), kinds);
    }

    @Test
    void deletingAThreadDeletesItsReplies() throws Exception {
        JsonNode root = created(clip.id(), "{\"text\":\"root\",\"frame\":3}");
        JsonNode keep = created(clip.id(), "{\"text\":\"other thread\",\"frame\":4}");
        String rootId = root.get("id").asText();
        String replyId = created(clip.id(), "{\"text\":\"reply\",\"parentId\":\"" + rootId + "\"}")
                .get("id")
                .asText();

        HttpResponse<String> deleted = server.send("DELETE", "/api/comments/" + rootId, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("", deleted.body());
        JsonNode items = list(clip.id()).get("items");
        assertEquals(1, items.size());
        assertEquals(keep.get("id"), items.get(0).get("id"));
        assertTrue(server.notes.get(replyId).isEmpty());
        expectError(server.send("DELETE", "/api/comments/" + rootId, null), 404, "not_found", "No comment");
        expectError(
                server.send("PATCH", "/api/comments/" + replyId, "{\"resolved\":true}"),
                404,
                "not_found",
                "No comment");
    }

    @Test
    void pagingBoundsAreChecked() throws Exception {
        created(clip.id(), "{\"text\":\"a\",\"frame\":1}");
        String base = "/api/media/" + clip.id() + "/comments";
        expectError(server.get(base + "?limit=0"), 400, "bad_request", "Invalid value for 'limit'");
        expectError(server.get(base + "?limit=10001"), 400, "bad_request", "Invalid value for 'limit'");
        expectError(server.get(base + "?limit=ten"), 400, "bad_request", "Invalid value for 'limit'");
        expectError(server.get(base + "?after=AAAAAAAAAAAAAAAAAAAAAA"), 400, "bad_request", "after needs limit");
        expectError(
                server.get(base + "?limit=5&after=AAAAAAAAAAAAAAAAAAAAAA"),
                422,
                "invalid",
                "after must be the id of a note on this media item");
        JsonNode page = json(server.get(base + "?limit=1"));
        assertEquals(1, page.get("items").size());
        assertTrue(page.get("next").isNull());
    }

    static void expectError(HttpResponse<String> response, int status, String code, String messagePart)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = json(response).get("error");
        assertNotNull(error, response.body());
        assertEquals(code, error.get("code").asText(), response.body());
        assertTrue(
                error.get("message").asText().contains(messagePart),
                "expected '" + messagePart + "' in " + error.get("message").asText());
        assertTrue(error.get("details").isObject(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
