package io.framewise.server.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Embedded and sidecar subtitle tracks through a real server, on real media with real frame maps. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubtitlesApiTest {

    SubtitlesServer server;

    @TempDir
    Path media;

    @BeforeAll
    void start(@TempDir Path data) {
        server = new SubtitlesServer(data);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void embeddedSubripInMatroskaIsListedExtractedAndPlacedOnFrames() throws Exception {
        String id = server.ready(SubtitlesServer.media(media, "25", "mkv", "srt", 4));
        JsonNode track = server.awaitTracks(id, 1).get(0);
        assertEquals("embedded", track.path("source").asText());
        assertEquals("subrip", track.path("codec").asText());
        assertEquals("eng", track.path("language").asText());
        assertTrue(track.path("text").asBoolean());
        assertEquals(2, track.path("cueCount").asInt());
        String sid = track.path("id").asText();

        SubtitlesServer.Answer vtt = server.get("/api/media/" + id + "/subtitles/" + sid + ".vtt");
        assertEquals(200, vtt.status(), vtt.body());
        assertTrue(vtt.body().startsWith("WEBVTT\n"), vtt.body());
        assertTrue(vtt.body().contains("00:00:01.000 --> 00:00:02.000\nFirst <i>line</i>\n"), vtt.body());
        assertTrue(vtt.body().contains("Second &amp; last"), vtt.body());

        // 25 fps: [1 s, 2 s) is frames 25..49; [2.5 s, 3 s) starts at frame 63 (62.5 rounds up).
        JsonNode cues = server.json("/api/media/" + id + "/subtitles/" + sid + "/cues");
        assertCue(cues.get(0), 0, 25, 50, "First line");
        assertCue(cues.get(1), 1, 63, 75, "Second & last");
        assertEquals(
                1,
                server.json("/api/media/" + id + "/subtitles/" + sid + "/cues?q=SECOND")
                        .size());

        SubtitlesServer.Answer delete = server.send(
                "DELETE", "/api/media/" + id + "/subtitles/" + sid, java.net.http.HttpRequest.BodyPublishers.noBody());
        assertEquals(409, delete.status(), "embedded tracks belong to the file: " + delete.body());
    }

    @Test
    void movTextInMp4At2997() throws Exception {
        String id = server.ready(SubtitlesServer.media(media, "30000/1001", "mp4", "mov_text", 4));
        JsonNode track = server.awaitTracks(id, 1).get(0);
        assertEquals("mov_text", track.path("codec").asText());
        JsonNode cues = server.json(
                "/api/media/" + id + "/subtitles/" + track.path("id").asText() + "/cues");
        // Frame 30 is at 1.001 s, the first at or after 1 s; frame 60 at 2.002 s; 2.5 s -> 75; 3 s -> 90.
        assertCue(cues.get(0), 0, 30, 60, "First line");
        assertCue(cues.get(1), 1, 75, 90, "Second & last");
    }

    @Test
    void sidecarWebVttAt23976IsUploadedPlacedSearchedAndDeleted() throws Exception {
        String id = server.ready(SubtitlesServer.media(media, "24000/1001", "mp4", null, 3));
        assertEquals(0, server.json("/api/media/" + id + "/subtitles").size());
        String vtt = "WEBVTT\n\nNOTE made by hand\n\n00:00:01.000 --> 00:00:02.000 align:start\nSide <b>one</b>\n\n"
                + "00:02.100 --> 00:02.500\nSide two\n";
        SubtitlesServer.Answer up = server.upload(
                id, "?language=fr&label=Fran%C3%A7ais&default=true", vtt.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, up.status(), up.body());
        JsonNode track = up.json();
        assertEquals("sidecar", track.path("source").asText());
        assertEquals("webvtt", track.path("codec").asText());
        assertEquals("fr", track.path("language").asText());
        assertEquals("Fran\u00e7ais", track.path("label").asText());
        assertTrue(track.path("default").asBoolean());
        String sid = track.path("id").asText();

        JsonNode listed = server.json("/api/media/" + id + "/subtitles");
        assertEquals(1, listed.size());
        assertEquals(sid, listed.get(0).path("id").asText());

        // 23.976: 1 s lies between frame 23 (0.959 s) and 24 (1.001 s); 2 s between 47 (1.960) and 48 (2.002).
        JsonNode cues = server.json("/api/media/" + id + "/subtitles/" + sid + "/cues");
        assertCue(cues.get(0), 0, 24, 48, "Side one");
        assertCue(cues.get(1), 1, 51, 60, "Side two");

        JsonNode found = server.json("/api/media/" + id + "/subtitles/search?q=TWO");
        assertEquals(1, found.size());
        assertEquals(sid, found.get(0).path("trackId").asText());
        assertEquals(51, found.get(0).path("startFrame").asLong());

        SubtitlesServer.Answer gone = server.send(
                "DELETE", "/api/media/" + id + "/subtitles/" + sid, java.net.http.HttpRequest.BodyPublishers.noBody());
        assertEquals(204, gone.status(), gone.body());
        assertEquals(0, server.json("/api/media/" + id + "/subtitles").size());
        assertEquals(
                404,
                server.get("/api/media/" + id + "/subtitles/" + sid + ".vtt").status());
    }

    @Test
    void assSidecarLosesItsOverridesAndLatin1SrtIsRead() throws Exception {
        String id = server.ready(SubtitlesServer.media(media, "25", "mp4", null, 2));
        String ass = "[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
                + "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
                + "Dialogue: 0,0:00:00.40,0:00:00.80,Default,,0,0,0,,{\\an8\\c&H0000FF&}Top{\\b1}bold{\\b0}\\Nline\n";
        SubtitlesServer.Answer up = server.upload(id, "", ass.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, up.status(), up.body());
        assertEquals("ass", up.json().path("codec").asText());
        assertEquals("Subtitles", up.json().path("label").asText());
        JsonNode cues = server.json(
                "/api/media/" + id + "/subtitles/" + up.json().path("id").asText() + "/cues");
        assertCue(cues.get(0), 0, 10, 20, "Topbold\nline");
        String served = server.get(up.json().path("vtt").asText()).body();
        assertTrue(served.contains("Top<b>bold</b>\nline"), served);
        assertFalse(served.contains("{"), served);

        byte[] latin1 = "1\n00:00:00,000 --> 00:00:00,400\nD\u00e9j\u00e0 vu\n".getBytes(StandardCharsets.ISO_8859_1);
        SubtitlesServer.Answer old = server.upload(id, "?language=fr", latin1);
        assertEquals(201, old.status(), old.body());
        assertEquals("fr", old.json().path("label").asText());
        JsonNode oldCues = server.json(
                "/api/media/" + id + "/subtitles/" + old.json().path("id").asText() + "/cues");
        assertCue(oldCues.get(0), 0, 0, 10, "D\u00e9j\u00e0 vu");
    }

    static void assertCue(JsonNode cue, int index, long start, long end, String text) {
        assertEquals(index, cue.path("index").asInt(), cue::toString);
        assertEquals(start, cue.path("startFrame").asLong(), cue::toString);
        assertEquals(end, cue.path("endFrame").asLong(), cue::toString);
        assertEquals(text, cue.path("text").asText(), cue::toString);
    }
}
