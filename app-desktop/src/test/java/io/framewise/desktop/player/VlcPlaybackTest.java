package io.framewise.desktop.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.review.ClipTiming;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.ui.FxTicker;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxToolkit;

/**
 * A real libvlc, headless (dummy audio, video into our PixelBuffer surface): play generated media
 * whose frames carry their index in the picture, pause, step both ways, and check the frame shown
 * is the playhead's frame every time.
 */
class VlcPlaybackTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @ParameterizedTest
    @EnumSource(
            value = TestMedia.Variant.class,
            names = {"H264_LONG_GOP", "H264_2997_DF"})
    void playsPausesAndStepsOnTheExactFrame(TestMedia.Variant variant) throws Exception {
        Path file = TestMedia.get(variant);
        FrameRate rate = FrameRate.parse(variant.frameRate());
        boolean drop = variant == TestMedia.Variant.H264_2997_DF;
        ClipTiming timing = new ClipTiming(
                variant.frameCount(), rate, drop ? Timecode.parse("01:00:00;00") : new Timecode(0, 0, 0, 0, false));
        assertTrue(VlcPlayer.libvlcPresent(), "libvlc must be installed for this test (./framewise test installs it)");
        long[] keyframes;
        try (LocalStills probe = new LocalStills(file)) {
            keyframes = probe.keyframes();
        }
        Player player = VlcPlayer.open(file.toString(), rate, keyframes, true);
        assertTrue(player.available(), player.unavailableReason());
        VlcPlayer vlc = (VlcPlayer) player;
        vlc.keepShownPictures();
        try (StillCache stills = new StillCache(new LocalStills(file), variant.frameCount(), 64, 4)) {
            PlaybackViewModel vm = Await.fx(() -> new PlaybackViewModel(Platform::runLater, new FxTicker()));
            Await.fx(() -> vm.load(timing, player, stills));

            Await.fx(vm::togglePlay);
            assertEveryPictureCarriesItsCountedIndex(vlc, variant, vm, -1, 20);
            Await.fx(vm::togglePlay);
            long paused = Await.on(vm::frame);
            assertShows(vm, variant, paused);

            for (int step : new int[] {1, 1, 1, -1, -1, 10, -5}) {
                Await.fx(() -> vm.step(step));
                assertShows(vm, variant, paused += step);
            }
            // Playing again from a stepped-to frame starts VLC exactly there.
            long from = paused;
            Await.fx(vm::togglePlay);
            // From mid-clip too: VLC starts on the keyframe before and counts its way there.
            assertEveryPictureCarriesItsCountedIndex(vlc, variant, vm, -1, from + 15);
            Await.fx(vm::togglePlay);
            assertShows(vm, variant, Await.on(vm::frame));
            if (drop) {
                Await.fx(() -> vm.seek(0));
                assertEquals("01:00:00;00", Await.on(() -> vm.position().get()));
            }
        } finally {
            player.close();
        }
    }

    /**
     * While VLC plays up to {@code until}, every picture it displays (sampled as it is displayed)
     * shows the frame whose index the player counted for it, give or take one frame: on a loaded
     * machine VLC 3's video output can release a late picture undisplayed or redisplay one, and
     * its display callback carries no timestamp to tell (ADR 0016, measured). Exact on a quiet
     * machine; a count that drifts further, or a paused still that is not the playhead's frame,
     * fails. The picture counted as {@code stale} (the start of a mid-clip play) is left out.
     */
    private static void assertEveryPictureCarriesItsCountedIndex(
            VlcPlayer vlc, TestMedia.Variant variant, PlaybackViewModel vm, long stale, long until) {
        java.util.SortedMap<Long, Integer> shifts = new java.util.TreeMap<>();
        Await.until("VLC to play to frame " + until, DEADLINE, () -> {
            StillImage live = vlc.lastShownPicture();
            if (live != null && live.index() != stale && !shifts.containsKey(live.index())) {
                shifts.put(live.index(), code(live) - variant.expectedCode(live.index()));
            }
            return Await.on(vm::frame) >= until;
        });
        assertTrue(shifts.size() >= 3, "sampled " + shifts.size() + " pictures while playing");
        assertTrue(
                shifts.values().stream().allMatch(d -> Math.abs(d) <= 1),
                "pictures shown more than a frame from the count (index=shown-counted): " + shifts);
    }

    private static void assertShows(PlaybackViewModel vm, TestMedia.Variant variant, long expected) {
        assertEquals(expected, (long) Await.on(vm::frame));
        Await.until("the still of frame " + expected, DEADLINE, () -> {
            StillImage s = Await.on(() -> vm.stillProperty().get());
            return s != null && s.index() == expected;
        });
        StillImage s = Await.on(() -> vm.stillProperty().get());
        assertEquals(variant.expectedCode(expected), code(s), "picture shown for frame " + expected);
    }

    static int code(StillImage s) {
        return FrameCode.readRgb(s.toRgb(), s.width(), s.height(), s.width() * 3);
    }
}
