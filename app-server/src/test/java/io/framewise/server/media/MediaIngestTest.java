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
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way in (multipart, tus, the watched folder), corrupt files, and proxies for ProRes. */
class MediaIngestTest {

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
    void multipartAndTusUploadsBecomeReady() throws Exception {
        Path source = TestMedia.get(Variant.VP9_WEBM);
        String boundary = "framewise-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.webm\"\r\n"
                        + "Content-Type: video/webm\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(source));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.http.send(
                HttpRequest.newBuilder(server.uri("/api/media"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r::body);
        JsonNode created = MediaServer.JSON.readTree(r.body());
        assertEquals("clip.webm", created.path("name").asText());
        JsonNode item = server.awaitStatus(created.path("id").asText(), "ready");
        assertEquals(50, item.path("frameCount").asInt());
        assertArrayEquals(
                Files.readAllBytes(source),
                server.get("/api/media/" + item.path("id").asText() + "/stream").body());

        TusClient client = new TusClient();
        client.setUploadCreationURL(server.uri("/api/tus").toURL());
        Path tusSource = TestMedia.get(Variant.H264_2997_DF);
        TusUploader uploader = client.createUpload(new TusUpload(tusSource.toFile()));
        uploader.setChunkSize(64 * 1024);
        while (uploader.uploadChunk() > -1) {
            // Chunk by chunk to the end.
        }
        uploader.finish();
        MediaServer.await("the tus upload in the library", () -> total() == 2);
        JsonNode list = server.json("/api/media");
        String tusId = list.path("items").path(1).path("id").asText();
        assertEquals(
                tusSource.getFileName().toString(),
                list.path("items").path(1).path("name").asText());
        assertEquals(150, server.awaitStatus(tusId, "ready").path("frameCount").asInt());
    }

    @Test
    void corruptFileEndsFailedWithAReason() throws Exception {
        byte[] good = Files.readAllBytes(TestMedia.get(Variant.H264_LONG_GOP));
        Path broken = data.resolve("broken.mp4");
        // The tail only: no header, no index, just bytes from the middle of a movie.
        Files.write(broken, Arrays.copyOfRange(good, good.length / 2, good.length));
        String id = server.uploadRaw(broken, "broken.mp4").path("id").asText();
        JsonNode item = server.awaitStatus(id, "failed");
        String error = item.path("error").asText();
        assertFalse(error.isBlank());
        assertFalse(error.contains(data.toString()), "the reason must not leak server paths: " + error);
        // The row changes first, then the event goes out: wait for it rather than race it.
        MediaServer.await("the failed event", () -> server.events.stream()
                .anyMatch(
                        e -> e.kind() == LibraryEvent.Kind.FAILED && e.mediaId().equals(id)));
        HttpResponse<byte[]> still = server.get("/api/media/" + id + "/frames/0");
        MediaLibraryTest.assertError(still, 409);
    }

    @Test
    void proresGetsAProxyThatServesTheSameFrames() throws Exception {
        String id = server.uploadRaw(TestMedia.get(Variant.PRORES_23976), "prores.mov")
                .path("id")
                .asText();
        JsonNode item = server.awaitStatus(id, "ready");
        assertEquals("24000/1001", item.path("frameRate").asText());
        assertTrue(item.path("renditions").toString().contains("\"proxy\""), item.toString());
        HttpResponse<byte[]> proxy = server.get("/api/media/" + id + "/stream?rendition=proxy");
        assertEquals(200, proxy.statusCode());
        assertEquals("video/mp4", proxy.headers().firstValue("Content-Type").orElse(""));
        Path proxyFile = data.resolve("media").resolve(id).resolve("proxy.mp4");
        assertArrayEquals(Files.readAllBytes(proxyFile), proxy.body());
        // Without a choice, a browser gets the proxy.
        assertArrayEquals(
                proxy.body(), server.get("/api/media/" + id + "/stream").body());
        assertEquals(
                47, FrameCode.read(server.get("/api/media/" + id + "/frames/47").body()));
        assertTrue(server.events.stream()
                .anyMatch(e -> e.kind() == LibraryEvent.Kind.PROGRESS && "proxy".equals(e.stage())));
        MediaServer.await("waveform", () -> code("/api/media/" + id + "/waveform.json") == 200);
    }

    @Test
    void watchedFolderTakesMediaAndRejectsWhatIsNot() throws Exception {
        Path incoming = data.resolve("incoming");
        Path rejected = data.resolve("rejected");
        MediaServer.await("the watched folder", () -> Files.isDirectory(incoming));
        Files.writeString(incoming.resolve("notes.txt"), "this is not a movie\n");
        Path staging = data.resolve("staging.webm");
        Files.copy(TestMedia.get(Variant.VP9_WEBM), staging);
        Files.move(staging, incoming.resolve("dropped.webm"));

        MediaServer.await("the dropped file in the library", () -> total() == 1);
        JsonNode first = server.json("/api/media").path("items").path(0);
        assertEquals("dropped.webm", first.path("name").asText());
        server.awaitStatus(first.path("id").asText(), "ready");
        assertFalse(Files.exists(incoming.resolve("dropped.webm")));

        MediaServer.await("the text file rejected", () -> Files.exists(rejected.resolve("notes.txt.reason.txt")));
        assertTrue(Files.exists(rejected.resolve("notes.txt")));
        assertFalse(Files.readString(rejected.resolve("notes.txt.reason.txt")).isBlank());
        assertFalse(Files.exists(incoming.resolve("notes.txt")));
        assertEquals(1, total());
    }

    private long total() {
        try {
            return server.json("/api/media").path("total").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int code(String path) {
        try {
            return server.get(path).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
