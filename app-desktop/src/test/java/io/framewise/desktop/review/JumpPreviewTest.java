package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.RemoteStills;
import io.framewise.desktop.player.SeekStills;
import io.framewise.desktop.player.StillCache;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.player.StillSource;
import io.framewise.desktop.player.VlcPlayer;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jumps against a real server: the seek proxy's picture of the asked frame comes first, the exact
 * still replaces it, and no picture of an older jump ever goes up, however quickly the jumps come.
 * The exact stills pass a gate the test opens, so "quick picture first" is decided by the test, not
 * by how fast this machine decodes. Every picture's own frame code is read, not only its label.
 */
class JumpPreviewTest {

    /** What went on screen, and which frame was the playhead's at that moment. */
    record Shown(long index, boolean preview, long asked, int code) {}

    /** The server's exact stills, held back while the gate is shut. */
    static final class GatedStills implements StillSource {
        final StillSource inner;
        volatile CountDownLatch gate = new CountDownLatch(0);

        GatedStills(StillSource inner) {
            this.inner = inner;
        }

        @Override
        public StillImage load(long index) {
            try {
                if (!gate.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return inner.load(index);
        }
    }

    private final ConcurrentLinkedQueue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
    private final Executor ui = uiQueue::add;
    private final List<Shown> shown = new ArrayList<>();
    private PlaybackViewModel vm;
    private StillCache stills;

    @AfterEach
    void close() {
        if (stills != null) {
            stills.close();
        }
    }

    private void drain() {
        Runnable r;
        while ((r = uiQueue.poll()) != null) {
            r.run();
        }
    }

    private void open(ApiClient api, MediaItem item, StillSource exact, SeekStills seeks) {
        stills = new StillCache(exact, ClipTiming.of(item).frameCount(), 32, 6);
        vm = new PlaybackViewModel(ui, new PlaybackViewModelTest.HandTicker());
        vm.stillProperty().addListener((o, was, img) -> {
            if (img != null) {
                shown.add(new Shown(
                        img.index(),
                        img.preview(),
                        vm.frame(),
                        FrameCode.readRgb(img.toRgb(), img.width(), img.height(), img.width() * 3)));
            }
        });
        vm.load(ClipTiming.of(item), Player.none(VlcPlayer.INSTALL_HINT), stills, seeks);
    }

    private void awaitShown(long index, boolean preview) {
        Await.until(
                (preview ? "the seek still of " : "the exact still of ") + index + "; shown " + shown,
                Duration.ofSeconds(60),
                () -> {
                    drain();
                    StillImage s = vm.stillProperty().get();
                    return s != null && s.index() == index && s.preview() == preview;
                });
    }

    private void jumpTo(long index) {
        vm.step(index - vm.frame());
    }

    @Test
    void quickJumpsShowOnlyTheLastAskedFrameSeekStillFirstThenExact() {
        ReviewServer rs = ReviewServer.get();
        ApiClient api = rs.api;
        MediaItem longGop = rs.v2;
        Await.until("the seek proxy of the long-GOP clip", Duration.ofMinutes(3), () -> api.media(longGop.id())
                .hasRendition("seek_proxy"));
        GatedStills exact = new GatedStills(new RemoteStills(api, longGop.id()));
        SeekStills seeks = new SeekStills(api, longGop.id());
        open(api, longGop, exact, seeks);
        awaitShown(0, false);

        exact.gate = new CountDownLatch(1);
        // A jump whose seek still is seen, then superseded by the next one.
        jumpTo(137);
        awaitShown(137, true);
        // Jumps faster than any answer: nothing is drained between them, so the answers of the
        // older ones arrive when the playhead has moved on and must be dropped.
        jumpTo(40);
        jumpTo(200);
        jumpTo(63);
        jumpTo(124);
        jumpTo(180);
        awaitShown(180, true);
        exact.gate.countDown();
        awaitShown(180, false);
        // A jump back to a frame whose exact still is held shows it at once, with no seek still over it.
        jumpTo(137);
        awaitShown(137, false);
        jumpTo(180);
        awaitShown(180, false);
        drain();

        for (Shown s : shown) {
            assertEquals(s.asked(), s.index(), "a picture of an older jump went up: " + shown);
            assertEquals(s.index(), s.code(), "the picture shows another frame than its label: " + s);
        }
        int at = indexOf(new Shown(180, true, 180, 180));
        assertTrue(at >= 0, "the seek still of 180 was shown: " + shown);
        assertEquals(new Shown(180, false, 180, 180), shown.get(at + 1), "then its exact still: " + shown);
        assertTrue(shown.contains(new Shown(137, true, 137, 137)), shown.toString());
        for (int i = 1; i < shown.size(); i++) {
            Shown before = shown.get(i - 1);
            Shown now = shown.get(i);
            assertFalse(
                    now.preview() && !before.preview() && before.index() == now.index(),
                    "a seek still went over the exact still of its frame: " + shown);
        }
        assertFalse(shown.get(shown.size() - 1).preview(), shown.toString());
        assertTrue(seeks.available());
    }

    @Test
    void withoutASeekProxyJumpsShowTheExactStillAlone(@TempDir Path data) {
        // ProRes is all-intra and small: the server makes no seek proxy for it and answers 404.
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            ApiClient api = new ApiClient(server.baseUri(), null);
            String id =
                    api.upload(TestMedia.get(TestMedia.Variant.PRORES_23976)).id();
            Await.until("the ProRes clip to be processed", Duration.ofMinutes(3), () -> !api.media(id)
                    .status()
                    .equals("processing"));
            MediaItem item = api.media(id);
            assertTrue(item.ready(), item.error());
            SeekStills seeks = new SeekStills(api, id);
            open(api, item, new RemoteStills(api, id), seeks);
            awaitShown(0, false);

            jumpTo(40);
            awaitShown(40, false);
            Await.until("the 404 of the missing seek proxy", Duration.ofSeconds(30), () -> !seeks.available());
            jumpTo(10);
            awaitShown(10, false);
            drain();

            assertFalse(
                    vm.messageProperty().get().contains("could not be shown"),
                    "a missing seek proxy is no error to show: "
                            + vm.messageProperty().get());
            for (Shown s : shown) {
                assertFalse(s.preview(), "no seek still without a seek proxy: " + shown);
                assertEquals(s.asked(), s.index(), shown.toString());
                assertEquals(s.index(), s.code(), shown.toString());
            }
        }
    }

    private int indexOf(Shown s) {
        return shown.indexOf(s);
    }
}
