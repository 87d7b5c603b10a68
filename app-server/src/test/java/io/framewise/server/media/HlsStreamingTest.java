package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.server.hls.HlsPolicy;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long media get an HLS ladder the server serves file by file; short ones do not. */
class HlsStreamingTest {

    @TempDir
    Path data;

    @TempDir
    Path work;

    MediaServer server;

    @BeforeEach
    void start() {
        // "Long" is anything over 5 s here; the bit rate threshold is out of reach.
        server = MediaServer.configured(data, MediaServer.fast(), c -> c.withHls(new HlsPolicy(5, 1_000_000_000L)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aLongMediaGetsALadderWhoseSegmentsHoldEveryFrameInOrder() throws Exception {
        // 10 s, 640x360: only the 360p rung exists (never upscaled).
        String id = longMediaWithItsLadder();
        assertEquals("/api/media/" + id + "/hls/master.m3u8", hlsUrl(id));

        HttpResponse<byte[]> master = server.get("/api/media/" + id + "/hls/master.m3u8");
        assertEquals(200, master.statusCode());
        assertEquals(
                "application/vnd.apple.mpegurl",
                master.headers().firstValue("Content-Type").orElse(""));
        String masterText = new String(master.body(), StandardCharsets.UTF_8);
        assertTrue(masterText.contains("RESOLUTION=640x360"), masterText);
        assertTrue(masterText.contains("360p/index.m3u8"), masterText);
        assertFalse(masterText.contains("720p"), masterText);

        String base = "/api/media/" + id + "/hls/360p/";
        HttpResponse<byte[]> playlist = server.get(base + "index.m3u8");
        assertEquals(200, playlist.statusCode());
        List<String> segments = new String(playlist.body(), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.endsWith(".m4s"))
                .toList();
        assertEquals(3, segments.size(), "10 s in 4 s segments");

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        HttpResponse<byte[]> init = server.get(base + "init.mp4");
        assertEquals(200, init.statusCode());
        assertEquals("video/mp4", init.headers().firstValue("Content-Type").orElse(""));
        joined.write(init.body());
        for (String s : segments) {
            HttpResponse<byte[]> seg = server.get(base + s);
            assertEquals(200, seg.statusCode(), s);
            joined.write(seg.body());
        }
        Path whole = work.resolve("whole.mp4");
        Files.write(whole, joined.toByteArray());
        assertEquals(250, FrameMapBuilder.build(whole).frameCount());
        DecodedVideo decoded = DecodedVideo.decode(whole);
        for (int i = 0; i < 250; i++) {
            assertEquals(i, decoded.codes().get(i), "frame " + i);
        }

        HttpResponse<byte[]> range = server.get(base + segments.get(1), "Range", "bytes=0-99");
        assertEquals(206, range.statusCode());
        assertEquals(100, range.body().length);
    }

    @Test
    void namesOutsideTheLadderAreNotFound() throws Exception {
        String id = longMediaWithItsLadder();
        String base = "/api/media/" + id + "/hls/";
        for (String path : List.of(
                "360p/..%2F..%2Foriginal.mp4",
                "..%2F360p/index.m3u8",
                "360p/..%2Fmaster.m3u8",
                "360p/seg1.m4s",
                "360p/index.m3u8.part",
                "360p/.index.m3u8",
                "360p%2F..%2F..%2Fframemap.bin/init.mp4",
                "1080p/index.m3u8",
                "360p/seg99999.m4s")) {
            HttpResponse<byte[]> r = server.get(base + path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " answered " + r.statusCode());
        }
    }

    @Test
    void aShortMediaHasNoLadder() throws Exception {
        String id = server.uploadRaw(TestMedia.get(Variant.VP9_WEBM), "short.webm")
                .path("id")
                .asText();
        server.awaitStatus(id, "ready");
        JsonNode jobs = server.json("/api/media/" + id);
        assertEquals(null, hlsUrl(id), jobs.toString());
        assertEquals(404, server.get("/api/media/" + id + "/hls/master.m3u8").statusCode());
        assertTrue(server.jobs.listByMedia(id).stream()
                .noneMatch(j -> j.kind().wire().equals("hls")));
    }

    /** A 10 s upload (long here), once its ladder is made. */
    private String longMediaWithItsLadder() throws Exception {
        String id = server.uploadRaw(TestMedia.get(Variant.H264_LONG_GOP), "long.mp4")
                .path("id")
                .asText();
        server.awaitStatus(id, "ready");
        MediaServer.await("the HLS ladder", () -> hlsUrl(id) != null);
        return id;
    }

    private String hlsUrl(String id) {
        try {
            JsonNode item = server.json("/api/media/" + id);
            return StreamSupport.stream(item.path("renditions").spliterator(), false)
                    .filter(r -> r.path("kind").asText().equals("hls"))
                    .map(r -> r.path("url").asText())
                    .findFirst()
                    .orElse(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
