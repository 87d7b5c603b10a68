package io.framewise.media.clip.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.media.clip.template.ClipTemplate.Position;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The template JSON format (the server's and the CLI's --template file): strict, every problem is a
 * {@link TemplateException} naming its JSON path. {@link #toJson} writes every value, defaults
 * included, so a stored template reads back the same.
 */
public final class ClipTemplates {

    /** Text and slate lines are at most this long; a template is at most 50 steps. */
    public static final int MAX_TEXT = 500;

    public static final int MAX_STEPS = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** The placeholders texts may hold. */
    public static final Set<String> PLACEHOLDERS = Set.of("title", "project", "version", "date", "timecode", "frame");

    private static final List<String> SLATE_LINES =
            List.of("{project}", "{title}", "{version}", "{timecode}", "{date}");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "text", Set.of("type", "text", "position", "size", "color", "opacity", "box", "boxColor"),
            "image", Set.of("type", "imageId", "position", "scale", "opacity"),
            "subtitles", Set.of("type", "source", "fileId", "track", "size", "color", "position"),
            "drawings", Set.of("type"),
            "slate", Set.of("type", "frames", "lines", "background"),
            "scale", Set.of("type", "maxHeight"));

    private ClipTemplates() {}

    /** Parses a whole template ({"name","steps","output"}). */
    public static ClipTemplate parse(String json) {
        return parse(json, Set.of());
    }

    /**
     * Parses a template whose top level may also carry {@code extraTopLevel} fields (the server's
     * projectId), which are ignored here.
     */
    public static ClipTemplate parse(String json, Set<String> extraTopLevel) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TemplateException("", "is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TemplateException("", "a template is a JSON object");
        }
        known(root, "", Set.of("name", "steps", "output"), extraTopLevel);
        String name = string(root, "name", "", true, 200).orElseThrow();
        if (name.isBlank()) {
            throw new TemplateException("name", "is empty");
        }
        JsonNode stepsNode = required(root, "steps", "");
        if (!stepsNode.isArray()) {
            throw new TemplateException("steps", "must be an array");
        }
        if (stepsNode.size() > MAX_STEPS) {
            throw new TemplateException("steps", "has more than " + MAX_STEPS + " steps");
        }
        List<ClipTemplate.Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(step(stepsNode.get(i), "steps[" + i + "]"));
        }
        if (steps.stream().filter(ClipTemplate.Slate.class::isInstance).count() > 1) {
            throw new TemplateException("steps", "has more than one slate");
        }
        return new ClipTemplate(name, steps, output(required(root, "output", ""), "output"));
    }

    private static ClipTemplate.Step step(JsonNode n, String path) {
        if (!n.isObject()) {
            throw new TemplateException(path, "must be an object");
        }
        String type = string(n, "type", path, true, 40).orElseThrow();
        Set<String> fields = FIELDS.get(type);
        if (fields == null) {
            throw new TemplateException(path + ".type", "'" + type + "' is not a known step kind " + FIELDS.keySet());
        }
        known(n, path, fields, Set.of());
        return switch (type) {
            case "text" -> new ClipTemplate.Text(
                    placeholders(string(n, "text", path, false, MAX_TEXT).orElse("{title}"), path + ".text"),
                    position(n, path, Position.BOTTOM_LEFT),
                    number(n, "size", path, 0, false, 0.5, 0.05),
                    color(n, "color", path).orElse("#FFFFFF"),
                    number(n, "opacity", path, 0, true, 1, 1),
                    bool(n, "box", path, false),
                    color(n, "boxColor", path));
            case "image" -> new ClipTemplate.Image(
                    id(n, "imageId", path),
                    position(n, path, Position.BOTTOM_RIGHT),
                    number(n, "scale", path, 0, false, 1, 0.15),
                    number(n, "opacity", path, 0, true, 1, 1));
            case "subtitles" -> {
                String source = string(n, "source", path, true, 20).orElseThrow();
                if (!source.equals(ClipTemplate.Subtitles.SIDECAR) && !source.equals(ClipTemplate.Subtitles.TRACK)) {
                    throw new TemplateException(
                            path + ".source", "must be \"sidecar\" or \"track\", was \"" + source + "\"");
                }
                // A sidecar names an uploaded file; a track names a subtitle track of the clip's source.
                String other = source.equals(ClipTemplate.Subtitles.TRACK) ? "fileId" : "track";
                if (n.has(other)) {
                    throw new TemplateException(path + "." + other, "does not go with source \"" + source + "\"");
                }
                yield new ClipTemplate.Subtitles(
                        source,
                        id(n, source.equals(ClipTemplate.Subtitles.TRACK) ? "track" : "fileId", path),
                        number(n, "size", path, 0, false, 0.5, 0.05),
                        color(n, "color", path).orElse("#FFFFFF"),
                        position(n, path, Position.BOTTOM));
            }
            case "drawings" -> new ClipTemplate.Drawings();
            case "slate" -> new ClipTemplate.Slate(
                    integer(n, "frames", path, 1, 240, OptionalInt.empty()),
                    lines(n, path),
                    color(n, "background", path).orElse("#000000"));
            case "scale" -> new ClipTemplate.Scale(integer(n, "maxHeight", path, 16, 4320, OptionalInt.empty()));
            default -> throw new IllegalStateException(type);
        };
    }

    private static ClipTemplate.Output output(JsonNode n, String path) {
        if (!n.isObject()) {
            throw new TemplateException(path, "must be an object");
        }
        known(n, path, Set.of("format", "maxHeight", "videoBitrateKbps"), Set.of());
        String format = string(n, "format", path, true, 10).orElseThrow();
        ClipTemplate.Format f =
                switch (format) {
                    case "mp4" -> ClipTemplate.Format.MP4;
                    case "webm" -> ClipTemplate.Format.WEBM;
                    default -> throw new TemplateException(
                            path + ".format", "must be \"mp4\" or \"webm\", was \"" + format + "\"");
                };
        return new ClipTemplate.Output(
                f, optionalInt(n, "maxHeight", path, 16, 4320), optionalInt(n, "videoBitrateKbps", path, 100, 200_000));
    }

    private static List<String> lines(JsonNode n, String path) {
        JsonNode lines = n.get("lines");
        if (lines == null || lines.isNull()) {
            return SLATE_LINES;
        }
        if (!lines.isArray() || lines.size() > 12) {
            throw new TemplateException(path + ".lines", "must be an array of at most 12 texts");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String p = path + ".lines[" + i + "]";
            if (!line.isTextual()) {
                throw new TemplateException(p, "must be a string");
            }
            if (line.textValue().length() > 200) {
                throw new TemplateException(p, "is longer than 200 characters");
            }
            out.add(placeholders(line.textValue(), p));
        }
        return out;
    }

    private static String placeholders(String text, String path) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new TemplateException(
                        path,
                        "has an unknown placeholder {" + m.group(1) + "} (known: "
                                + new java.util.TreeSet<>(PLACEHOLDERS) + ")");
            }
        }
        return text;
    }

    private static void known(JsonNode n, String path, Set<String> fields, Set<String> extra) {
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!fields.contains(f) && !extra.contains(f)) {
                throw new TemplateException(path.isEmpty() ? f : path + "." + f, "is not a known field");
            }
        }
    }

    private static JsonNode required(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new TemplateException(join(path, field), "is missing");
        }
        return v;
    }

    private static Optional<String> string(JsonNode n, String field, String path, boolean required, int max) {
        JsonNode v = required ? required(n, field, path) : n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new TemplateException(join(path, field), "must be a string");
        }
        if (v.textValue().length() > max) {
            throw new TemplateException(join(path, field), "is longer than " + max + " characters");
        }
        return Optional.of(v.textValue());
    }

    private static String id(JsonNode n, String field, String path) {
        String id = string(n, field, path, true, 64).orElseThrow();
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new TemplateException(join(path, field), "is not an id");
        }
        return id;
    }

    private static Optional<String> color(JsonNode n, String field, String path) {
        Optional<String> c = string(n, field, path, false, 7);
        if (c.isPresent() && !COLOR.matcher(c.get()).matches()) {
            throw new TemplateException(join(path, field), "must be a colour #RRGGBB, was \"" + c.get() + "\"");
        }
        return c.map(s -> s.toUpperCase(java.util.Locale.ROOT));
    }

    private static Position position(JsonNode n, String path, Position fallback) {
        Optional<String> p = string(n, "position", path, false, 20);
        if (p.isEmpty()) {
            return fallback;
        }
        return Position.ofWire(p.get())
                .orElseThrow(() -> new TemplateException(
                        path + ".position",
                        "'" + p.get() + "' is not a position (top-left, top, top-right, left, center, right,"
                                + " bottom-left, bottom, bottom-right)"));
    }

    private static double number(
            JsonNode n, String field, String path, double min, boolean minIncluded, double max, double fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new TemplateException(join(path, field), "must be a number");
        }
        double d = v.doubleValue();
        if (!(minIncluded ? d >= min : d > min) || !(d <= max) || !Double.isFinite(d)) {
            throw new TemplateException(
                    join(path, field), "must be in " + (minIncluded ? "[" : "(") + min + ", " + max + "], was " + d);
        }
        return d;
    }

    private static int integer(JsonNode n, String field, String path, int min, int max, OptionalInt fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (fallback.isPresent()) {
                return fallback.getAsInt();
            }
            throw new TemplateException(join(path, field), "is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new TemplateException(join(path, field), "must be an integer");
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw new TemplateException(join(path, field), "must be " + min + ".." + max + ", was " + i);
        }
        return i;
    }

    private static OptionalInt optionalInt(JsonNode n, String field, String path, int min, int max) {
        JsonNode v = n.get(field);
        return v == null || v.isNull()
                ? OptionalInt.empty()
                : OptionalInt.of(integer(n, field, path, min, max, OptionalInt.empty()));
    }

    private static boolean bool(JsonNode n, String field, String path, boolean fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new TemplateException(join(path, field), "must be true or false");
        }
        return v.booleanValue();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The template as JSON, defaults written out. */
    public static String toJson(ClipTemplate t) {
        return toTree(t).toString();
    }

    /** The template as a JSON tree (the server adds its own fields to it). */
    public static ObjectNode toTree(ClipTemplate t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", t.name());
        root.set("steps", stepsTree(t.steps()));
        root.set("output", outputTree(t.output()));
        return root;
    }

    public static ArrayNode stepsTree(List<ClipTemplate.Step> steps) {
        ArrayNode arr = JSON.createArrayNode();
        for (ClipTemplate.Step s : steps) {
            ObjectNode o = arr.addObject();
            o.put("type", s.type());
            if (s instanceof ClipTemplate.Text t) {
                o.put("text", t.text());
                o.put("position", t.position().wire());
                o.put("size", t.size());
                o.put("color", t.color());
                o.put("opacity", t.opacity());
                o.put("box", t.box());
                t.boxColor().ifPresent(c -> o.put("boxColor", c));
            } else if (s instanceof ClipTemplate.Image i) {
                o.put("imageId", i.imageId());
                o.put("position", i.position().wire());
                o.put("scale", i.scale());
                o.put("opacity", i.opacity());
            } else if (s instanceof ClipTemplate.Subtitles sub) {
                o.put("source", sub.source());
                o.put(sub.fromTrack() ? "track" : "fileId", sub.fileId());
                o.put("size", sub.size());
                o.put("color", sub.color());
                o.put("position", sub.position().wire());
            } else if (s instanceof ClipTemplate.Slate sl) {
                o.put("frames", sl.frames());
                ArrayNode lines = o.putArray("lines");
                sl.lines().forEach(lines::add);
                o.put("background", sl.background());
            } else if (s instanceof ClipTemplate.Scale sc) {
                o.put("maxHeight", sc.maxHeight());
            }
        }
        return arr;
    }

    public static ObjectNode outputTree(ClipTemplate.Output out) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", out.format().wire());
        out.maxHeight().ifPresent(h -> o.put("maxHeight", h));
        out.videoBitrateKbps().ifPresent(b -> o.put("videoBitrateKbps", b));
        return o;
    }
}
