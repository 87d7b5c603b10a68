package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewer scrubbing fast abandons most still requests: the client cancels them and the connection
 * closes before the answer. A burst of such requests over several media items must leave no decoder
 * behind: once the burst settles (background work included), no reader is busy and no more readers
 * hold a decoder than the pool keeps, and the next still is still the right picture.
 */
class AbandonedStillRequestsTest {

    static final int POOL = 2;

    @TempDir
    Path data;

    @Test
    void aBurstOfCancelledStillRequestsLeavesNoDecoderBehind() throws Exception {
        try (MediaServer server = new MediaServer(data, MediaServer.fast().withOpenReaders(POOL))) {
            List<String> ids = new ArrayList<>();
            for (Variant v :
                    List.of(Variant.H264_LONG_GOP, Variant.H264_2997_DF, Variant.HEVC_OPEN_GOP, Variant.VP9_WEBM)) {
                String id = server.uploadRaw(
                                TestMedia.get(v),
                                v.name().toLowerCase() + "." + v.fileName().replaceAll(".*\\.", ""))
                        .path("id")
                        .asText();
                ids.add(id);
            }
            for (String id : ids) {
                server.awaitStatus(id, "ready");
            }
            FrameStills stills = server.feature.stills();

            // 80 requests over four items, each sent on its own connection that closes at once: the
            // server finds out only when it writes the answer.
            Random random = new Random(7);
            URI base = server.uri("/");
            for (int i = 0; i < 80; i++) {
                String id = ids.get(random.nextInt(ids.size()));
                int frame = random.nextInt(48);
                int width = 160 + 16 * random.nextInt(20);
                abandon(base, "/api/media/" + id + "/frames/" + frame + "?width=" + width + "&format=jpg");
            }

            MediaServer.await(
                    "every abandoned request to finish with its reader (live " + stills.liveReaders() + ", busy "
                            + stills.busyReaders() + ")",
                    () -> stills.busyReaders() == 0 && stills.prefetchJobs() == 0 && stills.liveReaders() <= POOL);
            assertTrue(stills.openReaders() <= POOL, "pooled readers: " + stills.openReaders());
            assertEquals(stills.openReaders(), stills.liveReaders(), "a reader outside the pool still holds a decoder");

            // The pool still serves exact pictures.
            HttpResponse<byte[]> r = server.get("/api/media/" + ids.get(0) + "/frames/123");
            assertEquals(200, r.statusCode());
            assertEquals(123, FrameCode.read(r.body()));
            // Work the request started in the background (ADR 0054) ends with its readers too.
            MediaServer.await(
                    "the pool to settle after the request",
                    () -> stills.busyReaders() == 0 && stills.prefetchJobs() == 0 && stills.liveReaders() <= POOL);
            assertEquals(stills.openReaders(), stills.liveReaders(), "a reader outside the pool still holds a decoder");
        }
    }

    private static void abandon(URI base, String path) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Closed without reading a byte of the answer, as a cancelled fetch does.
        }
    }
}
