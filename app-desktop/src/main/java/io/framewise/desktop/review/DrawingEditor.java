package io.framewise.desktop.review;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The drawing being made for a note: tool, colour and width, and the shapes so far. The view feeds
 * it pointer positions as picture fractions; it keeps the shape under construction last in
 * {@link #shapes()} so the overlay draws it live.
 */
public final class DrawingEditor {

    private final ObservableList<Shape> shapes = FXCollections.observableArrayList();
    private final StringProperty tool = new SimpleStringProperty("arrow");
    private final StringProperty color = new SimpleStringProperty("#ff3b30");
    private final DoubleProperty width = new SimpleDoubleProperty(0.006);
    private final ObjectProperty<Shape> current = new SimpleObjectProperty<>();

    /** Starts a shape at a point; a text shape is complete at once. */
    public void begin(double x, double y, String words) {
        Shape s = new Shape(
                tool.get(),
                color.get(),
                width.get(),
                List.of(new Shape.Point(x, y)),
                tool.get().equals("text") ? words : null);
        if (s.type().equals("text")) {
            shapes.add(s);
            return;
        }
        current.set(s);
        shapes.add(s);
    }

    public void drag(double x, double y) {
        Shape s = current.get();
        if (s == null) {
            return;
        }
        List<Shape.Point> pts = new ArrayList<>(s.points());
        Shape.Point p = new Shape.Point(x, y);
        if (s.type().equals("pen")) {
            pts.add(p);
        } else if (pts.size() == 1) {
            pts.add(p);
        } else {
            pts.set(1, p);
        }
        replaceCurrent(s.withPoints(pts));
    }

    /** Ends the shape; a click without a drag leaves nothing behind. */
    public void end() {
        Shape s = current.get();
        current.set(null);
        if (s != null && !s.complete()) {
            shapes.remove(shapes.size() - 1);
        }
    }

    public void undo() {
        if (!shapes.isEmpty()) {
            shapes.remove(shapes.size() - 1);
        }
    }

    public void clear() {
        current.set(null);
        shapes.clear();
    }

    public boolean isEmpty() {
        return shapes.isEmpty();
    }

    private void replaceCurrent(Shape s) {
        current.set(s);
        shapes.set(shapes.size() - 1, s);
    }

    public ObservableList<Shape> shapes() {
        return shapes;
    }

    public StringProperty toolProperty() {
        return tool;
    }

    public StringProperty colorProperty() {
        return color;
    }

    public DoubleProperty widthProperty() {
        return width;
    }
}
