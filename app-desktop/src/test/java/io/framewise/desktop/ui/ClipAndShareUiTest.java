package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.Screenshots;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The cut and share windows in the real window, headless (Monocle): I and O mark the range, "Cut
 * clip" makes the clip and follows it to ready, "Share clip..." makes a link that is shown once and
 * copied; screenshots go to target/screenshots/.
 */
class ClipAndShareUiTest extends FxRobot {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final ReviewServer server = ReviewServer.get();
    private MainWindow window;

    @TempDir
    Path data;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        FxToolkit.setupStage(s -> window = TestWindow.showOn(s, data));
    }

    @AfterEach
    void close() {
        TestWindow.close(window);
    }

    @Test
    void marksCutsAClipAndSharesIt() {
        PlaybackViewModel pb = TestWindow.openReview(window, server, "Harbour", DEADLINE);
        Await.fx(() -> lookup("#review-view").query().requestFocus());
        type(KeyCode.RIGHT, 10);
        type(KeyCode.I);
        type(KeyCode.RIGHT, 14);
        clickOn("#mark-out");
        assertEquals(10L, (long) Await.on(() -> pb.loopInProperty().get()));
        assertEquals(24L, (long) Await.on(() -> pb.loopOutProperty().get()));

        clickOn("#cut-clip");
        Await.until(
                "the cut window",
                DEADLINE,
                () -> Await.on(() -> lookup("#cut-range").tryQuery().isPresent()));
        assertEquals(
                "00:00:00:10 – 00:00:00:24  (15 frames)",
                Await.on(() -> lookup("#cut-range").queryAs(Label.class).getText()),
                "the out point's frame is in the clip");
        clickOn("#cut-title").write("Harbour opening");
        Await.fx(() -> {});
        Screenshots.write(lookup("#cut-clip").query().getScene(), "cut-clip-dialog");
        clickOn("#cut-start");
        Await.until(
                "the clip to be ready",
                DEADLINE,
                () -> Await.on(() ->
                        lookup("#cut-share").tryQuery().map(n -> n.isVisible()).orElse(false)));
        Await.until(
                "the clip in the library",
                DEADLINE,
                () -> Await.on(() ->
                        window.library().rows().stream().anyMatch(r -> r.title().equals("Harbour opening"))));
        Screenshots.write(lookup("#cut-clip").query().getScene(), "cut-clip-ready");

        clickOn("#cut-share");
        Await.until(
                "the share window",
                DEADLINE,
                () -> Await.on(() -> lookup("#share-new").tryQuery().isPresent()));
        clickOn("#share-new");
        clickOn("#share-download");
        clickOn("#share-max-views").write("5");
        clickOn("#share-save");
        Await.until(
                "the link",
                DEADLINE,
                () -> Await.on(() -> !lookup("#share-link")
                        .queryAs(TextField.class)
                        .getText()
                        .isEmpty()));
        String link =
                Await.on(() -> lookup("#share-link").queryAs(TextField.class).getText());
        assertTrue(link.startsWith(server.server.baseUri().toString().replaceAll("/$", "") + "/s/"), link);
        clickOn("#share-copy");
        assertEquals(link, Await.on(() -> Clipboard.getSystemClipboard().getString()), "the link was copied");
        Await.until(
                "the link in the list",
                DEADLINE,
                () -> Await.on(() -> lookup(".share-summary").tryQuery().isPresent()));
        Await.fx(() -> {});
        Screenshots.write(lookup("#share-window").query().getScene(), "share-dialog");

        Share listed = server.api
                .shares(
                        "clip",
                        Await.on(() -> window.library().rows().stream()
                                        .filter(r -> r.title().equals("Harbour opening"))
                                        .findFirst()
                                        .orElseThrow())
                                .media()
                                .id())
                .get(0);
        assertEquals(5, listed.maxViews());
        assertTrue(listed.allows("download"));
        assertEquals("clip", listed.target().type());
    }
}
