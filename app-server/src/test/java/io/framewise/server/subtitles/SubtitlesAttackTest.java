package io.framewise.server.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, oversize and hostile input to the subtitle routes: a clear error, never a stored track. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubtitlesAttackTest {

    SubtitlesServer server;
    String id;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path media) throws Exception {
        server = new SubtitlesServer(data);
        id = server.ready(SubtitlesServer.media(media, "25", "mp4", null, 2));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void garbageBodiesAreRefusedWithTheLine() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[10] = 0;
        assertError(server.upload(id, "", noise), 400, "not text");
        assertError(server.upload(id, "", new byte[0]), 400, "request body");
        assertError(server.upload(id, "", bytes("<html><script>alert(1)</script></html>")), 400, "line 1");
        SubtitlesServer.Answer backwards = server.upload(id, "", bytes("1\n00:00:05,000 --> 00:00:01,000\nback\n"));
        assertError(backwards, 400, "before it starts");
        assertEquals(
                2, backwards.json().path("error").path("details").path("line").asInt());
        assertError(server.upload(id, "", bytes("WEBVTT\n\n00:01.000 --> nonsense\nx\n")), 400, "line 3");
        assertError(server.upload(id, "", bytes("[Events]\nDialogue: 0,zero,0:00:01.00,D,,0,0,0,,x\n")), 400, "line 2");
        assertError(server.upload(id, "", bytes("1\n99:99:99,999 --> 99:99:99,999\nx\n")), 400, "timing");
        assertError(server.upload(id, "", bytes("WEBVTT\n\nNOTE only a note\n")), 400, "no subtitle cues");
        byte[] huge = new byte[SubtitleService.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertError(server.upload(id, "", huge), 413, "2 MiB");
        assertEquals(0, server.json("/api/media/" + id + "/subtitles").size(), "nothing was stored");
    }

    @Test
    void badParametersAreRefused() throws Exception {
        byte[] ok = bytes("1\n00:00:00,000 --> 00:00:01,000\nfine\n");
        assertError(server.upload(id, "?language=" + enc("<script>"), ok), 400, "language");
        assertError(server.upload(id, "?language=" + "x".repeat(40), ok), 400, "language");
        assertError(server.upload(id, "?label=" + enc("two\nlines"), ok), 400, "label");
        assertError(server.upload(id, "?label=" + "y".repeat(101), ok), 400, "label");
        assertError(server.upload(id, "?default=yes", ok), 400, "default");
        assertError(server.upload("AAAAAAAAAAAAAAAAAAAAAA", "", ok), 404, "No media item");
        assertError(server.upload("..%2F..%2Fetc", "", ok), 404, "");
        assertError(server.get("/api/media/" + id + "/subtitles/AAAAAAAAAAAAAAAAAAAAAA.vtt"), 404, "No subtitle track");
        assertError(server.get("/api/media/" + id + "/subtitles/..%2Fframemap.bin.vtt"), 404, "");
        assertError(server.get("/api/media/" + id + "/subtitles/not-an-id/cues"), 404, "");
        assertError(server.get("/api/media/" + id + "/subtitles/search"), 400, "q");
        assertError(server.get("/api/media/" + id + "/subtitles/search?q=" + "z".repeat(201)), 400, "q");
        SubtitlesServer.Answer del = server.send(
                "DELETE",
                "/api/media/" + id + "/subtitles/AAAAAAAAAAAAAAAAAAAAAA",
                HttpRequest.BodyPublishers.noBody());
        assertError(del, 404, "");
    }

    @Test
    void markupInjectionNeverReachesTheVttOrTheCues() throws Exception {
        String hostile = "1\n00:00:00,000 --> 00:00:01,000\n<script>alert(1)</script><img src=x onerror=alert(2)>"
                + "<b onclick=x>ok</b>\n--> <style>*{}</style>&lt;iframe&gt;\n\n"
                + "2\n00:00:01,000 --> 00:00:01,500\n\u0007<u>bell</u>\n";
        SubtitlesServer.Answer up = server.upload(id, "?label=" + enc("<b>x</b>"), bytes(hostile));
        assertEquals(201, up.status(), up.body());
        JsonNode track = up.json();
        String vtt = server.get(track.path("vtt").asText()).body();
        for (String bad : new String[] {"<script", "<img", "<style", "<iframe", "onclick", "\u0007"}) {
            assertFalse(vtt.contains(bad), bad + " in " + vtt);
        }
        assertTrue(vtt.contains("<b>ok</b>"), vtt);
        assertTrue(vtt.contains("--&gt; *{}&lt;iframe&gt;"), vtt);
        // The text is plain in the cue list; the page shows it as text, never as markup.
        JsonNode cues = server.json(
                "/api/media/" + id + "/subtitles/" + track.path("id").asText() + "/cues");
        assertEquals("alert(1)ok\n--> *{}<iframe>", cues.get(0).path("text").asText());
        assertEquals("bell", cues.get(1).path("text").asText());
        server.send(
                "DELETE",
                "/api/media/" + id + "/subtitles/" + track.path("id").asText(),
                HttpRequest.BodyPublishers.noBody());
    }

    private static void assertError(SubtitlesServer.Answer a, int status, String inMessage) throws Exception {
        assertEquals(status, a.status(), a.body());
        JsonNode error = a.json().path("error");
        assertTrue(error.path("code").isTextual(), a.body());
        assertTrue(error.path("message").asText().contains(inMessage), a.body());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
