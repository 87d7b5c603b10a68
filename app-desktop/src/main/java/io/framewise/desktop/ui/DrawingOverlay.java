package io.framewise.desktop.ui;

import io.framewise.desktop.review.Shape;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Paints drawings (schema 1) over the picture. Coordinates are picture fractions and widths a
 * fraction of the picture height, so the same drawing lands on the same pixels here, in the web UI
 * and in burned-in stills.
 */
final class DrawingOverlay extends Canvas {

    void paint(List<Shape> saved, List<Shape> editing) {
        paint(List.of(), saved, editing);
    }

    /** As above, under the shapes the full-frame pictures of imported drawings, scaled to the picture. */
    void paint(List<javafx.scene.image.Image> pictures, List<Shape> saved, List<Shape> editing) {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        pictures.forEach(p -> g.drawImage(p, 0, 0, getWidth(), getHeight()));
        saved.forEach(s -> paint(g, s));
        editing.forEach(s -> paint(g, s));
    }

    private void paint(GraphicsContext g, Shape s) {
        double w = getWidth();
        double h = getHeight();
        Color c = Color.web(s.color());
        double lw = Math.max(1, s.width() * h);
        g.setStroke(c);
        g.setFill(c);
        g.setLineWidth(lw);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        List<Shape.Point> p = s.points();
        switch (s.type()) {
            case "pen" -> {
                g.beginPath();
                g.moveTo(p.get(0).x() * w, p.get(0).y() * h);
                for (int i = 1; i < p.size(); i++) {
                    g.lineTo(p.get(i).x() * w, p.get(i).y() * h);
                }
                g.stroke();
            }
            case "line", "arrow" -> {
                if (p.size() < 2) {
                    return;
                }
                double x1 = p.get(0).x() * w,
                        y1 = p.get(0).y() * h,
                        x2 = p.get(1).x() * w,
                        y2 = p.get(1).y() * h;
                g.strokeLine(x1, y1, x2, y2);
                if (s.type().equals("arrow")) {
                    double angle = Math.atan2(y2 - y1, x2 - x1);
                    double head = Math.max(10, lw * 4);
                    for (double side : new double[] {-0.45, 0.45}) {
                        g.strokeLine(x2, y2, x2 - head * Math.cos(angle + side), y2 - head * Math.sin(angle + side));
                    }
                }
            }
            case "rect", "ellipse" -> {
                if (p.size() < 2) {
                    return;
                }
                double x = Math.min(p.get(0).x(), p.get(1).x()) * w;
                double y = Math.min(p.get(0).y(), p.get(1).y()) * h;
                double rw = Math.abs(p.get(1).x() - p.get(0).x()) * w;
                double rh = Math.abs(p.get(1).y() - p.get(0).y()) * h;
                if (s.type().equals("rect")) {
                    g.strokeRect(x, y, rw, rh);
                } else {
                    g.strokeOval(x, y, rw, rh);
                }
            }
            case "text" -> {
                g.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, Math.max(12, h * 0.045)));
                g.setTextBaseline(VPos.TOP);
                g.fillText(s.text(), p.get(0).x() * w, p.get(0).y() * h);
            }
            default -> throw new IllegalStateException("unknown shape " + s.type());
        }
    }
}
