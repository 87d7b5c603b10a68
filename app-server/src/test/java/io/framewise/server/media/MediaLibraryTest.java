package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.events.LibraryEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload, processing to ready, the item's fields, stills checked by the picture, Range, delete. */
class MediaLibraryTest {

    @TempDir
    Path data;

    MediaServer server;

    @BeforeEach
    void start() {
        server = new MediaServer(data, MediaServer.fast());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rawUploadBecomesReadyWithExactFieldsStillsAndRanges() throws Exception {
        Path source = TestMedia.get(Variant.H264_2997_DF);
        JsonNode created = server.uploadRaw(source, "df%20clip.mp4");
        String id = created.path("id").asText();
        assertEquals("processing", created.path("status").asText());
        assertEquals("df clip.mp4", created.path("name").asText());

        JsonNode item = server.awaitStatus(id, "ready");
        assertEquals(150, item.path("frameCount").asLong());
        assertEquals("30000/1001", item.path("frameRate").asText());
        assertEquals("01:00:00;00", item.path("startTimecode").asText());
        assertTrue(item.path("dropFrame").asBoolean());
        assertTrue(item.path("width").asInt() > 0 && item.path("height").asInt() > 0);
        assertTrue(item.path("durationSeconds").asDouble() > 4.9);
        assertTrue(item.path("error").isNull());
        assertTrue(item.has("createdAt")
                && item.has("hasAudio")
                && item.path("renditions").isArray());

        // The picture of frame n carries n: check several, full size and scaled, PNG and JPEG.
        for (int n : new int[] {0, 1, 74, 149}) {
            HttpResponse<byte[]> still = server.get("/api/media/" + id + "/frames/" + n);
            assertEquals(200, still.statusCode());
            assertEquals("image/png", still.headers().firstValue("Content-Type").orElse(""));
            assertTrue(still.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
            assertTrue(still.headers().firstValue("ETag").isPresent());
            assertEquals(Variant.H264_2997_DF.expectedCode(n), FrameCode.read(still.body()), "frame " + n);
        }
        HttpResponse<byte[]> scaled = server.get("/api/media/" + id + "/frames/100?width=320");
        assertEquals(200, scaled.statusCode());
        assertEquals(
                320,
                javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(scaled.body()))
                        .getWidth());
        assertEquals(100, FrameCode.read(scaled.body()));
        HttpResponse<byte[]> jpeg = server.get("/api/media/" + id + "/frames/33?format=jpg");
        assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
        assertEquals(33, FrameCode.read(jpeg.body()));
        // Cached on disk: the same request is served from the stills folder.
        assertTrue(Files.isRegularFile(
                data.resolve("media").resolve(id).resolve("stills").resolve("33-full.jpg")));
        HttpResponse<byte[]> again = server.get("/api/media/" + id + "/frames/33?format=jpg");
        assertArrayEquals(jpeg.body(), again.body());

        assertError(server.get("/api/media/" + id + "/frames/150"), 422);
        assertError(server.get("/api/media/" + id + "/frames/-1"), 422);
        assertError(server.get("/api/media/" + id + "/frames/abc"), 400);
        assertError(server.get("/api/media/" + id + "/frames/3?format=gif"), 400);
        assertError(server.get("/api/media/" + id + "/frames/3?width=5"), 400);
        assertError(server.get("/api/media/AAAAAAAAAAAAAAAAAAAAAAAA/frames/3"), 404);
        assertError(server.get("/api/media/not-an-id"), 404);
        // The original plays in browsers: there is no proxy.
        assertError(server.get("/api/media/" + id + "/stream?rendition=proxy"), 404);

        // Ranges against the stored original, byte for byte.
        byte[] original = Files.readAllBytes(source);
        HttpResponse<byte[]> whole = server.get("/api/media/" + id + "/stream");
        assertEquals(200, whole.statusCode());
        assertArrayEquals(original, whole.body());
        HttpResponse<byte[]> part =
                server.get("/api/media/" + id + "/stream?rendition=original", "Range", "bytes=100-1099");
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(original, 100, 1100), part.body());
        HttpResponse<byte[]> tail = server.get("/api/media/" + id + "/stream", "Range", "bytes=-500");
        assertArrayEquals(Arrays.copyOfRange(original, original.length - 500, original.length), tail.body());
        assertEquals(
                416,
                server.get("/api/media/" + id + "/stream", "Range", "bytes=" + original.length + "-")
                        .statusCode());

        JsonNode map = server.json("/api/media/" + id + "/framemap");
        assertEquals(150, map.path("frameCount").asInt());
        assertEquals("30000/1001", map.path("frameRate").asText());
        assertEquals(0, map.path("keyframes").path(0).asInt());
        assertFalse(map.path("vfr").asBoolean());

        // Thumbnails follow in their own job; each rendition is published as soon as it is written.
        MediaServer.await(
                "poster and sprites",
                () -> status(id, "/poster") == 200
                        && status(id, "/sprites") == 200
                        && status(id, "/sprites.json") == 200);

        // The list pages with a cursor.
        JsonNode second = server.uploadRaw(source, "second.mp4");
        JsonNode page = server.json("/api/media?limit=1");
        assertEquals(1, page.path("items").size());
        assertEquals(id, page.path("items").path(0).path("id").asText());
        JsonNode next =
                server.json("/api/media?limit=1&after=" + page.path("next").asText());
        assertEquals(
                second.path("id").asText(),
                next.path("items").path(0).path("id").asText());
        assertTrue(next.path("next").isNull());
        assertError(server.get("/api/media?limit=0"), 400);
        server.awaitStatus(second.path("id").asText(), "ready");
        // The item reads ready once its unit of work commits; its event is published just after, on the worker.
        MediaServer.await("the second item's ready event", () -> server.events.stream()
                .anyMatch(e -> e.mediaId().equals(second.path("id").asText()) && e.kind() == LibraryEvent.Kind.READY));

        // Library events in order for the first item.
        List<LibraryEvent.Kind> kinds = server.events.stream()
                .filter(e -> e.mediaId().equals(id))
                .map(LibraryEvent::kind)
                .toList();
        assertEquals(List.of(LibraryEvent.Kind.ADDED, LibraryEvent.Kind.READY), kinds);

        // Delete removes the row and every file.
        Path dir = data.resolve("media").resolve(id);
        assertTrue(Files.isDirectory(dir));
        HttpResponse<String> deleted = server.http.send(
                HttpRequest.newBuilder(server.uri("/api/media/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode());
        assertFalse(Files.exists(dir));
        assertError(server.get("/api/media/" + id), 404);
        assertEquals(
                LibraryEvent.Kind.REMOVED,
                server.events.get(server.events.size() - 1).kind());
    }

    private int status(String id, String suffix) {
        try {
            return server.get("/api/media/" + id + suffix).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertError(HttpResponse<byte[]> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), () -> new String(response.body()));
        JsonNode body = MediaServer.JSON.readTree(response.body());
        assertFalse(body.path("error").path("message").asText().isEmpty(), () -> new String(response.body()));
    }
}
