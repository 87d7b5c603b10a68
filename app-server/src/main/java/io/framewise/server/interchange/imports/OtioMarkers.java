package io.framewise.server.interchange.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The notes of an OpenTimelineIO file: markers on the timeline's stack, its tracks and their clips
 * and gaps, placed in timeline time ({@code global_start_time} plus the stack's time). A track with
 * a {@code source_range} shows its own time from that range's start; a clip's markers are in its
 * media time, so they move by the clip's place in the track less its {@code source_range} start.
 *
 * <p>Files converted from CMX3600 by OTIO's own adapter (markers with {@code cmx_3600} metadata)
 * put a clip's locators at their record timecode instead, and are read that way. A file whose root is a single clip (Resolve's
 * exporter) has its markers in the clip's media time, read as timecode. Times are counted at the
 * timeline's rate; a marker of another rate is converted.
 */
final class OtioMarkers {

    private OtioMarkers() {}

    static MarkerFile read(JsonNode root) {
        List<FoundNote> notes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        String schema = root.path("OTIO_SCHEMA").asText("");
        double rate = rateOf(root);
        if (rate <= 0) {
            skipped.add(new Skipped(0, "the file has no time with a rate to count frames by"));
            return new MarkerFile("otio", notes, skipped);
        }
        Reader reader = new Reader(rate, notes, skipped);
        if (schema.startsWith("Timeline.")) {
            double global =
                    root.path("global_start_time").isObject() ? reader.seconds(root.get("global_start_time")) : 0;
            JsonNode stack = root.path("tracks");
            DoubleUnaryOperator toTimeline = t -> global + t;
            reader.markers(stack, toTimeline, false);
            for (JsonNode track : stack.path("children")) {
                DoubleUnaryOperator trackMap = through(track, 0, toTimeline);
                reader.markers(track, trackMap, false);
                double position = 0;
                for (JsonNode item : track.path("children")) {
                    String kind = item.path("OTIO_SCHEMA").asText("");
                    if (kind.startsWith("Transition.")) {
                        continue;
                    }
                    double duration = item.path("source_range").isObject()
                            ? reader.seconds(item.path("source_range").path("duration"))
                            : 0;
                    DoubleUnaryOperator itemMap = through(item, position, trackMap);
                    reader.markers(item, itemMap, true);
                    position += duration;
                }
            }
        } else if (schema.startsWith("Clip.") || schema.startsWith("Gap.")) {
            reader.markers(root, t -> t, false);
        } else if (schema.startsWith("Stack.") || schema.startsWith("Track.")) {
            reader.markers(root, t -> t, false);
        } else {
            skipped.add(new Skipped(0, "an OTIO file of schema '" + cut(schema) + "' has no timeline to read"));
        }
        return new MarkerFile("otio", notes, skipped);
    }

    /** An item at {@code position} in its parent, showing its own time from its source_range's start. */
    private static DoubleUnaryOperator through(JsonNode item, double position, DoubleUnaryOperator parent) {
        JsonNode range = item.path("source_range");
        double start = range.isObject() ? seconds(range.path("start_time"), 0) : 0;
        return t -> parent.applyAsDouble(position + (t - start));
    }

    private static final class Reader {
        final double rate;
        final List<FoundNote> notes;
        final List<Skipped> skipped;

        Reader(double rate, List<FoundNote> notes, List<Skipped> skipped) {
            this.rate = rate;
            this.notes = notes;
            this.skipped = skipped;
        }

        double seconds(JsonNode time) {
            return OtioMarkers.seconds(time, rate);
        }

        void markers(JsonNode item, DoubleUnaryOperator map, boolean inClip) {
            for (JsonNode m : item.path("markers")) {
                try {
                    JsonNode range = m.path("marked_range");
                    double start = seconds(range.path("start_time"));
                    // OTIO's CMX3600 adapter writes a locator's record timecode, not media time.
                    boolean recordTime = inClip && m.path("metadata").has("cmx_3600");
                    double at = recordTime ? start : map.applyAsDouble(start);
                    long frame = Math.round(at * rate);
                    if (frame < 0) {
                        throw new IllegalArgumentException("it lies before the timeline's 00:00:00:00");
                    }
                    long frames = Math.round(seconds(range.path("duration")) * rate);
                    String comment = m.path("comment").asText("");
                    if (comment.isEmpty()) {
                        comment = m.path("metadata")
                                .path("fcp_xml")
                                .path("comment")
                                .asText("");
                    }
                    notes.add(FoundNote.counted(
                            0,
                            Timecode.fromFrameCount(frame, frameRate(), false),
                            frames,
                            ColourNames.of(colour(m)).orElse(null),
                            Texts.nameAndNote(m.path("name").asText(""), comment)));
                } catch (IllegalArgumentException e) {
                    skipped.add(new Skipped(0, "marker '" + cut(m.path("name").asText("")) + "': " + e.getMessage()));
                }
            }
        }

        FrameRate frameRate() {
            return FrameRate.parse(Double.toString(rate));
        }
    }

    private static String colour(JsonNode marker) {
        JsonNode c = marker.path("color");
        return c.isTextual() ? c.asText() : c.path("name").asText(null);
    }

    /** A RationalTime in seconds; {@code fallbackRate} when it names none. */
    static double seconds(JsonNode time, double fallbackRate) {
        if (!time.isObject()) {
            return 0;
        }
        double value = time.path("value").asDouble(0);
        double r = time.path("rate").asDouble(fallbackRate);
        if (!(r > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a time without a positive rate");
        }
        return value / r;
    }

    /** The timeline's rate: its global start's, else the first time in the file that names one. */
    private static double rateOf(JsonNode root) {
        double r = root.path("global_start_time").path("rate").asDouble(0);
        if (r > 0) {
            return r;
        }
        return firstRate(root, 0);
    }

    private static double firstRate(JsonNode node, int depth) {
        if (depth > 64) {
            return 0;
        }
        if (node.isObject()) {
            String schema = node.path("OTIO_SCHEMA").asText("");
            if (schema.startsWith("TimeRange.")) {
                for (String part : List.of("duration", "start_time")) {
                    if (node.path(part).path("rate").asDouble(0) > 1) {
                        return node.path(part).path("rate").asDouble();
                    }
                }
            }
            // Items' ranges first: a marker's rate may differ from its timeline's (Resolve).
            for (String key : List.of("source_range", "tracks", "children", "markers", "marked_range")) {
                double r = firstRate(node.path(key), depth + 1);
                if (r > 0) {
                    return r;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode c : node) {
                double r = firstRate(c, depth + 1);
                if (r > 0) {
                    return r;
                }
            }
        }
        return 0;
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
