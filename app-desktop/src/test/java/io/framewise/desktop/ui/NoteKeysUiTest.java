package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.media.testing.FrameCode;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
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
 * N and Shift+N on the review screen, headless: the playhead lands on the next and previous note's
 * exact frame (read from the still's picture) and the notes list selects that note; "Loop notes"
 * is there once the version has notes.
 */
class NoteKeysUiTest extends FxRobot {

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
        String media = server.v2.id();
        for (Note n : server.api.notes(media)) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
        var f = JsonNodeFactory.instance;
        server.api.createNote(media, f.objectNode().put("text", "later").put("frame", 80));
        server.api.createNote(media, f.objectNode().put("text", "earlier").put("frame", 30));
        FxToolkit.setupStage((Stage s) -> window = TestWindow.showOn(s, data));
    }

    @AfterEach
    void close() {
        if (window != null) {
            Await.fx(() -> window.shutdown());
        }
        for (Note n : server.api.notes(server.v2.id())) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
    }

    @Test
    void nAndShiftNGoFromNoteToNoteAndSelectIt() {
        TestWindow.connectAndOpenLibrary(this, window, server, 1, DEADLINE);
        javafx.scene.Node library = lookup("#library-list").query();
        Await.until(
                "the row",
                DEADLINE,
                () -> Await.on(() -> from(library).lookup("Harbour").tryQuery().isPresent()));
        doubleClickOn(from(library).lookup("Harbour").queryAs(javafx.scene.Node.class));
        Await.until("the first still", DEADLINE, () -> shownIndex() == 0);
        Await.until(
                "the notes",
                DEADLINE,
                () -> Await.on(() -> window.review().notes().threads().size()) == 2);
        Await.until(
                "Loop notes enabled",
                DEADLINE,
                () -> Await.on(
                        () -> !lookup("#loop-notes").queryAs(ToggleButton.class).isDisabled()));

        type(KeyCode.N);
        assertFrameShown(30);
        assertEquals("earlier", selectedText());
        type(KeyCode.N);
        assertFrameShown(80);
        assertEquals("later", selectedText());
        press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
        assertFrameShown(30);
        assertEquals("earlier", selectedText());
    }

    @SuppressWarnings("unchecked")
    private String selectedText() {
        ListView<NoteThread> list = lookup("#notes-list").queryAs(ListView.class);
        return Await.on(() -> {
            NoteThread t = list.getSelectionModel().getSelectedItem();
            return t == null ? null : t.first().text();
        });
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
