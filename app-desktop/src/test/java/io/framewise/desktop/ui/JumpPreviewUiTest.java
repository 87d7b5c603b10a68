package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.Screenshots;
import io.framewise.media.testing.FrameCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Timeline clicks in the real window on a clip with a seek proxy: every picture that goes up is of
 * the clicked frame, the last one the exact still. The window is photographed the moment a seek
 * still is up ("review-jump-preview.png", with its "Preview" mark) when one comes before its exact
 * still, which this machine's speed decides, so the test does not require it.
 */
class JumpPreviewUiTest extends FxRobot {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    record Shown(long index, boolean preview, long asked, int code) {}

    private final ReviewServer server = ReviewServer.get();
    private MainWindow window;
    private Scene scene;

    @TempDir
    Path data;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        FxToolkit.setupStage((Stage s) -> {
            window = TestWindow.showOn(s, data);
            scene = s.getScene();
        });
    }

    @AfterEach
    void close() {
        // The timeline's hover preview is a popup over the window's lower right; left showing it
        // would sit over the next test's buttons.
        moveTo(".picture");
        Await.fx(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof PopupWindow)
                .forEach(Window::hide));
        TestWindow.close(window);
    }

    @Test
    void timelineClicksShowTheClickedFrameOnlyQuickStillFirst() {
        Await.until("the seek proxy of v2", Duration.ofMinutes(3), () -> server.api
                .media(server.v2.id())
                .hasRendition("seek_proxy"));
        PlaybackViewModel pb = TestWindow.openReview(window, server, "Harbour", DEADLINE);
        List<Shown> shown = new CopyOnWriteArrayList<>();
        AtomicBoolean photographed = new AtomicBoolean();
        Await.fx(() -> pb.stillProperty().addListener((o, was, img) -> {
            if (img == null) {
                return;
            }
            shown.add(new Shown(img.index(), img.preview(), pb.frame(), code(img)));
            if (img.preview() && photographed.compareAndSet(false, true)) {
                Screenshots.write(scene.snapshot(null), "review-jump-preview");
            }
        }));

        Bounds bar = Await.on(() -> lookup(".timeline")
                .query()
                .localToScreen(lookup(".timeline").query().getBoundsInLocal()));
        for (double at : new double[] {0.5, 0.8, 0.2, 0.65, 0.35, 0.9}) {
            clickOn(bar.getMinX() + bar.getWidth() * at, bar.getCenterY());
            long asked = Await.on(pb::frame);
            Await.until(
                    "the exact still of " + asked,
                    DEADLINE,
                    () -> Await.on(() -> {
                        StillImage s = pb.stillProperty().get();
                        return s != null && s.index() == asked && !s.preview();
                    }));
        }
        Await.fx(() -> {});
        Screenshots.write(scene, "review-after-jumps");

        for (Shown s : shown) {
            assertEquals(s.asked(), s.index(), "a picture of another frame than the asked one: " + shown);
            assertEquals(s.index(), s.code(), "the picture shows another frame than its label: " + s);
        }
        assertFalse(shown.get(shown.size() - 1).preview(), shown.toString());
        System.out.println("Pictures shown after timeline clicks: " + shown);
    }

    private static int code(StillImage s) {
        return FrameCode.readRgb(s.toRgb(), s.width(), s.height(), s.width() * 3);
    }
}
