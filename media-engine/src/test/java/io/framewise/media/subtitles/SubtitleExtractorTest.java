package io.framewise.media.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.SubtitleStreamInfo;
import io.framewise.model.subtitles.Cue;
import io.framewise.model.subtitles.CueFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real media made by the bundled ffmpeg with SubRip, ASS and mov_text tracks. */
class SubtitleExtractorTest {

    static final String SRT = "1\n00:00:01,000 --> 00:00:02,000\nFirst <i>line</i>\n\n"
            + "2\n00:00:02,500 --> 00:00:03,000\nSecond & last\n";

    @TempDir
    Path dir;

    /** A 4 s video at {@code rate} with the SRT muxed in as {@code codec}, the track tagged and default. */
    Path media(String rate, String container, String codec) throws IOException {
        Path srt = dir.resolve("cues.srt");
        Files.writeString(srt, SRT, StandardCharsets.UTF_8);
        Path out = dir.resolve("media-" + codec + "." + container);
        List<String> in = new ArrayList<>(List.of(
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=" + rate + ",format=yuv420p", "-i", srt.toString()));
        TestMedia.run(
                in,
                "-t",
                "4",
                "-map",
                "0:v",
                "-map",
                "1:s",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:s",
                codec,
                "-metadata:s:s:0",
                "language=fra",
                "-disposition:s:0",
                "default",
                out.toString());
        return out;
    }

    @Test
    void subripInMatroskaAt25() throws IOException {
        Path file = media("25", "mkv", "srt");
        MediaInfo info = MediaProbe.probe(file);
        SubtitleStreamInfo track = info.subtitles().get(0);
        assertEquals("subrip", track.codec());
        assertEquals("fra", track.language().orElseThrow());
        assertTrue(track.text());
        assertTrue(track.defaultTrack());
        List<Cue> cues = SubtitleExtractor.extract(file, track.index());
        assertEquals(
                List.of(
                        new Cue(1_000_000, 2_000_000, "First <i>line</i>"),
                        new Cue(2_500_000, 3_000_000, "Second &amp; last")),
                cues);
        List<CueFrames.Placed> placed = frames(file).place(cues);
        assertEquals(25, placed.get(0).startFrame());
        assertEquals(50, placed.get(0).endFrame());
        assertEquals(63, placed.get(1).startFrame()); // 2.5 s is frame 62.5: the first frame at or after is 63
        assertEquals(75, placed.get(1).endFrame());
    }

    @Test
    void assInMatroskaAt2997() throws IOException {
        Path file = media("30000/1001", "mkv", "ass");
        SubtitleStreamInfo track = MediaProbe.probe(file).subtitles().get(0);
        assertEquals("ass", track.codec());
        List<Cue> cues = SubtitleExtractor.extract(file, track.index());
        assertEquals(2, cues.size());
        assertEquals("First <i>line</i>", cues.get(0).text());
        assertEquals(1_000_000, cues.get(0).startMicros());
        assertEquals(2_000_000, cues.get(0).endMicros());
        // Frame 30 is at 1.001 s (the first at or after 1 s); frame 60 at 2.002 s.
        List<CueFrames.Placed> placed = frames(file).place(cues);
        assertEquals(30, placed.get(0).startFrame());
        assertEquals(60, placed.get(0).endFrame());
    }

    @Test
    void movTextInMp4At23976() throws IOException {
        Path file = media("24000/1001", "mp4", "mov_text");
        SubtitleStreamInfo track = MediaProbe.probe(file).subtitles().get(0);
        assertEquals("mov_text", track.codec());
        assertTrue(track.text());
        List<Cue> cues = SubtitleExtractor.extract(file, track.index());
        assertEquals(2, cues.size(), cues::toString);
        assertEquals("First line", cues.get(0).plainText());
        assertEquals(1_000_000, cues.get(0).startMicros());
        assertEquals(2_000_000, cues.get(0).endMicros());
        // 1 s at 23.976 lies between frame 23 (0.959 s) and frame 24 (1.001 s).
        List<CueFrames.Placed> placed = frames(file).place(cues);
        assertEquals(24, placed.get(0).startFrame());
        assertEquals(48, placed.get(0).endFrame());
    }

    @Test
    void videoStreamsAreNotSubtitles() throws IOException {
        Path file = media("25", "mkv", "srt");
        MediaException e = assertThrows(MediaException.class, () -> SubtitleExtractor.extract(file, 0));
        assertTrue(e.getMessage().contains("not a subtitle stream"), e.getMessage());
        assertFalse(MediaProbe.probe(file).subtitles().isEmpty());
    }

    private static CueFrames frames(Path file) {
        FrameMap map = FrameMapBuilder.build(file, 100_000);
        long[] pts = map.allPts();
        long[] ticks = new long[pts.length];
        for (int i = 0; i < pts.length; i++) {
            ticks[i] = pts[i] - pts[0];
        }
        return new CueFrames(ticks, map.timeBaseNum(), map.timeBaseDen());
    }
}
