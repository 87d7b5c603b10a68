package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.player.LocalStills;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.StillCache;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.player.VlcPlayer;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.time.FrameRange;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * N / Shift+N and "loop notes" without a screen: notes from a real embedded server on the 29.97
 * drop-frame clip (150 frames, each carrying its index), the transport beating frame-exact stills
 * by hand (no native player), so the playhead's path through the note ranges is checked frame by
 * frame.
 */
class NoteLoopViewModelTest {

    private final ReviewServer server = ReviewServer.get();
    private final ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
    private final Executor ui = uiQueue::add;
    private final PlaybackViewModelTest.HandTicker ticker = new PlaybackViewModelTest.HandTicker();
    private final NotesViewModel notes = new NotesViewModel(Runnable::run, Runnable::run);
    private PlaybackViewModel playback;
    private StillCache stills;
    private NoteLoopViewModel loop;

    @BeforeEach
    void load() {
        String media = server.v1.id();
        for (Note n : server.api.notes(media)) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
        notes.load(server.api, media).join();
        // Written out of order: the loop goes by frame.
        notes.add("third", 120, null, java.util.List.of()).join();
        notes.add("first", 20, null, java.util.List.of()).join();
        notes.add("second", 70, 90L, java.util.List.of()).join();
        assertEquals("", notes.errorProperty().get());
        TestMedia.Variant v = TestMedia.Variant.H264_2997_DF;
        stills = new StillCache(new LocalStills(TestMedia.get(v)), v.frameCount(), 32, 3);
        playback = new PlaybackViewModel(ui, ticker);
        playback.load(
                new ClipTiming(150, FrameRate.FPS_29_97, Timecode.parse("01:00:00;00")),
                Player.none(VlcPlayer.INSTALL_HINT),
                stills);
        loop = new NoteLoopViewModel(playback, notes);
        // 0.2 s at 29.97 fps: 6 frames either side of a frame note.
        loop.handleSecondsProperty().set(0.2);
    }

    @AfterEach
    void close() {
        stills.close();
    }

    private void drain() {
        Runnable r;
        while ((r = uiQueue.poll()) != null) {
            r.run();
        }
    }

    private int shownCode(long frame) {
        Await.until("the still of frame " + frame, Duration.ofSeconds(30), () -> {
            drain();
            StillImage s = playback.stillProperty().get();
            return s != null && s.index() == frame;
        });
        StillImage s = playback.stillProperty().get();
        return FrameCode.readRgb(s.toRgb(), s.width(), s.height(), s.width() * 3);
    }

    private String current() {
        return loop.currentProperty().get().first().text();
    }

    @Test
    void loopNotesPlaysEachNotesRangeInFrameOrderOverAndOver() {
        loop.start();
        assertTrue(loop.onProperty().get());
        assertEquals("first", current());
        assertEquals(14, playback.frame(), "the first note's range starts 6 frames before frame 20");
        assertTrue(playback.playing());
        ticker.beat(12);
        assertEquals(26, playback.frame(), "the last frame of 14..26");
        ticker.beat(1);
        assertEquals(70, playback.frame(), "on to the second note's range, skipping 27..69");
        assertEquals("second", current());
        assertEquals(70, playback.loopInProperty().get());
        assertEquals(89, playback.loopOutProperty().get(), "the range note's out is exclusive");
        ticker.beat(19);
        assertEquals(89, playback.frame());
        ticker.beat(1);
        assertEquals(114, playback.frame(), "the third note: 120 less 6");
        assertEquals("third", current());
        assertEquals(114, playback.loopInProperty().get());
        assertEquals(114, shownCode(114), "the picture is the frame the playhead is on");
    }

    @Test
    void afterTheLastNoteItGoesBackToTheFirstAndStopsWhenTurnedOff() {
        loop.start();
        ticker.beat(13); // 14..26, then 70
        ticker.beat(20); // 70..89, then 114
        assertEquals(114, playback.frame());
        ticker.beat(12);
        assertEquals(126, playback.frame());
        ticker.beat(1);
        assertEquals(14, playback.frame(), "round again from the first note");
        assertEquals("first", current());
        playback.stop();
        assertEquals(14, shownCode(14), "the still shown is the frame the playhead is on");

        loop.stop();
        assertFalse(loop.onProperty().get());
        assertFalse(playback.loopingProperty().get(), "the note loop's range goes with it");
        playback.play(1);
        ticker.beat(30);
        assertEquals(44, playback.frame(), "plain playback again, no jumps");
    }

    @Test
    void turningThePlayersLoopOffEndsTheNoteLoop() {
        loop.start();
        playback.toggleLoop();
        assertFalse(loop.onProperty().get());
        ticker.beat(20);
        assertEquals(34, playback.frame(), "no jump to the next note");
    }

    @Test
    void nAndShiftNGoToTheNextAndPreviousNotesExactFrame() {
        assertTrue(loop.next());
        assertEquals(20, playback.frame());
        assertEquals("first", current());
        assertEquals(20, shownCode(20));
        assertTrue(loop.next());
        assertEquals(70, playback.frame());
        assertEquals("second", current());
        assertEquals(70, shownCode(70));
        assertTrue(loop.next());
        assertEquals(120, playback.frame());
        assertFalse(loop.next(), "nothing after the last note");
        assertEquals(120, playback.frame());
        assertTrue(loop.previous());
        assertEquals(70, playback.frame());
        assertEquals(70, shownCode(70));
        assertTrue(loop.previous());
        assertEquals(20, playback.frame());
        assertFalse(loop.previous(), "nothing before the first note");
    }

    @Test
    void rangesStayInsideTheMediaAndAreNeverEmpty() {
        assertEquals(FrameRange.of(15, 66), NoteLoopViewModel.range(40, null, 100, 25));
        assertEquals(FrameRange.of(0, 29), NoteLoopViewModel.range(3, null, 100, 25));
        assertEquals(FrameRange.of(70, 100), NoteLoopViewModel.range(95, null, 100, 25));
        assertEquals(FrameRange.of(40, 41), NoteLoopViewModel.range(40, null, 100, 0));
        assertEquals(FrameRange.of(10, 20), NoteLoopViewModel.range(10, 20L, 100, 25));
        assertEquals(FrameRange.of(90, 100), NoteLoopViewModel.range(90, 500L, 100, 25));
        assertEquals(FrameRange.of(99, 100), NoteLoopViewModel.range(150, null, 100, 0));
    }
}
