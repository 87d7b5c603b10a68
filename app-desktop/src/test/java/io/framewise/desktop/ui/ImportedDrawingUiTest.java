package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.Screenshots;
import io.framewise.server.attachments.AttachmentFiles;
import io.framewise.server.attachments.JooqNoteAttachmentRepository;
import io.framewise.server.attachments.NoteAttachment;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.storage.MediaStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A drawing that came over as a picture (as the Clapshot import makes them) is painted over its note's
 * frame in the desktop review, scaled to the picture: a picture whose left half is opaque red shows red
 * on the left of the frame and nothing on the right.
 */
class ImportedDrawingUiTest extends FxRobot {

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
        for (Note n : server.api.notes(server.v2.id())) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
        FxToolkit.setupStage((Stage s) -> {
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

    @Test
    void anAttachedDrawingIsPaintedOverItsFrame() throws Exception {
        Note note = server.api.createNote(
                server.v2.id(),
                JsonNodeFactory.instance.objectNode().put("text", "Box it").put("frame", 2));
        attachLeftHalfRed(note.id());

        TestWindow.connectAndOpenLibrary(this, window, server, 1, DEADLINE);
        javafx.scene.Node list = lookup("#library-list").query();
        Await.until(
                "the library row on screen",
                DEADLINE,
                () -> Await.on(() -> from(list).lookup("Harbour").tryQuery().isPresent()));
        doubleClickOn(from(list).lookup("Harbour").queryAs(javafx.scene.Node.class));
        Await.until("the first still", DEADLINE, () -> shownIndex() == 0);
        Await.until(
                "the note loaded",
                DEADLINE,
                () -> Await.on(() -> window.review().notes().threads().size()) == 1);
        type(KeyCode.RIGHT, 2);
        Await.until("the still of frame 2", DEADLINE, () -> shownIndex() == 2);

        Canvas overlay = lookup(".picture").queryAs(javafx.scene.layout.Region.class).getChildrenUnmodifiable().stream()
                .filter(Canvas.class::isInstance)
                .map(Canvas.class::cast)
                .findFirst()
                .orElseThrow();
        Await.until("the drawing painted over the frame", DEADLINE, () -> {
            Color left = pixel(overlay, 0.25, 0.5);
            return left.getOpacity() > 0.9 && left.getRed() > 0.9 && left.getGreen() < 0.1;
        });
        assertEquals(0.0, pixel(overlay, 0.75, 0.5).getOpacity(), 0.01, "the right half stays clear");
        Await.fx(() -> {});
        Screenshots.write(scene, "review-imported-drawing");

        // On another frame the drawing is gone.
        type(KeyCode.RIGHT);
        Await.until("the still of frame 3", DEADLINE, () -> shownIndex() == 3);
        Await.until(
                "the overlay cleared", DEADLINE, () -> pixel(overlay, 0.25, 0.5).getOpacity() < 0.01);
    }

    private static Color pixel(Canvas canvas, double fx, double fy) {
        return Await.on(() -> {
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            WritableImage shot = canvas.snapshot(params, null);
            return shot.getPixelReader().getColor((int) (shot.getWidth() * fx), (int) (shot.getHeight() * fy));
        });
    }

    private long shownIndex() {
        return Await.on(() -> {
            StillImage s = window.review().playback().stillProperty().get();
            return s == null ? -1L : s.index();
        });
    }

    /** Stores a 64x36 picture, opaque red on its left half and transparent on its right, on the note. */
    private void attachLeftHalfRed(String noteId) throws Exception {
        BufferedImage img = new BufferedImage(64, 36, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 36; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, 0xffff0000);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Path dataDir = server.server.dataDir();
        String id = Ids.newId();
        try (Database db = Database.open(dataDir)) {
            String path = new AttachmentFiles(dataDir, MediaStore.dataFolder(dataDir))
                    .writePng(noteId, id, png.toByteArray());
            new JooqNoteAttachmentRepository(db)
                    .create(new NoteAttachment(id, noteId, "image/png", path, png.size(), 64, 36, true, Instant.now()));
        }
    }
}
