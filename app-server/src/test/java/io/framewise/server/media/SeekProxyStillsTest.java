package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.jobs.JobKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video gets a seek proxy after ingest, and {@code /frames/{n}?source=seek} answers its still of
 * frame n, small and of the right frame, naming source and index in headers; the exact still keeps
 * its meaning.
 */
class SeekProxyStillsTest {

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
    void aVideosSeekProxyShowsTheAskedFrameAtEveryIndex() throws Exception {
        String id = readyWithSeekProxy(Variant.H264_LONG_GOP, "long-gop.mp4");
        Path proxy = data.resolve("media").resolve(id).resolve(MediaFiles.SEEK_PROXY);
        assertEquals(250, FrameMapBuilder.build(proxy).frameCount(), "frame for frame the original");

        for (int n : new int[] {0, 249, 137, 1, 200, 63, 124, 125, 248}) {
            HttpResponse<byte[]> r = server.get("/api/media/" + id + "/frames/" + n + "?source=seek&format=jpg");
            assertEquals(200, r.statusCode(), () -> new String(r.body()));
            assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals("seek", r.headers().firstValue("X-Frame-Source").orElse(""));
            assertEquals(
                    Integer.toString(n), r.headers().firstValue("X-Frame-Index").orElse(""));
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertEquals(n, FrameCode.read(picture), "the seek still of frame " + n);
            assertEquals(
                    Integer.toString(picture.getWidth()),
                    r.headers().firstValue("X-Still-Width").orElse(""));
        }
        HttpResponse<byte[]> narrow = server.get("/api/media/" + id + "/frames/77?source=seek&width=160");
        assertEquals(200, narrow.statusCode());
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(narrow.body()));
        assertEquals(160, small.getWidth());
        assertEquals(77, FrameCode.read(small));

        HttpResponse<byte[]> exact = server.get("/api/media/" + id + "/frames/137?format=png");
        assertEquals(200, exact.statusCode());
        assertEquals("exact", exact.headers().firstValue("X-Frame-Source").orElse(""));
        assertEquals("137", exact.headers().firstValue("X-Frame-Index").orElse(""));
        assertEquals(137, FrameCode.read(exact.body()));
    }

    @Test
    void aVariableRateVideosSeekProxyKeepsItsFrameOrder() throws Exception {
        String id = readyWithSeekProxy(Variant.VFR, "vfr.mp4");
        for (int n : new int[] {149, 0, 49, 50, 51, 100}) {
            HttpResponse<byte[]> r = server.get("/api/media/" + id + "/frames/" + n + "?source=seek");
            assertEquals(200, r.statusCode(), () -> new String(r.body()));
            assertEquals(n, FrameCode.read(r.body()), "VFR seek still " + n);
        }
    }

    @Test
    void badParametersAndItemsWithoutASeekProxyGetClearErrors() throws Exception {
        String id = readyWithSeekProxy(Variant.H264_LONG_GOP, "long-gop.mp4");
        String base = "/api/media/" + id + "/frames/";
        assertError(server.get(base + "5?source=fast"), 400, "source must be exact or seek");
        assertError(server.get(base + "5?source=SEEK"), 400, "source must be exact or seek");
        assertError(server.get(base + "250?source=seek"), 422, "outside the media's frames");
        assertError(server.get(base + "-1?source=seek"), 422, "outside the media's frames");
        assertError(server.get(base + "x?source=seek"), 400, "whole number");
        assertError(server.get(base + "5?source=seek&width=8"), 400, "width");
        assertError(server.get(base + "5?source=seek&format=gif"), 400, "format must be png, jpg or webp");
        assertError(server.get("/api/media/AAAAAAAAAAAAAAAAAAAAAA/frames/5?source=seek"), 404, "");
        assertError(server.get("/api/media/..%2F..%2Fetc/frames/5?source=seek"), 404, "");

        String still = server.uploadRaw(TestMedia.get(Variant.STILL_PNG), "still.png")
                .path("id")
                .asText();
        server.awaitStatus(still, "ready");
        assertTrue(
                server.jobs.listByMedia(still).stream().noneMatch(j -> j.kind() == JobKind.SEEK_PROXY),
                "a single picture gets no seek proxy");
        assertError(server.get("/api/media/" + still + "/frames/0?source=seek"), 404, "no seek proxy");
        assertEquals(200, server.get("/api/media/" + still + "/frames/0").statusCode(), "the exact still as ever");
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String says) {
        String body = new String(r.body());
        assertEquals(status, r.statusCode(), body);
        assertTrue(body.contains(says), body);
        assertTrue(body.startsWith("{"), "a JSON error: " + body);
    }

    /** Uploads {@code variant}, waits until it is ready and its seek proxy is listed. */
    private String readyWithSeekProxy(Variant variant, String name) throws Exception {
        String id = server.uploadRaw(TestMedia.get(variant), name).path("id").asText();
        server.awaitStatus(id, "ready");
        MediaServer.await("the seek proxy of " + name, () -> seekProxyUrl(id) != null);
        assertEquals("/api/media/" + id + "/frames?source=seek", seekProxyUrl(id));
        assertTrue(Files.isRegularFile(data.resolve("media").resolve(id).resolve(MediaFiles.SEEK_PROXY_FRAME_MAP)));
        return id;
    }

    private String seekProxyUrl(String id) {
        try {
            JsonNode item = server.json("/api/media/" + id);
            List<JsonNode> found = StreamSupport.stream(item.path("renditions").spliterator(), false)
                    .filter(r -> r.path("kind").asText().equals("seek_proxy")
                            && r.path("status").asText().equals("ready"))
                    .toList();
            return found.isEmpty() ? null : found.get(0).path("url").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
