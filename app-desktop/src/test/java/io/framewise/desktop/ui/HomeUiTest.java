package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiModels.FolderEntry;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.Screenshots;
import java.nio.file.Path;
import java.time.Duration;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TreeCell;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The desktop's start screen, headless: connecting lands on it, its tiles scrub through the media
 * under the pointer, and its folder tree unfolds the projects and opens one in the library.
 */
class HomeUiTest extends FxRobot {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

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
        TestWindow.close(window);
    }

    @Test
    void connectingLandsOnTheStartScreenWhoseTilesScrubAndWhoseTreeOpensAProject() {
        clickOn("#server-url").eraseText(40).write(server.server.baseUri().toString());
        clickOn("#connect");
        Await.until("the start screen", DEADLINE, () -> lookup("#home-view")
                .tryQuery()
                .isPresent());
        Await.until("a tile", DEADLINE, () -> lookup(".home-tile").tryQuery().isPresent());
        Await.until("the folder tree", DEADLINE, () -> lookup("#folder-tree .tree-cell").queryAll().stream()
                .anyMatch(c -> c instanceof TreeCell<?> cell && cell.getItem() != null));

        // Hover scrub: the left of the poster shows an early sprite, the right a late one.
        Node tile = lookup(".home-tile").query();
        ImageView poster = from(tile).lookup(".image-view").queryAs(ImageView.class);
        Await.until("the poster", DEADLINE, () -> Await.on(() -> poster.getImage() != null));
        Bounds b = Await.on(() -> poster.localToScreen(poster.getBoundsInLocal()));
        moveTo(b.getMinX() + 4, b.getCenterY());
        int[] wiggle = {0};
        Await.until("the sprite sheet", DEADLINE, () -> {
            // The sheet arrives after the pointer entered: the next move shows it.
            moveTo(b.getMinX() + 4 + (wiggle[0]++ % 2), b.getCenterY());
            return Await.on(() -> poster.getViewport() != null);
        });
        long early = Await.on(() -> (Long) poster.getProperties().get("scrub-frame"));
        moveTo(b.getMaxX() - 3, b.getCenterY());
        Await.until("a late sprite", DEADLINE, () -> {
            Object f = Await.on(() -> poster.getProperties().get("scrub-frame"));
            return f instanceof Long late && late > early;
        });
        Screenshots.write(scene, "home-scrub");
        moveTo(b.getMaxX() + 40, b.getMaxY() + 40);
        Await.until("the poster back", DEADLINE, () -> Await.on(() -> poster.getViewport() == null));
        assertNotNull(Await.on(poster::getImage));

        // The tree: unfold "Projects", choose the first project: the library opens on it.
        String projects = server.api.folderPage("/").folders().stream()
                .filter(f -> f.path().equals("/projects"))
                .map(FolderEntry::name)
                .findFirst()
                .orElseThrow();
        FolderEntry project = server.api.folderPage("/projects").folders().get(0);
        TreeCell<?> projectsCell = cell(projects);
        clickOn(from(projectsCell).lookup(".tree-disclosure-node").queryAs(Node.class));
        Await.until("the projects unfolded", DEADLINE, () -> cellOrNull(project.name()) != null);
        Screenshots.write(scene, "home");
        assertTrue(lookup("#home-view").tryQuery().isPresent(), "unfolding does not leave the start screen");
        clickOn(cell(project.name()));
        Await.until(
                "the library on the project",
                DEADLINE,
                () -> lookup("#library-list").tryQuery().isPresent()
                        && project.path()
                                .equals(Await.on(
                                        () -> window.library().pathProperty().get())));
        Await.until(
                "its asset listed",
                DEADLINE,
                () -> Await.on(() -> window.library().visible().stream()
                        .anyMatch(r -> r.title().equals("Harbour"))));
        assertEquals(
                project.path(), Await.on(() -> window.library().pathProperty().get()));
    }

    private TreeCell<?> cell(String text) {
        Await.until("the tree entry " + text, DEADLINE, () -> cellOrNull(text) != null);
        return cellOrNull(text);
    }

    private TreeCell<?> cellOrNull(String text) {
        return Await.on(() -> lookup("#folder-tree .tree-cell").queryAll().stream()
                .filter(n -> n instanceof TreeCell<?> c && text.equals(c.getText()))
                .map(n -> (TreeCell<?>) n)
                .findFirst()
                .orElse(null));
    }
}
