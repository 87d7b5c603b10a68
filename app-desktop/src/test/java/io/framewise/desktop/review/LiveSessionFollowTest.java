package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.player.LocalStills;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.StillCache;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two apps in one live session on a real server: the follower lands where the driver goes. */
class LiveSessionFollowTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Ticker STILL = new Ticker() {
        @Override
        public void start(double ticksPerSecond, Runnable tick) {}

        @Override
        public void stop() {}
    };

    private final ReviewServer server = ReviewServer.get();
    /** One thread per app stands in for its FX thread; state is read on it. */
    private final ExecutorService uiA = Executors.newSingleThreadExecutor();

    private final ExecutorService uiB = Executors.newSingleThreadExecutor();
    private final ExecutorService io = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        uiA.shutdownNow();
        uiB.shutdownNow();
        io.shutdownNow();
    }

    private PlaybackViewModel playback(ExecutorService ui) throws Exception {
        TestMedia.Variant v = TestMedia.Variant.H264_2997_DF;
        return ui.submit(() -> {
                    PlaybackViewModel p = new PlaybackViewModel(ui, STILL);
                    p.load(
                            new ClipTiming(150, FrameRate.FPS_29_97, Timecode.parse("01:00:00;00")),
                            Player.none("test"),
                            new StillCache(new LocalStills(TestMedia.get(v)), 150, 16, 1));
                    return p;
                })
                .get();
    }

    private static <T> T on(ExecutorService ui, java.util.concurrent.Callable<T> read) {
        try {
            return ui.submit(read).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theFollowerGoesWhereTheDriverGoes() throws Exception {
        PlaybackViewModel a = playback(uiA);
        PlaybackViewModel b = playback(uiB);
        LiveSessionViewModel driver = on(uiA, () -> new LiveSessionViewModel(uiA, io, a));
        LiveSessionViewModel follower = on(uiB, () -> new LiveSessionViewModel(uiB, io, b));
        ApiClient api = new ApiClient(server.server.baseUri(), null);
        uiA.submit(() -> driver.start(api, server.v1.id())).get();
        Await.until(
                "the driver's session",
                DEADLINE,
                () -> on(uiA, () -> driver.drivingProperty().get()));
        String id = on(uiA, () -> driver.sessionProperty().get());
        assertFalse(id.isEmpty());

        uiB.submit(() -> follower.join(api, id)).get();
        Await.until(
                "the follower in the session",
                DEADLINE,
                () -> on(uiB, () -> follower.activeProperty().get()));
        assertFalse(on(uiB, () -> follower.drivingProperty().get()));
        Await.until("both in the member list", DEADLINE, () -> on(
                        uiA, () -> driver.membersProperty().get())
                .contains(","));

        uiA.submit(() -> a.step(40)).get();
        Await.until("the follower on frame 40", DEADLINE, () -> on(uiB, b::frame) == 40);
        Await.until(
                "the follower showing the still of frame 40",
                DEADLINE,
                () -> on(
                        uiB,
                        () -> b.stillProperty().get() != null
                                && b.stillProperty().get().index() == 40));

        uiA.submit(() -> a.play(1)).get();
        Await.until("the follower playing", DEADLINE, () -> on(uiB, b::playing));
        uiA.submit(() -> {
                    a.stop();
                    a.step(7);
                })
                .get();
        Await.until(
                "the follower paused on the driver's frame",
                DEADLINE,
                () -> on(uiB, () -> !b.playing() && b.frame() == 47));
        assertTrue(on(uiB, () -> follower.statusProperty().get()).startsWith("Following"));

        uiB.submit(follower::close).get();
        uiA.submit(driver::close).get();
        assertFalse(on(uiB, () -> follower.activeProperty().get()));
    }

    @Test
    void pointersShowOnTheOtherSideAndTheWheelChangesHandsOnRequest() throws Exception {
        PlaybackViewModel a = playback(uiA);
        PlaybackViewModel b = playback(uiB);
        LiveSessionViewModel driver = on(uiA, () -> new LiveSessionViewModel(uiA, io, a));
        LiveSessionViewModel guest = on(uiB, () -> new LiveSessionViewModel(uiB, io, b));
        ApiClient api = new ApiClient(server.server.baseUri(), null);
        uiA.submit(() -> driver.start(api, server.v1.id())).get();
        Await.until(
                "the driver's session",
                DEADLINE,
                () -> on(uiA, () -> driver.drivingProperty().get()));
        String id = on(uiA, () -> driver.sessionProperty().get());
        uiB.submit(() -> guest.join(api, id)).get();
        Await.until(
                "the guest in the session",
                DEADLINE,
                () -> on(uiB, () -> guest.activeProperty().get()));

        // The guest points; the driver sees it, and sees it go.
        uiB.submit(() -> guest.laser(0.25, 0.75)).get();
        Await.until(
                "the guest's pointer at the driver",
                DEADLINE,
                () -> on(uiA, () -> driver.lasers().values().stream().anyMatch(l -> l.x() == 0.25 && l.y() == 0.75)));
        assertTrue(on(uiB, () -> guest.lasers().isEmpty()), "one's own pointer is not echoed back");
        uiB.submit(guest::laserOff).get();
        Await.until(
                "the pointer gone",
                DEADLINE,
                () -> on(uiA, () -> driver.lasers().isEmpty()));

        // The guest asks to drive; the driver grants it.
        uiB.submit(guest::requestDrive).get();
        Await.until(
                "the request at the driver",
                DEADLINE,
                () -> on(uiA, () -> driver.requests().size()) == 1);
        uiA.submit(() -> driver.answer(driver.requests().get(0), true)).get();
        Await.until(
                "the guest driving",
                DEADLINE,
                () -> on(uiB, () -> guest.drivingProperty().get()));
        Await.until(
                "the first driver following",
                DEADLINE,
                () -> !on(uiA, () -> driver.drivingProperty().get()));

        // Asking back, and being declined, says so.
        uiA.submit(driver::requestDrive).get();
        Await.until(
                "the request at the new driver",
                DEADLINE,
                () -> on(uiB, () -> guest.requests().size()) == 1);
        uiB.submit(() -> guest.answer(guest.requests().get(0), false)).get();
        Await.until(
                "the refusal heard",
                DEADLINE,
                () -> on(uiA, () -> driver.statusProperty().get().contains("declined")));
        assertFalse(on(uiA, () -> driver.drivingProperty().get()));
        uiA.submit(driver::close).get();
        uiB.submit(guest::close).get();
    }
}
