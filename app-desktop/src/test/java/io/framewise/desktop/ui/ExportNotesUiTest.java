package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.markers.MarkerExportFormat;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.Screenshots;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * "Export notes..." on the review screen, in the real window, headless: the window opens over the
 * review with the formats offered, takes its range from the I/O marks, and names a wrong range.
 * (Saving goes through the system's save dialog; the view model's test saves real files.)
 */
class ExportNotesUiTest extends FxRobot {

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
    void theWindowOffersEveryFormatAndTakesTheRangeFromTheMarks() {
        PlaybackViewModel pb = TestWindow.openReview(window, server, "Harbour", DEADLINE);
        Await.fx(() -> lookup("#review-view").query().requestFocus());
        type(KeyCode.RIGHT, 5);
        type(KeyCode.I);
        type(KeyCode.RIGHT, 7);
        type(KeyCode.O);
        assertEquals(12L, (long) Await.on(() -> pb.loopOutProperty().get()));

        clickOn("#export-notes");
        Await.until(
                "the export window",
                DEADLINE,
                () -> Await.on(() -> lookup("#export-format").tryQuery().isPresent()));
        @SuppressWarnings("unchecked")
        ChoiceBox<MarkerExportFormat> format =
                Await.on(() -> lookup("#export-format").queryAs(ChoiceBox.class));
        assertEquals(MarkerExportFormat.values().length, (int)
                Await.on(() -> format.getItems().size()));
        assertEquals(MarkerExportFormat.RESOLVE_EDL, Await.on(format::getValue));
        String count =
                Await.on(() -> lookup("#export-message").queryAs(Label.class).getText());
        assertTrue(count.matches("\\d+ notes? as markers"), count);

        clickOn("#export-use-marks");
        assertEquals(
                "5",
                Await.on(() -> lookup("#export-from").queryAs(TextField.class).getText()));
        assertEquals(
                "12",
                Await.on(() -> lookup("#export-to").queryAs(TextField.class).getText()));
        Await.fx(() -> lookup("#export-from").queryAs(TextField.class).setText("40"));
        assertEquals(
                "The range must not end before it starts.",
                Await.on(() -> lookup("#export-message").queryAs(Label.class).getText()));
        assertTrue(Await.on(() -> lookup("#export-save").query().isDisabled()), "nothing to export");
        Await.fx(() -> lookup("#export-from").queryAs(TextField.class).setText("0"));
        assertTrue(!Await.on(() -> lookup("#export-save").query().isDisabled()));
        Await.fx(() -> {});
        Screenshots.write(lookup("#export-notes-window").query().getScene(), "export-notes-window");
    }
}
