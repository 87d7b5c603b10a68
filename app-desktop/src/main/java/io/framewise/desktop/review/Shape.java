package io.framewise.desktop.review;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One vector shape of a drawing, exactly as the server's schema 1 has it (see the server's
 * DrawingValidator): points are [x, y] fractions of the picture with (0,0) top left, width is a
 * fraction of the picture height, so a drawing looks the same at any size and in the web UI.
 *
 * @param type pen, line, arrow, rect, ellipse or text
 * @param text the words of a text shape, null for others
 */
public record Shape(String type, String color, double width, List<Point> points, String text) {

    public static final Set<String> TYPES = Set.of("pen", "line", "arrow", "rect", "ellipse", "text");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public record Point(double x, double y) {
        public Point {
            x = Math.max(0, Math.min(1, x));
            y = Math.max(0, Math.min(1, y));
        }
    }

    public Shape {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("shape type must be one of " + TYPES + ", not " + type);
        }
        if (color == null || !COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("colour must look like #ff8800, not " + color);
        }
        if (!(width > 0 && width <= 0.25)) {
            throw new IllegalArgumentException("width must be a fraction of the picture height in (0, 0.25]");
        }
        points = List.copyOf(points);
        if (type.equals("text") && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("a text shape needs words");
        }
    }

    /** Whether the shape is complete enough to keep (the server refuses the rest). */
    public boolean complete() {
        return type.equals("text") ? points.size() == 1 : points.size() >= 2;
    }

    public Shape withPoints(List<Point> newPoints) {
        return new Shape(type, color, width, newPoints, text);
    }
}
