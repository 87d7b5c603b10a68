package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.clips.ClipsServer.Answer;
import io.framewise.server.db.Ids;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.NewMediaItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests for clips that cannot be made are refused in words naming the problem, and create
 * nothing: no media item, no asset, no job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipRequestTest {

    private ClipsServer server;
    /** 250 frames at 25 fps, no start timecode: timecodes count from 00:00:00:00. */
    private String source;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = new ClipsServer(data);
        source = server.readySource(Variant.H264_LONG_GOP, "Shot");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private record Refusal(String body, int status, String field, String words) {}

    @Test
    void hostileAndImpossibleRequestsAreRefusedNamingTheProblemAndCreateNothing() throws Exception {
        String longText = "0".repeat(10_000);
        List<Refusal> refusals = List.of(
                new Refusal("null", 400, "body", "JSON object"),
                new Refusal("[]", 400, "body", "JSON object"),
                new Refusal("{}", 400, "in", "in is required"),
                new Refusal("{\"in\":0,\"out\":10}", 400, "mode", "mode is required"),
                new Refusal("{\"in\":0,\"out\":10,\"mode\":\"copy\",\"colour\":1}", 400, "colour", "not a known field"),
                new Refusal("{\"in\":0,\"out\":10,\"mode\":\"fast\"}", 400, "mode", "copy, smart or reencode"),
                new Refusal("{\"in\":0,\"out\":10,\"mode\":[\"copy\"]}", 400, "mode", "copy, smart or reencode"),
                new Refusal("{\"in\":50,\"out\":10,\"mode\":\"smart\"}", 400, "out", "inverted"),
                new Refusal("{\"in\":10,\"out\":10,\"mode\":\"smart\"}", 400, "out", "empty"),
                new Refusal("{\"in\":0,\"out\":251,\"mode\":\"smart\"}", 400, "out", "past the end"),
                new Refusal("{\"in\":250,\"out\":251,\"mode\":\"smart\"}", 400, "in", "past the source's last frame"),
                new Refusal("{\"in\":-1,\"out\":10,\"mode\":\"smart\"}", 400, "in", "from 0"),
                new Refusal("{\"in\":1.5,\"out\":10,\"mode\":\"smart\"}", 400, "in", "frame index"),
                new Refusal("{\"in\":true,\"out\":10,\"mode\":\"smart\"}", 400, "in", "frame index"),
                new Refusal("{\"in\":{\"f\":1},\"out\":10,\"mode\":\"smart\"}", 400, "in", "frame index"),
                new Refusal("{\"in\":99999999999999999999999,\"out\":10,\"mode\":\"smart\"}", 400, "in", "frame index"),
                new Refusal("{\"in\":\"" + longText + "\",\"out\":10,\"mode\":\"smart\"}", 400, "in", "timecode"),
                new Refusal("{\"in\":\"soon\",\"out\":10,\"mode\":\"smart\"}", 400, "in", "not a timecode"),
                // 25 fps: the frames field runs 0..24.
                new Refusal("{\"in\":\"00:00:01:30\",\"out\":100,\"mode\":\"smart\"}", 400, "in", "out of range"),
                new Refusal(
                        "{\"in\":\"00:00:05:00\",\"out\":\"00:00:02:00\",\"mode\":\"smart\"}", 400, "out", "inverted"),
                new Refusal("{\"in\":0,\"out\":10,\"mode\":\"smart\",\"title\":\"  \"}", 400, "title", "1 to 300"),
                new Refusal(
                        "{\"in\":0,\"out\":10,\"mode\":\"smart\",\"title\":\"a\\u0000b\"}", 400, "title", "control"),
                new Refusal(
                        "{\"in\":0,\"out\":10,\"mode\":\"smart\",\"title\":\"" + "t".repeat(301) + "\"}",
                        400,
                        "title",
                        "1 to 300"),
                new Refusal("{\"in\":0,\"out\":10,\"mode\":\"smart\",\"copyNotes\":\"yes\"}", 400, "copyNotes", "true"),
                new Refusal(
                        "{\"in\":0,\"out\":10,\"mode\":\"smart\",\"asVersionOf\":\"" + Ids.newId() + "\"}",
                        422,
                        "asVersionOf",
                        "no such asset"),
                new Refusal(
                        "{\"in\":0,\"out\":10,\"mode\":\"smart\",\"templateId\":\"" + Ids.newId() + "\"}",
                        422,
                        "templateId",
                        "no such template"));
        long mediaBefore = server.media.count();
        List<String> wrong = new ArrayList<>();
        for (Refusal r : refusals) {
            Answer a = server.call("POST", "/api/media/" + source + "/clips", r.body());
            JsonNode error = a.body() == null ? null : a.body().path("error");
            if (a.status() != r.status()
                    || error == null
                    || !error.path("message").asText().contains(r.words())
                    || !error.at("/details/field").asText().equals(r.field())) {
                wrong.add(abbreviate(r.body()) + " -> " + a.status() + " " + (a.body() == null ? "" : a.body()));
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " unexpected answers:\n" + String.join("\n", wrong));
        assertEquals(mediaBefore, server.media.count(), "a refused request created no media item");
        assertEquals(
                400,
                server.call("POST", "/api/media/" + source + "/clips", "{\"in\":")
                        .status());
    }

    @Test
    void timecodesOfASourceWithoutOneCountFromZeroAndTheEndIsExclusive() throws Exception {
        JsonNode started = server.clip(source, Map.of("in", "00:00:09:00", "out", "00:00:10:00", "mode", "copy"));
        JsonNode clip = server.awaitStatus(started.path("id").asText(), "ready");
        assertEquals(225, clip.at("/clipOf/in").asLong());
        assertEquals(250, clip.at("/clipOf/out").asLong());
    }

    @Test
    void aSourceThatIsNotReadyOrFiledNowhereIsAConflictAndAnUnknownOneIsNotFound() throws Exception {
        MediaItem real = server.media.get(source).orElseThrow();
        String processing = Ids.newId();
        server.media.create(new NewMediaItem(processing, "late.mp4", real.storedPath(), 1, null, null));
        file(processing);
        Answer busy =
                server.call("POST", "/api/media/" + processing + "/clips", "{\"in\":0,\"out\":10,\"mode\":\"smart\"}");
        assertEquals(409, busy.status(), () -> String.valueOf(busy.body()));
        assertTrue(busy.body().at("/error/message").asText().contains("still processing"));

        String failed = Ids.newId();
        server.media.create(new NewMediaItem(failed, "broken.mp4", real.storedPath(), 1, null, null));
        server.media.markFailed(failed, "not media");
        file(failed);
        assertEquals(
                409,
                server.call("POST", "/api/media/" + failed + "/clips", "{\"in\":0,\"out\":10,\"mode\":\"smart\"}")
                        .status());

        String unfiled = Ids.newId();
        server.media.create(new NewMediaItem(unfiled, "loose.mp4", real.storedPath(), 1, null, null));
        server.media.setProbe(unfiled, real.probe());
        server.media.setFrameMapPath(unfiled, real.frameMapPath());
        server.media.markReady(unfiled);
        Answer loose =
                server.call("POST", "/api/media/" + unfiled + "/clips", "{\"in\":0,\"out\":10,\"mode\":\"smart\"}");
        assertEquals(409, loose.status(), () -> String.valueOf(loose.body()));
        assertTrue(loose.body().at("/error/message").asText().contains("filed in no project"));

        assertEquals(
                404,
                server.call("POST", "/api/media/" + Ids.newId() + "/clips", "{\"in\":0,\"out\":10,\"mode\":\"smart\"}")
                        .status());
        assertEquals(
                404,
                server.call("POST", "/api/media/..%2F..%2Fetc/clips", "{\"in\":0,\"out\":10,\"mode\":\"smart\"}")
                        .status());
        assertEquals(
                404,
                server.call("GET", "/api/media/" + Ids.newId() + "/download", null)
                        .status());
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyReplaysTheAnswerInsteadOfCuttingTwice() throws Exception {
        String body = "{\"in\":0,\"out\":125,\"mode\":\"copy\"}";
        long before = server.media.count();
        Answer first = server.call("POST", "/api/media/" + source + "/clips", body, "Idempotency-Key", "cut-1");
        Answer again = server.call("POST", "/api/media/" + source + "/clips", body, "Idempotency-Key", "cut-1");
        assertEquals(202, first.status(), () -> String.valueOf(first.body()));
        assertEquals(202, again.status(), () -> String.valueOf(again.body()));
        assertEquals(first.body(), again.body());
        assertEquals(
                "true", again.raw().headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(before + 1, server.media.count(), "one clip");
    }

    private void file(String mediaId) throws Exception {
        Answer filed = server.call(
                "POST", "/api/assets", ClipsServer.JSON.writeValueAsString(Map.of("title", "T", "mediaId", mediaId)));
        assertEquals(201, filed.status(), () -> String.valueOf(filed.body()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
