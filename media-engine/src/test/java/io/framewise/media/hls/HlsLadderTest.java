package io.framewise.media.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.DecodedVideo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsLadderTest {

    /** 6 s at 25 fps, 1280x720 with the frame index drawn in, and a tone: 150 frames. */
    static final int FRAMES = 150;

    static final HlsSettings FAST = HlsSettings.DEFAULT.withPreset("ultrafast");

    static Path source;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        source = TestMedia.directory().resolve("hls-720p-6s.mp4");
        if (!Files.isRegularFile(source)) {
            Path tmp = TestMedia.directory().resolve("tmp-hls-720p-6s.mp4");
            TestMedia.run(
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc2=size=1280x720:rate=25,trim=end_frame=" + FRAMES + ",format=yuv420p,"
                                    + FrameCode.drawFilter(),
                            "-f",
                            "lavfi",
                            "-i",
                            "sine=frequency=440:sample_rate=48000:duration=6"),
                    "-map",
                    "0:v",
                    "-map",
                    "1:a",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "ultrafast",
                    "-g",
                    "50",
                    "-bf",
                    "2",
                    "-c:a",
                    "aac",
                    "-shortest",
                    tmp.toString());
            try {
                Files.move(tmp, source);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void everyRenditionShowsEverySourceFrameInOrderAndNoneIsUpscaled() throws IOException {
        FrameMap map = FrameMapBuilder.build(source);
        List<Progress> progress = new ArrayList<>();
        Path folder = dir.resolve("hls");

        HlsResult result = new HlsLadder().write(source, map, folder, FAST, progress::add, new Cancellation());

        assertEquals(
                List.of("720p", "360p"),
                result.renditions().stream().map(HlsRendition::name).toList(),
                "a 720p source gets no 1080p rung");
        String master = Files.readString(folder.resolve(HlsLadder.MASTER), StandardCharsets.UTF_8);
        assertTrue(master.startsWith("#EXTM3U\n"), master);
        assertTrue(master.contains("RESOLUTION=1280x720"), master);
        assertTrue(master.contains("RESOLUTION=640x360"), master);
        assertFalse(master.contains("1080"), master);
        assertTrue(master.contains("CODECS=\"avc1."), master);
        assertTrue(master.contains(",mp4a.40.2\""), master);
        for (HlsRendition r : result.renditions()) {
            Path rendition = folder.resolve(r.name());
            assertEquals(FRAMES, r.frameCount());
            assertTrue(r.peakBitrate() >= r.averageBitrate() && r.averageBitrate() > 0, r.toString());
            // 6 s in 4 s segments on 2 s GOPs: 4 s, then 2 s.
            assertEquals(2, r.segments(), r.toString());
            String playlist = Files.readString(rendition.resolve(HlsLadder.PLAYLIST), StandardCharsets.UTF_8);
            assertTrue(playlist.contains("#EXT-X-MAP:URI=\"init.mp4\""), playlist);
            assertTrue(playlist.contains("seg00000.m4s") && playlist.contains("seg00001.m4s"), playlist);
            assertTrue(playlist.contains("#EXT-X-ENDLIST"), playlist);

            Path whole = joined(rendition, dir.resolve(r.name() + "-whole.mp4"), "seg00000.m4s", "seg00001.m4s");
            DecodedVideo decoded = DecodedVideo.decode(whole);
            assertEquals(FRAMES, decoded.frameCount(), r.name() + " frames");
            assertEquals(0, decoded.errors());
            assertEquals(r.height(), decoded.height());
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(i, decoded.codes().get(i), r.name() + " frame " + i);
            }

            // The second segment alone (after the init segment) starts on frame 100: it is a keyframe.
            Path second = joined(rendition, dir.resolve(r.name() + "-seg1.mp4"), "seg00001.m4s");
            DecodedVideo tail = DecodedVideo.decode(second);
            assertEquals(FRAMES - 100, tail.frameCount(), r.name() + " second segment");
            assertEquals(0, tail.errors());
            for (int i = 0; i < tail.frameCount(); i++) {
                assertEquals(100 + i, tail.codes().get(i), r.name() + " second segment frame " + i);
            }
        }
        assertEquals(1.0, progress.get(progress.size() - 1).fraction());
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i).fraction() >= progress.get(i - 1).fraction(), "progress never goes back");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    0,
                    files.filter(p -> p.getFileName().toString().startsWith("."))
                            .count(),
                    "no temporary folder left");
        }
    }

    @Test
    void aSourceBelowEveryRungGetsOneRenditionAtItsOwnSize() {
        assertEquals(List.of(1080, 720, 360), HlsLadder.rungsFor(2160, HlsSettings.DEFAULT));
        assertEquals(List.of(720, 360), HlsLadder.rungsFor(1079, HlsSettings.DEFAULT));
        assertEquals(List.of(240), HlsLadder.rungsFor(240, HlsSettings.DEFAULT));
        assertEquals(List.of(180), HlsLadder.rungsFor(181, HlsSettings.DEFAULT));
    }

    @Test
    void cancellingLeavesNoFolderBehind() throws IOException {
        FrameMap map = FrameMapBuilder.build(source);
        Cancellation cancel = new Cancellation();
        Path folder = dir.resolve("hls");
        Progress.Listener cancelMidway = p -> {
            if (p.framesDone() > 10) {
                cancel.cancel();
            }
        };

        assertThrows(MediaException.Cancelled.class, () -> new HlsLadder()
                .write(source, map, folder, FAST, cancelMidway, cancel));

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "neither the ladder nor its temporary folder");
        }
    }

    @Test
    void aNewLadderReplacesTheOldOne() throws IOException {
        FrameMap map = FrameMapBuilder.build(source);
        Path folder = dir.resolve("hls");
        Files.createDirectories(folder.resolve("1080p"));
        Files.writeString(folder.resolve("1080p/stale.m4s"), "old");

        HlsLadder.deleteTree(dir.resolve("missing"));
        new HlsLadder().write(source, map, folder, FAST, Progress.Listener.NONE, new Cancellation());

        assertFalse(Files.exists(folder.resolve("1080p")), "the old ladder is gone");
        assertTrue(Files.isRegularFile(folder.resolve("720p/init.mp4")));
    }

    private static Path joined(Path rendition, Path out, String... segments) throws IOException {
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(Files.readAllBytes(rendition.resolve("init.mp4")));
            for (String s : segments) {
                o.write(Files.readAllBytes(rendition.resolve(s)));
            }
        }
        return out;
    }
}
