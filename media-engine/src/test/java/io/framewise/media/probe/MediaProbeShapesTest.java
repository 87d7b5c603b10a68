package io.framewise.media.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.SubtitleStreamInfo;
import io.framewise.model.media.VideoStreamInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shapes of media the shared test set does not cover, made small for each test. */
class MediaProbeShapesTest {

    @TempDir
    Path dir;

    private static final String SRT =
            "1\n00:00:00,000 --> 00:00:01,000\nHello\n\n2\n00:00:01,000 --> 00:00:02,000\nAgain\n";

    private Path anamorphic(String name, String... extra) {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(
                List.of("-map", "0:v", "-c:v", "libx264", "-preset", "ultrafast", "-f", "mp4", out.toString()));
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=240x180:rate=25,trim=end_frame=5,setsar=4/3"),
                args.toArray(String[]::new));
        if (extra.length == 0) {
            return out;
        }
        Path turned = dir.resolve("turned-" + name);
        List<String> in = new java.util.ArrayList<>(List.of(extra));
        in.addAll(List.of("-i", out.toString()));
        TestMedia.run(in, "-c", "copy", "-f", "mp4", turned.toString());
        return turned;
    }

    @Test
    void nonSquarePixelsWidenThePicture() {
        VideoStreamInfo video = MediaProbe.probe(anamorphic("sar.mp4")).video().orElseThrow();
        assertEquals("4:3", video.sampleAspectRatio());
        assertEquals(240, video.codedWidth());
        assertEquals(320, video.displayWidth());
        assertEquals(180, video.displayHeight());
        assertEquals(5, video.frameCount());
    }

    @Test
    void nonSquarePixelsThenAQuarterTurn() {
        VideoStreamInfo video = MediaProbe.probe(anamorphic("sar-rot.mp4", "-display_rotation", "90"))
                .video()
                .orElseThrow();
        // A matrix turning 90 degrees counter-clockwise needs 270 clockwise to show upright.
        assertEquals(270, video.rotation());
        assertEquals(180, video.displayWidth());
        assertEquals(320, video.displayHeight());
    }

    @Test
    void upsideDownIsHalfATurn() {
        VideoStreamInfo video = MediaProbe.probe(anamorphic("flip.mp4", "-display_rotation", "180"))
                .video()
                .orElseThrow();
        assertEquals(180, video.rotation());
        assertEquals(320, video.displayWidth());
        assertEquals(180, video.displayHeight());
    }

    @Test
    void coverArtIsNotVideo() {
        Path out = dir.resolve("with-cover.m4a");
        TestMedia.run(
                List.of(
                        "-i",
                        TestMedia.get(Variant.AUDIO_ONLY).toString(),
                        "-i",
                        TestMedia.get(Variant.STILL_PNG).toString()),
                "-map",
                "0:a",
                "-map",
                "1:v",
                "-c",
                "copy",
                "-disposition:v:0",
                "attached_pic",
                "-f",
                "mp4",
                out.toString());
        MediaInfo info = MediaProbe.probe(out);
        assertTrue(info.isAudioOnly(), info.toString());
        assertEquals("m4a", info.container());
        assertEquals(1, info.audio().size());
    }

    @Test
    void movTextSubtitlesCarryLanguageAndTitle() throws IOException {
        Path srt = Files.writeString(dir.resolve("in.srt"), SRT, StandardCharsets.UTF_8);
        Path out = dir.resolve("subs.mp4");
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25,trim=end_frame=50", "-i", srt.toString()),
                "-map",
                "0:v",
                "-map",
                "1:s",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:s",
                "mov_text",
                "-metadata:s:s:0",
                "language=fra",
                "-metadata:s:s:0",
                "handler_name=Director notes",
                "-f",
                "mp4",
                out.toString());
        SubtitleStreamInfo subs = MediaProbe.probe(out).subtitles().get(0);
        assertEquals("mov_text", subs.codec());
        assertEquals(Optional.of("fra"), subs.language());
        assertEquals(Optional.of("Director notes"), subs.title());
    }

    @Test
    void matroskaSubtitleTitleAndGenericMp4HandlerNames() {
        Path titled = dir.resolve("titled.mkv");
        TestMedia.run(
                List.of("-i", TestMedia.get(Variant.SUBTITLED).toString()),
                "-map",
                "0",
                "-c",
                "copy",
                "-metadata:s:s:0",
                "title=English (SDH)",
                "-f",
                "matroska",
                titled.toString());
        assertEquals(
                Optional.of("English (SDH)"),
                MediaProbe.probe(titled).subtitles().get(0).title());
        assertEquals(
                Optional.empty(),
                MediaProbe.probe(TestMedia.get(Variant.SUBTITLED))
                        .subtitles()
                        .get(0)
                        .title());
    }

    @Test
    void subtitleFilesProbeOnTheirOwn() throws IOException {
        Path srt = Files.writeString(dir.resolve("cues.srt"), SRT, StandardCharsets.UTF_8);
        Path vtt = Files.writeString(
                dir.resolve("cues.vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", StandardCharsets.UTF_8);
        Path ass = dir.resolve("cues.ass");
        TestMedia.run(List.of("-i", srt.toString()), "-c:s", "ass", ass.toString());

        MediaInfo fromSrt = MediaProbe.probe(srt);
        assertEquals("srt", fromSrt.container());
        assertEquals("subrip", fromSrt.subtitles().get(0).codec());
        assertFalse(fromSrt.hasVideo());
        assertEquals("webvtt", MediaProbe.probe(vtt).subtitles().get(0).codec());
        assertEquals("ass", MediaProbe.probe(ass).subtitles().get(0).codec());
    }
}
