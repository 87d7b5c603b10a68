package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.still.FrameReader;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server prepares what a viewer will ask next (ADR 0054): stepping either way, the next stills
 * that way are made in the background, stepping back across a GOP boundary included, and a {@code
 * prefetch=play} hint decodes ahead of the playhead. None of it changes an answer: every still is the
 * asked frame, byte for byte what a fresh reader makes, and no decoder is left behind.
 */
class StepPrefetchTest {

    static final int WIDTH = 320;

    @TempDir
    Path data;

    MediaServer server;
    FrameReader reference;

    @BeforeEach
    void start() {
        server = new MediaServer(data, MediaServer.fast());
        // GOP 125 with B-frames: frame 125 is a keyframe, 124 is the last frame of the first GOP.
        reference = FrameReader.open(TestMedia.get(Variant.H264_LONG_GOP));
    }

    @AfterEach
    void stop() {
        reference.close();
        server.close();
    }

    @Test
    void steppingBackAcrossAGopBoundaryGetsEveryFrameExactlyAndPreparedAhead() throws Exception {
        String id = ready();
        FrameStills stills = server.feature.stills();
        for (int n = 131; n >= 127; n--) {
            assertExact(id, n);
        }
        // Stepping back: the stills below are made before they are asked for, past the keyframe into
        // the GOP before, which the background decoded while the viewer looked at frame 127.
        for (int n = 126; n >= 127 - FrameStills.STEP_AHEAD; n--) {
            int frame = n;
            MediaServer.await(
                    "the background to make frame " + frame, () -> stills.hasStill(id, frame, WIDTH, StillFormat.JPEG));
        }
        for (int n = 126; n >= 100; n--) {
            assertExact(id, n);
        }
        assertNoDecoderLeft(stills);
    }

    @Test
    void steppingForwardPreparesTheNextStillsWithTheSameBytes() throws Exception {
        String id = ready();
        FrameStills stills = server.feature.stills();
        assertExact(id, 118);
        assertExact(id, 119);
        for (int n = 120; n <= 119 + FrameStills.STEP_AHEAD; n++) {
            int frame = n;
            MediaServer.await(
                    "the background to make frame " + frame, () -> stills.hasStill(id, frame, WIDTH, StillFormat.JPEG));
        }
        for (int n = 120; n <= 140; n++) {
            assertExact(id, n);
        }
        // A jump and a turn round: the answers stay exact.
        assertExact(id, 30);
        assertExact(id, 29);
        assertExact(id, 30);
        assertExact(id, 31);
        assertNoDecoderLeft(stills);
    }

    @Test
    void aPlayHintDecodesAheadSoThePauseStillIsReadyAndExact() throws Exception {
        String id = ready();
        FrameStills stills = server.feature.stills();
        HttpResponse<byte[]> hint = server.get(play(id, 60));
        assertEquals(204, hint.statusCode(), () -> new String(hint.body()));
        assertEquals(0, hint.body().length);
        MediaServer.await("the reader to decode ahead of the playhead", () -> stills.keepsDecoded(id, 80));
        // A newer hint supersedes the older one; the viewer pauses near it.
        assertEquals(204, server.get(play(id, 200)).statusCode());
        MediaServer.await("the reader to decode ahead of the new playhead", () -> stills.keepsDecoded(id, 215));
        assertExact(id, 207);
        assertExact(id, 66);

        assertEquals(
                400, server.get("/api/media/" + id + "/frames/60?prefetch=yes").statusCode());
        HttpResponse<byte[]> garbage = server.get("/api/media/" + id + "/frames/60?prefetch=../../x&format=jpg");
        assertEquals(400, garbage.statusCode());
        assertTrue(new String(garbage.body()).contains("prefetch must be play"), new String(garbage.body()));
        assertEquals(
                400,
                server.get("/api/media/" + id + "/frames/60?prefetch=play&width=abc")
                        .statusCode());
        assertEquals(422, server.get(play(id, 250)).statusCode());
        assertEquals(404, server.get(play("AAAAAAAAAAAAAAAAAAAAAA", 1)).statusCode());
        assertNoDecoderLeft(stills);
    }

    private String ready() throws Exception {
        String id = server.uploadRaw(TestMedia.get(Variant.H264_LONG_GOP), "long-gop.mp4")
                .path("id")
                .asText();
        server.awaitStatus(id, "ready");
        return id;
    }

    private static String play(String id, int n) {
        return "/api/media/" + id + "/frames/" + n + "?width=" + WIDTH + "&format=jpg&prefetch=play";
    }

    /** The still of frame n is that frame, and the very bytes a fresh reader and encoder make. */
    private void assertExact(String id, int n) throws Exception {
        HttpResponse<byte[]> r = server.get("/api/media/" + id + "/frames/" + n + "?width=" + WIDTH + "&format=jpg");
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        assertEquals(n, FrameCode.read(r.body()), "the still asked for frame " + n);
        byte[] expected = StillEncoder.encode(reference.read(n, WIDTH), StillFormat.JPEG, StillEncoder.DEFAULT_QUALITY);
        assertArrayEquals(expected, r.body(), "frame " + n + " as a fresh reader makes it");
    }

    private static void assertNoDecoderLeft(FrameStills stills) {
        MediaServer.await(
                "the background work to finish with its readers",
                () -> stills.busyReaders() == 0
                        && stills.prefetchJobs() == 0
                        && stills.liveReaders() == stills.openReaders());
        assertTrue(stills.readerBytes() <= stills.readerMemoryBudget(), "readers within their memory budget");
    }
}
