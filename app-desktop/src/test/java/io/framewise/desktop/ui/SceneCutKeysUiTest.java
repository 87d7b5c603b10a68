package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.SuggestedSceneCuts;
import io.framewise.media.testing.FrameCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * [ and ] on the review screen, headless: the playhead lands on the next and previous suggested
 * scene cut's exact frame (read from the still's picture); "Accept all" in the scene cuts menu
 * turns them into notes on the timeline.
 */
class SceneCutKeysUiTest extends FxRobot {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

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
        deleteNotes();
        SuggestedSceneCuts.add(server, server.v2.id(), 80, 30);
        FxToolkit.setupStage((Stage s) -> window = TestWindow.showOn(s, data));
    }

    @AfterEach
    void close() {
        if (window != null) {
            Await.fx(() -> window.shutdown());
        }
        deleteNotes();
    }

    private void deleteNotes() {
        for (Note n : server.api.notes(server.v2.id())) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
    }

    @Test
    void bracketsGoFromCutToCutAndAcceptAllMakesNotes() {
        TestWindow.connectAndOpenLibrary(this, window, server, 1, DEADLINE);
        javafx.scene.Node library = lookup("#library-list").query();
        Await.until(
                "the row",
                DEADLINE,
                () -> Await.on(() -> from(library).lookup("Harbour").tryQuery().isPresent()));
        doubleClickOn(from(library).lookup("Harbour").queryAs(javafx.scene.Node.class));
        Await.until("the first still", DEADLINE, () -> shownIndex() == 0);
        Await.until("the suggestions", DEADLINE, () -> Await.on(
                        () -> window.review().sceneCuts().frames())
                .equals(List.of(30L, 80L)));

        type(KeyCode.CLOSE_BRACKET);
        assertFrameShown(30);
        type(KeyCode.CLOSE_BRACKET);
        assertFrameShown(80);
        type(KeyCode.OPEN_BRACKET);
        assertFrameShown(30);

        clickOn("#review-scene-cuts");
        clickOn("Accept all as notes");
        Await.until("the notes", DEADLINE, () -> Await.on(() -> window.review().notes().threads().stream()
                        .map(NoteThread::frame)
                        .sorted()
                        .toList())
                .equals(List.of(30L, 80L)));
        Await.until(
                "no suggestions left",
                DEADLINE,
                () -> Await.on(() -> window.review().sceneCuts().cuts().isEmpty()));
    }

    private long shownIndex() {
        return Await.on(() -> {
            StillImage s = window.review().playback().stillProperty().get();
            return s == null ? -1L : s.index();
        });
    }

    private void assertFrameShown(long frame) {
        Await.until(
                "the playhead on " + frame,
                DEADLINE,
                () -> Await.on(() -> window.review().playback().frame()) == frame);
        Await.until("the still of frame " + frame, DEADLINE, () -> shownIndex() == frame);
        StillImage s = Await.on(() -> window.review().playback().stillProperty().get());
        assertEquals(frame, FrameCode.readRgb(s.toRgb(), s.width(), s.height(), s.width() * 3));
    }
}
