package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.library.LibraryRow;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.review.DrawingJson;
import io.framewise.desktop.review.NoteLines;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.review.Shape;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.Screenshots;
import io.framewise.media.testing.FrameCode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real window, headless (Monocle), driven by keyboard and mouse: connect, library, review
 * with notes and a drawing, and compare; screenshots of each go to target/screenshots/.
 */
class DesktopUiTest extends FxRobot {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static Stage stage;

    private final ReviewServer server = ReviewServer.get();
    private MainWindow window;
    private Scene scene;

    @TempDir
    Path data;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void show() throws Exception {
        for (Note n : server.api.notes(server.v2.id())) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
        FxToolkit.setupStage(s -> {
            window = TestWindow.showOn(s, data);
            scene = s.getScene();
        });
    }

    @AfterEach
    void close() {
        if (window != null) {
            Await.fx(() -> window.shutdown());
        }
    }

    private void connect() {
        TestWindow.connectAndOpenLibrary(this, window, server, 1, DEADLINE);
    }

    @Test
    void connectsAndListsTheLibrary() {
        clickOn("#server-url").eraseText(40).write("http://127.0.0.1:1/");
        clickOn("#connect");
        Await.until("the connect error", DEADLINE, () -> Await.on(
                        () -> lookup("#connect-message").queryAs(Label.class).getText())
                .startsWith("Cannot reach"));
        connect();
        LibraryRow row = Await.on(() -> window.library().visible().get(0));
        assertEquals("Harbour", row.title());
        assertEquals("Ready", row.status());
        assertEquals(2, row.latest().number());
        Await.until("the poster", DEADLINE, () -> window.library()
                .poster(row.media().id())
                .isDone());
        clickOn("#library-search").write("nothing like it");
        assertEquals(0, (int) Await.on(() -> window.library().visible().size()));
        clickOn("#library-search").eraseText(20).write("harb");
        assertEquals(1, (int) Await.on(() -> window.library().visible().size()));
        Await.fx(() -> {});
        Screenshots.write(scene, "library");

        // Folder navigation: Home, then back to the project through its breadcrumbs.
        String project = Await.on(() -> window.library().pathProperty().get());
        assertTrue(project.startsWith("/projects/"), project);
        clickOn("#library-home");
        Await.until("the home page", DEADLINE, () -> Await.on(
                        () -> window.library().titleProperty().get())
                .equals("My folders"));
        assertEquals(0, (int) Await.on(() -> window.library().visible().size()));
        clickOn("Projects", javafx.scene.input.MouseButton.PRIMARY);
        Await.until("the projects page", DEADLINE, () -> Await.on(
                        () -> window.library().pathProperty().get())
                .equals("/projects"));
        clickOn(".folder");
        Await.until(
                "back in the project",
                DEADLINE,
                () -> Await.on(() -> window.library().visible().size()) == 1);
        assertEquals(project, Await.on(() -> window.library().pathProperty().get()));
    }

    @Test
    void reviewsStepsDrawsAndNotes() {
        connect();
        openHarbour();
        Await.until("the first still", DEADLINE, () -> shownIndex() == 0);
        type(KeyCode.RIGHT, 3);
        type(KeyCode.LEFT);
        assertFrameShown(2);
        assertEquals(
                "00:00:00:02",
                Await.on(() -> lookup("#position").queryAs(Label.class).getText()));
        press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        assertFrameShown(27);

        clickOn("#draw-toggle");
        clickOn("#tool-rect");
        Bounds pic = Await.on(() -> window.review().playback() != null
                ? lookup(".picture")
                        .query()
                        .localToScreen(lookup(".picture").query().getBoundsInLocal())
                : null);
        double cx = pic.getCenterX();
        double cy = pic.getCenterY();
        moveTo(cx - 150, cy - 90)
                .press(MouseButton.PRIMARY)
                .moveTo(cx + 40, cy + 60)
                .release(MouseButton.PRIMARY);
        assertEquals(1, (int) Await.on(() -> window.review().drawing().shapes().size()));
        clickOn("#note-text").write("Reframe: keep the code band clear");
        clickOn("#add-note");
        Await.until(
                "the note to be saved",
                DEADLINE,
                () -> Await.on(() -> window.review().notes().threads().size()) == 1);
        NoteThread t = Await.on(() -> window.review().notes().threads().get(0));
        assertEquals(27, t.frame());
        List<Shape> shapes =
                DrawingJson.read(server.api.notes(server.v2.id()).get(0).drawing());
        assertEquals("rect", shapes.get(0).type());
        assertTrue(
                shapes.get(0).points().get(0).x() < 0.5
                        && shapes.get(0).points().get(1).x() > 0.5,
                "the rectangle spans the centre");
        Await.fx(() -> {});
        Screenshots.write(scene, "review-drawing");

        type(KeyCode.L);
        Await.until(
                "playback to move on",
                DEADLINE,
                () -> Await.on(() -> window.review().playback().frame()) > 30);
        type(KeyCode.K);
        long stopped = Await.on(() -> window.review().playback().frame());
        assertFrameShown(stopped);

        clickOn("#resolve-" + t.first().id());
        Await.until(
                "the thread to be resolved",
                DEADLINE,
                () -> Await.on(() -> window.review().notes().threads().get(0).resolved()));
        assertTrue(server.api.notes(server.v2.id()).get(0).resolved());
    }

    /** The note list says who wrote each note and reply, and who resolved the thread when, as the web UI does. */
    @Test
    void theNoteListShowsWhoWroteAndWhoResolved() {
        connect();
        openHarbour();
        Await.until("the first still", DEADLINE, () -> shownIndex() == 0);
        clickOn("#note-text").write("Who graded this shot?");
        clickOn("#add-note");
        Await.until(
                "the note to be saved",
                DEADLINE,
                () -> Await.on(() -> window.review().notes().threads().size()) == 1);
        Note saved = server.api.notes(server.v2.id()).get(0);
        String author = saved.authorName();
        assertTrue(author != null && !author.isBlank(), "the server names the author: " + saved);
        ZoneId zone = ZoneId.systemDefault();
        javafx.scene.Node list = lookup("#notes-list").query();
        Await.until(
                "the author under the note",
                DEADLINE,
                () -> Await.on(() -> from(list)
                        .lookup(".note-byline")
                        .tryQueryAs(Label.class)
                        .map(l -> l.getText().equals(NoteLines.byline(saved, zone)))
                        .orElse(false)));
        assertTrue(Await.on(() ->
                        from(list).lookup(".note-byline").queryAs(Label.class).getText())
                .startsWith(author + " · "));
        assertTrue(
                Await.on(() -> from(list).lookup(".note-resolution").tryQuery().isEmpty()), "open: no resolution");

        NoteThread t = Await.on(() -> window.review().notes().threads().get(0));
        Await.fx(() -> window.review().notes().reply(t, "The colourist"));
        Await.until(
                "the reply with its author",
                DEADLINE,
                () -> Await.on(() -> from(list).lookup(".label").queryAllAs(Label.class).stream()
                        .anyMatch(l -> l.getText().equals("↳ " + author + ": The colourist"))));

        clickOn("#resolve-" + t.first().id());
        Await.until(
                "the thread to be resolved",
                DEADLINE,
                () -> Await.on(() -> window.review().notes().threads().get(0).resolved()));
        Note resolved = server.api.notes(server.v2.id()).get(0);
        assertTrue(resolved.resolvedAt() != null, resolved.toString());
        String expected = "Resolved by " + author + " · " + NoteLines.when(resolved.resolvedAt(), zone);
        Await.until(
                "who resolved it and when",
                DEADLINE,
                () -> Await.on(() -> from(list)
                        .lookup(".note-resolution")
                        .tryQueryAs(Label.class)
                        .map(l -> l.getText().equals(expected))
                        .orElse(false)));
        Await.fx(() -> {});
        Screenshots.write(scene, "review-note-authors");
    }

    @Test
    void comparesTwoVersionsOnOneFrame() {
        connect();
        openHarbour();
        Await.until("the first still", DEADLINE, () -> shownIndex() == 0);
        clickOn("#compare");
        Await.until(
                "both versions shown",
                DEADLINE,
                () -> Await.on(() -> window.compare().stillBProperty().get() != null
                        && window.compare().playback().stillProperty().get() != null));
        type(KeyCode.RIGHT, 5);
        Await.until(
                "both on frame 5",
                DEADLINE,
                () -> Await.on(() -> {
                    StillImage a = window.compare().playback().stillProperty().get();
                    StillImage b = window.compare().stillBProperty().get();
                    return a.index() == 5 && b.index() == 5;
                }));
        StillImage a =
                Await.on(() -> window.compare().playback().stillProperty().get());
        StillImage b = Await.on(() -> window.compare().stillBProperty().get());
        assertEquals(5, code(a));
        assertEquals(5, code(b));
        assertTrue(Await.on(() -> window.compare().labelAProperty().get()).endsWith("v1"));
        assertTrue(Await.on(() -> window.compare().labelBProperty().get()).endsWith("v2"));
        Screenshots.write(scene, "compare-side-by-side");
        Await.fx(() -> window.compare().modeProperty().set(io.framewise.desktop.compare.CompareViewModel.Mode.WIPE));
        Await.fx(() -> {});
        Screenshots.write(scene, "compare-wipe");
    }

    private void openHarbour() {
        javafx.scene.Node list = lookup("#library-list").query();
        Await.until(
                "the library row on screen",
                DEADLINE,
                () -> Await.on(() -> from(list).lookup("Harbour").tryQuery().isPresent()));
        doubleClickOn(from(list).lookup("Harbour").queryAs(javafx.scene.Node.class));
    }

    private long shownIndex() {
        return Await.on(() -> {
            StillImage s = window.review().playback().stillProperty().get();
            return s == null ? -1L : s.index();
        });
    }

    private void assertFrameShown(long frame) {
        assertEquals(frame, (long) Await.on(() -> window.review().playback().frame()));
        Await.until("the still of frame " + frame, DEADLINE, () -> shownIndex() == frame);
        StillImage s = Await.on(() -> window.review().playback().stillProperty().get());
        assertEquals(frame, code(s), "the picture shows frame " + frame);
    }

    private static int code(StillImage s) {
        return FrameCode.readRgb(s.toRgb(), s.width(), s.height(), s.width() * 3);
    }
}
