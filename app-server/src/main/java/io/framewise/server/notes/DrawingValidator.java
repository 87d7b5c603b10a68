package io.framewise.server.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a note's drawing strictly before it is stored, because every client (web, desktop, PDF
 * report) renders it later and must be able to trust it. Format, schema version 1:
 *
 * <pre>{"schema":1,"shapes":[{"type":"arrow","color":"#ff0000","width":0.01,"points":[[0.1,0.2],[0.4,0.5]]}]}</pre>
 *
 * <ul>
 *   <li>{@code type}: pen (2 to {@value #MAX_PEN_POINTS} points), line and arrow (2 points: from,
 *       to), rect and ellipse (2 points: opposite corners), text (1 point: the anchor, plus
 *       {@code text} of 1 to {@value #MAX_TEXT} characters, kept as plain text).
 *   <li>{@code color}: {@code #rrggbb}; {@code width}: a fraction of the picture height in
 *       (0, {@value #MAX_WIDTH}], like live-session strokes.
 *   <li>{@code points}: [x, y] pairs normalised to the picture, 0..1 each, (0,0) top left.
 *   <li>At most {@value #MAX_SHAPES} shapes and {@value #MAX_BYTES} bytes of JSON; no other fields.
 * </ul>
 *
 * An unknown schema version is refused (422) rather than stored unread: a server that cannot check
 * a drawing must not vouch for it.
 */
public final class DrawingValidator {

    public static final int SCHEMA = 1;
    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_SHAPES = 2000;
    public static final int MAX_PEN_POINTS = 10_000;
    public static final int MAX_TEXT = 1000;
    public static final double MAX_WIDTH = 0.25;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> TOP_FIELDS = Set.of("schema", "shapes");
    private static final Set<String> SHAPE_FIELDS = Set.of("type", "color", "width", "points");
    private static final Set<String> TEXT_FIELDS = Set.of("type", "color", "width", "points", "text");

    private final ObjectMapper mapper;

    public DrawingValidator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The checked drawing in its compact stored form.
     *
     * @throws ApiException.Invalid naming the first problem found
     */
    public Drawing validate(JsonNode drawing) {
        if (drawing == null || !drawing.isObject()) {
            throw invalid("drawing must be a JSON object {\"schema\":1,\"shapes\":[...]}", "drawing");
        }
        String json;
        try {
            json = mapper.writeValueAsString(drawing);
        } catch (JsonProcessingException e) {
            throw invalid("drawing cannot be written as JSON", "drawing");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ApiException.Invalid(
                    "drawing must be at most " + MAX_BYTES + " bytes of JSON",
                    Map.of("field", "drawing", "limitBytes", MAX_BYTES));
        }
        onlyFields(drawing, TOP_FIELDS, "drawing");
        JsonNode schema = drawing.get("schema");
        if (schema == null || !schema.isIntegralNumber()) {
            throw invalid("drawing.schema must be an integer (the drawing format version)", "drawing.schema");
        }
        if (schema.asLong() != SCHEMA) {
            throw new ApiException.Invalid(
                    "drawing.schema " + schema.asText() + " is not supported; this server reads schema " + SCHEMA,
                    Map.of("field", "drawing.schema", "supported", SCHEMA));
        }
        JsonNode shapes = drawing.get("shapes");
        if (shapes == null || !shapes.isArray()) {
            throw invalid("drawing.shapes must be an array", "drawing.shapes");
        }
        if (shapes.size() > MAX_SHAPES) {
            throw new ApiException.Invalid(
                    "drawing may have at most " + MAX_SHAPES + " shapes, got " + shapes.size(),
                    Map.of("field", "drawing.shapes", "limit", MAX_SHAPES));
        }
        for (int i = 0; i < shapes.size(); i++) {
            shape(shapes.get(i), "drawing.shapes[" + i + "]");
        }
        return new Drawing(json, SCHEMA);
    }

    private static void shape(JsonNode shape, String at) {
        if (!shape.isObject()) {
            throw invalid(at + " must be an object", at);
        }
        JsonNode typeNode = shape.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : "";
        int minPoints;
        int maxPoints;
        switch (type) {
            case "pen" -> {
                minPoints = 2;
                maxPoints = MAX_PEN_POINTS;
            }
            case "line", "arrow", "rect", "ellipse" -> {
                minPoints = 2;
                maxPoints = 2;
            }
            case "text" -> {
                minPoints = 1;
                maxPoints = 1;
            }
            default -> throw invalid(at + ".type must be one of pen, line, arrow, rect, ellipse, text", at + ".type");
        }
        onlyFields(shape, type.equals("text") ? TEXT_FIELDS : SHAPE_FIELDS, at);
        JsonNode color = shape.get("color");
        if (color == null
                || !color.isTextual()
                || !COLOR.matcher(color.asText()).matches()) {
            throw invalid(at + ".color must be a colour like #ff8800", at + ".color");
        }
        JsonNode width = shape.get("width");
        if (width == null || !width.isNumber() || !(width.asDouble() > 0 && width.asDouble() <= MAX_WIDTH)) {
            throw invalid(
                    at + ".width must be a fraction of the picture height in (0, " + MAX_WIDTH + "]", at + ".width");
        }
        points(shape.get("points"), minPoints, maxPoints, at + ".points");
        if (type.equals("text")) {
            JsonNode text = shape.get("text");
            if (text == null
                    || !text.isTextual()
                    || text.asText().isBlank()
                    || text.asText().length() > MAX_TEXT) {
                throw invalid(at + ".text must be 1 to " + MAX_TEXT + " characters", at + ".text");
            }
        }
    }

    private static void points(JsonNode points, int min, int max, String at) {
        String count = min == max ? "exactly " + min : min + " to " + max;
        if (points == null || !points.isArray() || points.size() < min || points.size() > max) {
            throw invalid(at + " must be an array of " + count + " [x, y] pairs", at);
        }
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            if (!p.isArray() || p.size() != 2 || !inUnitRange(p.get(0)) || !inUnitRange(p.get(1))) {
                throw invalid(
                        at + "[" + i + "] must be an [x, y] pair of numbers within 0..1 (normalised to the picture)",
                        at + "[" + i + "]");
            }
        }
    }

    private static boolean inUnitRange(JsonNode n) {
        return n.isNumber() && n.asDouble() >= 0 && n.asDouble() <= 1;
    }

    private static void onlyFields(JsonNode object, Set<String> allowed, String at) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(at + " has an unknown field '" + abbreviate(name) + "'", at + "." + abbreviate(name));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static ApiException.Invalid invalid(String message, String field) {
        return new ApiException.Invalid(message, Map.of("field", field));
    }
}
