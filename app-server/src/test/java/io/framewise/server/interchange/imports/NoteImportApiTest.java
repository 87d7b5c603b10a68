package io.framewise.server.interchange.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.time.FrameRate;
import io.framewise.server.events.Event;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.NotesServer;
import io.framewise.server.ws.WsTestClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's behaviour over HTTP: repeat imports, dry runs, offsets, events, colours, problems. */
class NoteImportApiTest {

    @TempDir
    Path dir;

    NotesServer server;
    MediaItem screening;
    byte[] screeningEdl;

    @BeforeEach
    void start() throws Exception {
        server = new NotesServer(dir);
        screening = server.readyMedia(24 * 60, FrameRate.FPS_24, "00:59:50:00", false);
        screeningEdl = Files.readAllBytes(ImportFiles.file("edl/screening_example.edl"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode importEdl(String query, byte[] body) throws Exception {
        return ImportFiles.ok(ImportFiles.post(server, screening.id(), query, body, "text/plain"));
    }

    private int noteCount(String mediaId) throws Exception {
        return NotesServer.json(server.get("/api/media/" + mediaId + "/comments"))
                .get("items")
                .size();
    }

    @Test
    void aDryRunShowsTheNotesAndStoresNothing() throws Exception {
        JsonNode dry = importEdl("dryRun=true", screeningEdl);
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals(3, dry.get("created").asInt());
        assertEquals(
                List.of("278 red ANIM FIX NEEDED", "302 pink ANIM FIX NEEDED", "613 green Marker"),
                ImportFiles.summary(dry.get("notes")));
        assertTrue(dry.at("/notes/0/id").isNull());
        assertEquals(0, noteCount(screening.id()));
        assertEquals(0, server.events.listSince(0, 100).size());
    }

    @Test
    void aSecondImportOfTheSameFileCreatesNothing() throws Exception {
        JsonNode first = importEdl("", screeningEdl);
        assertEquals(3, first.get("created").asInt());
        assertEquals(22, first.at("/notes/0/id").asText().length());

        JsonNode again = importEdl("", screeningEdl);
        assertEquals(0, again.get("created").asInt());
        assertEquals(3, again.get("existing").asInt());
        assertEquals(0, again.get("notes").size());
        JsonNode dryAgain = importEdl("dryRun=true", screeningEdl);
        assertEquals(0, dryAgain.get("created").asInt());
        assertEquals(3, dryAgain.get("existing").asInt());
        assertEquals(3, noteCount(screening.id()));

        // One more locator in the file: only it is new.
        String more = new String(screeningEdl, StandardCharsets.UTF_8) + "* LOC: 01:00:20:00 BLUE    NEW ONE\n";
        JsonNode grown = importEdl("", more.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, grown.get("created").asInt());
        assertEquals(3, grown.get("existing").asInt());
        assertEquals(List.of("720 blue NEW ONE"), ImportFiles.summary(grown.get("notes")));
    }

    @Test
    void importedNotesAreAnnouncedAuditedAndCarryTheirColour() throws Exception {
        try (WsTestClient ann = new WsTestClient(NotesServer.HTTP, server.app.port(), "Ann", java.util.Map.of())) {
            ann.await("welcome");
            ann.send("subscribe", "scope", "media", "id", screening.id());
            ann.await("subscribed", m -> screening.id().equals(m.path("id").asText()));

            importEdl("", screeningEdl);

            JsonNode created = ann.await("note.event", m -> m.at("/data/frame").asLong() == 302);
            assertEquals("created", created.get("kind").asText());
            assertEquals("pink", created.at("/data/colour").asText());
        }
        List<String> kinds =
                server.events.listSince(0, 100).stream().map(Event::kind).toList();
        assertEquals(List.of("note.created", "note.created", "note.created"), kinds);
        int audited = server.db.read(ctx ->
                ctx.fetchCount(DSL.table("audit_log"), DSL.field("action").eq("note.created")));
        assertEquals(3, audited);
        JsonNode listed = NotesServer.json(server.get("/api/media/" + screening.id() + "/comments"));
        assertEquals("red", listed.at("/items/0/colour").asText());
    }

    @Test
    void offsetShiftsEveryNoteAndNotesOffTheMediaAreSkippedWithTheirLine() throws Exception {
        JsonNode shifted = importEdl("dryRun=true&offset=-278", screeningEdl);
        assertEquals(
                List.of("0 red ANIM FIX NEEDED", "24 pink ANIM FIX NEEDED", "335 green Marker"),
                ImportFiles.summary(shifted.get("notes")));

        JsonNode late = importEdl("dryRun=true&offset=1000", screeningEdl);
        assertEquals(
                List.of("1278 red ANIM FIX NEEDED", "1302 pink ANIM FIX NEEDED"),
                ImportFiles.summary(late.get("notes")));
        assertEquals(1, late.get("skipped").size());
        JsonNode skip = late.at("/skipped/0");
        assertEquals(28, skip.get("line").asInt(), skip.toString());
        assertTrue(skip.get("reason").asText().contains("outside its frames 0..1439"), skip.toString());
    }

    @Test
    void eventsBecomeRangeNotesOnlyWhenAsked() throws Exception {
        MediaItem music = server.readyMedia(200_000, FrameRate.FPS_29_97, "00:00:00;00", true);
        byte[] edl = Files.readAllBytes(ImportFiles.file("edl/premiere_audio_dropframe_crlf.edl"));
        JsonNode plain = ImportFiles.ok(ImportFiles.post(server, music.id(), "", edl, null));
        assertEquals(0, plain.get("created").asInt());

        JsonNode events = ImportFiles.ok(ImportFiles.post(server, music.id(), "events=true", edl, null));
        assertEquals(18, events.get("created").asInt());
        JsonNode first = events.at("/notes/0");
        assertEquals(0, first.get("frame").asLong());
        assertEquals("Afterglow Geometry.wav", first.get("text").asText());
        // 00:06:08;01 in 29.97 drop-frame is frame 11031.
        assertEquals(11031, first.get("frameOut").asLong());
        assertEquals(18, noteCount(music.id()));
    }

    @Test
    void aMultipartUploadImportsLikeARawBody() throws Exception {
        String boundary = "----framewise" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.edl\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(screeningEdl);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = ImportFiles.post(
                server, screening.id(), "", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
        JsonNode answer = ImportFiles.ok(r);
        assertEquals(3, answer.get("created").asInt());
        assertEquals("cmx3600", answer.get("format").asText());
    }

    @Test
    void unreadableLinesAreListedWithTheirNumbersAndTheRestIsImported() throws Exception {
        String edl = "TITLE: half broken\n"
                + "FCM: NON-DROP FRAME\n"
                + "001  AX V C 01:00:00:00 01:00:10:00 01:00:00:00 01:00:10:00\n"
                + "* LOC: 01:00:01:00 RED    first\n"
                + "* LOC: 01:00:02:99 RED    frames too high\n"
                + "* LOC: 01:00:0x:00 RED    not a timecode\n"
                + "002  AX V C 01:00:10:00 01:00:20:00\n"
                + "this is not an EDL line\n"
                + "* LOC: 01:00:03:00        no colour here\n";
        JsonNode answer = importEdl("", edl.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("264 red first", "312 - no colour here"), ImportFiles.summary(answer.get("notes")));
        List<Integer> lines = NotesServer.JSON.convertValue(
                answer.get("skipped").findValues("line"),
                NotesServer.JSON.getTypeFactory().constructCollectionType(List.class, Integer.class));
        assertEquals(List.of(6, 7, 8, 5), lines);
        assertTrue(answer.at("/skipped/3/reason").asText().contains("frames 99 out of range"), answer.toString());
        assertTrue(answer.at("/skipped/1/reason").asText().contains("8 or 9 fields"), answer.toString());
    }

    @Test
    void colourIsSetAndChangedThroughTheNotesRoutes() throws Exception {
        HttpResponse<String> created = server.send(
                "POST",
                "/api/media/" + screening.id() + "/comments",
                "{\"text\":\"Sky\",\"frame\":3,\"colour\":\"cyan\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode note = NotesServer.json(created);
        assertEquals("cyan", note.get("colour").asText());
        String id = note.get("id").asText();

        HttpResponse<String> patched = server.send("PATCH", "/api/comments/" + id, "{\"colour\":\"ORANGE\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("orange", NotesServer.json(patched).get("colour").asText());

        HttpResponse<String> cleared = server.send("PATCH", "/api/comments/" + id, "{\"colour\":null}");
        assertTrue(NotesServer.json(cleared).get("colour").isNull());

        HttpResponse<String> bad = server.send("PATCH", "/api/comments/" + id, "{\"colour\":\"teal\"}");
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("colour must be one of"), bad.body());
        assertEquals(
                400,
                server.send("PATCH", "/api/comments/" + id, "{\"colour\":7}").statusCode());
        assertEquals(
                400,
                server.send(
                                "POST",
                                "/api/media/" + screening.id() + "/comments",
                                "{\"text\":\"x\",\"frame\":1,\"colour\":[]}")
                        .statusCode());
    }

    @Test
    void aRawBodyOfAnyContentTypeIsAccepted() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/media/" + screening.id() + "/edl?dryRun=true"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-edl")
                .POST(HttpRequest.BodyPublishers.ofByteArray(screeningEdl))
                .build();
        HttpResponse<String> r = NotesServer.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(3, ImportFiles.ok(r).get("created").asInt());
    }
}
