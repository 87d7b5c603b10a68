package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.SubtitleModels.SubtitleTrack;
import io.framewise.desktop.testing.ReviewServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The overlay's cue at a frame, against a real server on the 29.97 media: a sidecar WebVTT uploaded,
 * chosen in the menu, and read back at the first and last frame of its cue and the frames around it.
 */
class SubtitlesViewModelTest {

    private final ReviewServer server = ReviewServer.get();
    private final SubtitlesViewModel subtitles = new SubtitlesViewModel(Runnable::run, Runnable::run);

    @Test
    void theCueOfTheFrameShowsOnExactlyItsFrames() {
        // At 30000/1001 frame 30 is at 1.001 s (the first at or after 1 s) and frame 60 at 2.002 s.
        String vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne <i>line</i>\n\n00:00:02.000 --> 00:00:02.100\nTwo\n";
        SubtitleTrack uploaded = server.api.uploadSubtitles(
                server.v1.id(), vtt.getBytes(StandardCharsets.UTF_8), "en", "Desk " + System.nanoTime());
        subtitles.load(server.api, server.v1.id()).join();
        assertTrue(subtitles.tracks().contains(uploaded), subtitles.tracks().toString());
        assertNull(subtitles.selectedProperty().get(), "off: the sidecar is not marked default");

        subtitles.showFrame(35);
        assertEquals("", subtitles.cueTextProperty().get());
        subtitles.select(uploaded).join();
        assertEquals("One line", subtitles.cueTextProperty().get(), "the cue appears on the frame shown");
        subtitles.showFrame(29);
        assertEquals("", subtitles.cueTextProperty().get());
        subtitles.showFrame(30);
        assertEquals("One line", subtitles.cueTextProperty().get());
        subtitles.showFrame(59);
        assertEquals("One line", subtitles.cueTextProperty().get());
        assertEquals(30, subtitles.cueOnFrame().orElseThrow().startFrame());
        assertEquals(60, subtitles.cueOnFrame().orElseThrow().endFrame());
        subtitles.showFrame(60);
        assertEquals("Two", subtitles.cueTextProperty().get());
        subtitles.showFrame(63);
        assertEquals("", subtitles.cueTextProperty().get(), "2.1 s is frame 62.9: the cue ends before frame 63");

        subtitles.showFrame(45);
        SubtitlesViewModel.CueNote note = subtitles.noteOnCue().orElseThrow();
        assertEquals(
                new SubtitlesViewModel.CueNote(30, 60, "\u201cOne line\u201d "), note, "a note over the cue's frames");

        subtitles.select(null).join();
        subtitles.showFrame(40);
        assertEquals("", subtitles.cueTextProperty().get(), "off shows nothing");
        assertTrue(subtitles.noteOnCue().isEmpty());
        assertEquals("", subtitles.errorProperty().get());
    }
}
