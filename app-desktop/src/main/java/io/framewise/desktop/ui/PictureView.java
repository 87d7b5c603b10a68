package io.framewise.desktop.ui;

import io.framewise.desktop.review.DrawingEditor;
import io.framewise.desktop.review.Shape;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;

/**
 * The picture: VLC's video while playing natively, else the frame-exact still, letterboxed to keep
 * the aspect ratio, with the drawing overlay sized to exactly the picture's rectangle. In drawing
 * mode the pointer draws into the {@link DrawingEditor}.
 */
final class PictureView extends Region {

    private final ImageView still = new ImageView();
    private final ImageView video = new ImageView();
    private final DrawingOverlay overlay = new DrawingOverlay();
    private final BooleanProperty drawing = new SimpleBooleanProperty(false);
    /** Marks the seek proxy's softer picture until the frame-exact still replaces it. */
    private final javafx.scene.control.Label preview = new javafx.scene.control.Label("Preview");

    private DrawingEditor editor;
    private Supplier<List<Shape>> saved = List::of;
    private Supplier<List<Image>> savedPictures = List::of;
    /** Live-session laser pointers of the others, over the picture, never catching the mouse. */
    private final javafx.scene.layout.Pane lasers = new javafx.scene.layout.Pane();

    private java.util.Collection<io.framewise.desktop.review.LiveSessionViewModel.LaserDot> dots = List.of();

    PictureView() {
        getStyleClass().add("picture");
        setStyle("-fx-background-color: black;");
        still.setPreserveRatio(true);
        video.setPreserveRatio(true);
        video.setVisible(false);
        preview.setId("picture-preview");
        preview.setStyle("-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white; -fx-padding: 2 6 2 6;"
                + " -fx-font-size: 11px; -fx-background-radius: 3;");
        preview.setMouseTransparent(true);
        preview.setVisible(false);
        preview.setManaged(false);
        getChildren().addAll(still, video, overlay, lasers, preview);
        lasers.setMouseTransparent(true);
        setMinSize(160, 90);
        overlay.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (drawing.get() && editor != null) {
                String words = null;
                if (editor.toolProperty().get().equals("text")) {
                    TextInputDialog d = new TextInputDialog();
                    d.setHeaderText("Text on the picture");
                    words = d.showAndWait().orElse("").strip();
                    if (words.isEmpty()) {
                        return;
                    }
                }
                editor.begin(fx(e), fy(e), words);
            }
        });
        overlay.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (drawing.get() && editor != null) {
                editor.drag(fx(e), fy(e));
            }
        });
        overlay.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (drawing.get() && editor != null) {
                editor.end();
            }
        });
    }

    /** Reports the pointer over the picture (0..1 both ways) while not drawing, and when it leaves. */
    void onPointer(java.util.function.BiConsumer<Double, Double> moved, Runnable gone) {
        overlay.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            if (!drawing.get()) {
                moved.accept(fx(e), fy(e));
            }
        });
        overlay.addEventHandler(MouseEvent.MOUSE_EXITED, e -> gone.run());
    }

    /** Shows the others' laser pointers: a red dot each, where they point on the picture. */
    void showLasers(java.util.Collection<io.framewise.desktop.review.LiveSessionViewModel.LaserDot> now) {
        dots = List.copyOf(now);
        placeLasers();
    }

    private void placeLasers() {
        lasers.getChildren().clear();
        for (var d : dots) {
            javafx.scene.shape.Circle c =
                    new javafx.scene.shape.Circle(7, javafx.scene.paint.Color.web("#ff3b30", 0.85));
            c.setStroke(javafx.scene.paint.Color.WHITE);
            c.setCenterX(d.x() * overlay.getWidth());
            c.setCenterY(d.y() * overlay.getHeight());
            lasers.getChildren().add(c);
        }
    }

    void bindEditor(DrawingEditor e, Supplier<List<Shape>> savedShapes) {
        this.editor = e;
        this.saved = savedShapes;
        e.shapes().addListener((javafx.collections.ListChangeListener<Shape>) c -> repaint());
    }

    /** The pictures of imported drawings on the shown frame, painted under the shapes. */
    void bindPictures(Supplier<List<Image>> pictures) {
        this.savedPictures = pictures;
    }

    void setStill(Image img) {
        still.setImage(img);
        requestLayout();
    }

    void setVideo(Image img, Rectangle2D viewport) {
        video.setImage(img);
        video.setViewport(viewport);
        requestLayout();
    }

    /** Shows the "Preview" mark while {@code on} (and the still, not the video, is up). */
    void bindPreview(javafx.beans.value.ObservableBooleanValue on) {
        preview.visibleProperty()
                .bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> on.get() && still.isVisible(), on, still.visibleProperty()));
    }

    void showVideo(boolean on) {
        video.setVisible(on && video.getImage() != null);
        still.setVisible(!video.isVisible());
    }

    BooleanProperty drawingProperty() {
        return drawing;
    }

    void repaint() {
        overlay.paint(savedPictures.get(), saved.get(), editor == null ? List.of() : editor.shapes());
    }

    private double fx(MouseEvent e) {
        return e.getX() / overlay.getWidth();
    }

    private double fy(MouseEvent e) {
        return e.getY() / overlay.getHeight();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double aspect = aspect();
        double pw = w;
        double ph = w / aspect;
        if (ph > h) {
            ph = h;
            pw = h * aspect;
        }
        double x = (w - pw) / 2;
        double y = (h - ph) / 2;
        for (ImageView v : new ImageView[] {still, video}) {
            v.setFitWidth(pw);
            v.setFitHeight(ph);
            v.relocate(x, y);
        }
        if (overlay.getWidth() != pw || overlay.getHeight() != ph) {
            overlay.setWidth(pw);
            overlay.setHeight(ph);
        }
        overlay.relocate(x, y);
        lasers.resizeRelocate(x, y, pw, ph);
        preview.autosize();
        preview.relocate(x + 8, y + 8);
        placeLasers();
        repaint();
    }

    private double aspect() {
        if (video.isVisible() && video.getViewport() != null) {
            return video.getViewport().getWidth() / video.getViewport().getHeight();
        }
        Image img = still.getImage();
        return img == null || img.getHeight() == 0 ? 16.0 / 9 : img.getWidth() / img.getHeight();
    }
}
