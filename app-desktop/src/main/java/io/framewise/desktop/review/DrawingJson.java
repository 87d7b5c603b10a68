package io.framewise.desktop.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the drawing object of a note, schema 1 ({@code {"schema":1,"shapes":[...]}}). */
public final class DrawingJson {

    public static final int SCHEMA = 1;

    private DrawingJson() {}

    public static ObjectNode write(List<Shape> shapes) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("schema", SCHEMA);
        ArrayNode array = root.putArray("shapes");
        for (Shape s : shapes) {
            ObjectNode o = array.addObject()
                    .put("type", s.type())
                    .put("color", s.color())
                    .put("width", s.width());
            ArrayNode pts = o.putArray("points");
            for (Shape.Point p : s.points()) {
                pts.addArray().add(round(p.x())).add(round(p.y()));
            }
            if (s.type().equals("text")) {
                o.put("text", s.text());
            }
        }
        return root;
    }

    /** The shapes of a stored drawing; an unknown schema or a broken shape is refused with a reason. */
    public static List<Shape> read(JsonNode drawing) {
        if (drawing == null || drawing.isNull()) {
            return List.of();
        }
        if (drawing.path("schema").asInt(-1) != SCHEMA) {
            throw new IllegalArgumentException(
                    "drawing schema " + drawing.path("schema") + " is not supported (this app reads " + SCHEMA + ")");
        }
        List<Shape> shapes = new ArrayList<>();
        for (JsonNode s : drawing.path("shapes")) {
            List<Shape.Point> pts = new ArrayList<>();
            for (JsonNode p : s.path("points")) {
                pts.add(new Shape.Point(p.path(0).asDouble(), p.path(1).asDouble()));
            }
            shapes.add(new Shape(
                    s.path("type").asText(),
                    s.path("color").asText(),
                    s.path("width").asDouble(),
                    pts,
                    s.hasNonNull("text") ? s.get("text").asText() : null));
        }
        return shapes;
    }

    /** Four decimals: finer than a pixel of an 8K picture, and a pen stroke stays small. */
    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
