package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.player.LocalStills;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.StillCache;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.player.VlcPlayer;
import io.framewise.desktop.testing.Await;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport without a screen: stepping, J/K/L shuttle, loop in/out, and the timecode display,
 * on the 29.97 drop-frame test clip with real frame-exact stills and no native player (the app's
 * own mode when VLC is missing). The ticker is beaten by hand, so nothing waits on a clock.
 */
class PlaybackViewModelTest {

    static final class HandTicker implements Ticker {
        Runnable tick;
        double rate;

        @Override
        public void start(double ticksPerSecond, Runnable t) {
            this.tick = t;
            this.rate = ticksPerSecond;
        }

        @Override
        public void stop() {
            tick = null;
            rate = 0;
        }

        void beat(int n) {
            for (int i = 0; i < n && tick != null; i++) {
                tick.run();
            }
        }
    }

    /** The "FX thread" of this test: tasks queue up and run when the test drains them. */
    private final ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();

    private final Executor ui = uiQueue::add;
    private final HandTicker ticker = new HandTicker();
    private PlaybackViewModel vm;
    private StillCache stills;

    @BeforeEach
    void load() {
        TestMedia.Variant v = TestMedia.Variant.H264_2997_DF;
        stills = new StillCache(new LocalStills(TestMedia.get(v)), v.frameCount(), 32, 3);
        vm = new PlaybackViewModel(ui, ticker);
        vm.load(
                new ClipTiming(150, FrameRate.FPS_29_97, Timecode.parse("01:00:00;00")),
                Player.none(VlcPlayer.INSTALL_HINT),
                stills);
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

    private StillImage stillOf(long frame) {
        Await.until("the still of frame " + frame, Duration.ofSeconds(30), () -> {
            drain();
            StillImage s = vm.stillProperty().get();
            return s != null && s.index() == frame;
        });
        return vm.stillProperty().get();
    }

    @Test
    void withoutVlcItSaysHowToInstallItAndStillShowsExactFrames() {
        assertTrue(vm.messageProperty().get().contains("apt-get install libvlc5 vlc-plugin-base"));
        StillImage s = stillOf(0);
        assertEquals(0, FrameCode.readRgb(s.toRgb(), s.width(), s.height(), s.width() * 3));
    }

    @Test
    void stepsBothWaysAndClampsAtTheEnds() {
        vm.step(1);
        vm.step(1);
        vm.step(1);
        vm.step(-1);
        assertEquals(2, vm.frame());
        StillImage s = stillOf(2);
        assertEquals(2, FrameCode.readRgb(s.toRgb(), s.width(), s.height(), s.width() * 3));
        vm.step(-10);
        assertEquals(0, vm.frame());
        vm.end();
        assertEquals(149, vm.frame());
        vm.step(5);
        assertEquals(149, vm.frame());
        vm.home();
        assertEquals(0, vm.frame());
    }

    @Test
    void shuttleDoublesUpToEightTimesBothWaysAndKStops() {
        vm.shuttleForward();
        assertEquals(1.0, vm.rateProperty().get());
        vm.shuttleForward();
        vm.shuttleForward();
        vm.shuttleForward();
        vm.shuttleForward();
        assertEquals(8.0, vm.rateProperty().get());
        assertEquals(FrameRate.FPS_29_97.fps() * 8, ticker.rate, 1e-9);
        ticker.beat(10);
        assertEquals(10, vm.frame());
        vm.shuttleBack();
        assertEquals(-1.0, vm.rateProperty().get());
        vm.shuttleBack();
        assertEquals(-2.0, vm.rateProperty().get());
        ticker.beat(4);
        assertEquals(6, vm.frame());
        vm.stop();
        assertFalse(vm.playing());
        assertEquals(6, stillOf(6).index());
        assertEquals("Paused", vm.rateLabel().get());
    }

    @Test
    void reversePlayStopsAtTheFirstFrame() {
        vm.step(3);
        vm.shuttleBack();
        ticker.beat(10);
        assertEquals(0, vm.frame());
        assertFalse(vm.playing());
    }

    @Test
    void loopsBetweenInAndOut() {
        vm.step(10);
        vm.markIn();
        vm.step(4);
        vm.markOut();
        vm.toggleLoop();
        assertEquals(10, vm.loopInProperty().get());
        assertEquals(14, vm.loopOutProperty().get());
        vm.togglePlay();
        ticker.beat(1);
        assertEquals(10, vm.frame(), "past the out point playback goes back to the in point");
        ticker.beat(4);
        assertEquals(14, vm.frame());
        ticker.beat(1);
        assertEquals(10, vm.frame());
        vm.togglePlay();
        vm.clearLoop();
        assertEquals(-1, vm.loopInProperty().get());
        assertFalse(vm.loopingProperty().get());
    }

    @Test
    void showsTimecodeWithDropFrameFramesAndSeconds() {
        assertEquals("01:00:00;00", vm.position().get());
        // 1800 frames at 29.97 DF is 01:01:00;02 (labels ;00 and ;01 of minute 1 are skipped), but
        // this clip has 150 frames: check the last one and the skip logic through the model.
        vm.end();
        assertEquals("01:00:04;29", vm.position().get());
        ClipTiming long_ = new ClipTiming(20_000, FrameRate.FPS_29_97, Timecode.parse("01:00:00;00"));
        assertEquals("01:01:00;02", TimeFormat.TIMECODE.format(1800, long_));
        assertEquals("01:10:00;00", TimeFormat.TIMECODE.format(17982, long_));
        // An image sequence counts from its first file number, and its timecode from that frame.
        ClipTiming shot = ClipTiming.of(new io.framewise.desktop.client.ApiModels.MediaItem(
                "m",
                "shot.zip",
                "ready",
                12L,
                "24/1",
                "00:00:41:17",
                false,
                320,
                180,
                0.5,
                false,
                null,
                java.util.List.of(),
                null,
                1001L));
        assertEquals("1001", TimeFormat.FRAMES.format(0, shot));
        assertEquals("1005", TimeFormat.FRAMES.format(4, shot));
        assertEquals("00:00:41:17", TimeFormat.TIMECODE.format(0, shot));
        vm.cycleTimeFormat();
        assertEquals("149", vm.position().get());
        vm.cycleTimeFormat();
        assertEquals("4.972 s", vm.position().get());
        vm.cycleTimeFormat();
        assertEquals(TimeFormat.TIMECODE, vm.timeFormatProperty().get());
    }

    @Test
    void holdingRightIsServedFromTheCacheAroundThePlayhead() {
        vm.step(1);
        stillOf(1);
        Await.until(
                "the frames ahead to be cached",
                Duration.ofSeconds(30),
                () -> stills.holds(2) && stills.holds(3) && stills.holds(4));
        vm.step(1);
        drain();
        assertNotNull(vm.stillProperty().get());
        assertEquals(2, vm.stillProperty().get().index(), "a cached neighbour shows at once");
    }
}
