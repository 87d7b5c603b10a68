package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The review screen's note editor completes {@code @name} in a popup, and "Request review..." in the
 * Notes menu asks the server, in the real window, headless.
 */
class PeopleUiTest extends FxRobot {

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
    void theNoteEditorCompletesANameAndRequestReviewAsks() {
        TestWindow.openReview(window, server, "Harbour", DEADLINE);
        String me = server.api.me().get("name").asText();
        TextArea editor = Await.on(() -> lookup("#note-text").queryAs(TextArea.class));
        Await.until(
                "people to mention",
                DEADLINE,
                () -> Await.on(() -> !window.review().mentions().people().isEmpty()));
        Await.fx(() -> {
            editor.requestFocus();
            editor.setText("Ask @");
            editor.positionCaret(5);
        });
        Await.until(
                "the mention popup",
                DEADLINE,
                () -> Await.on(() -> Window.getWindows().stream()
                        .anyMatch(w -> w instanceof javafx.scene.control.ContextMenu c
                                && c.isShowing()
                                && "mention-popup".equals(c.getId()))));
        type(KeyCode.ENTER);
        assertEquals("Ask @" + me + " ", Await.on(editor::getText));
        assertTrue(Await.on(() -> window.review().mentions().suggestions().isEmpty()), "closed once chosen");

        clickOn("#review-notes-menu");
        clickOn("#review-request-review");
        Await.until(
                "the request window with its people",
                DEADLINE,
                () -> Await.on(
                        () -> lookup("#request-people .check-box").tryQuery().isPresent()));
        clickOn(Await.on(() -> lookup("#request-people .check-box").queryAs(CheckBox.class)));
        clickOn("#request-send");
        Await.until("the request sent", DEADLINE, () -> Await.on(
                        () -> lookup("#request-status").queryAs(Label.class).getText())
                .startsWith("Asked 1 person to review by "));
    }
}
