package io.framewise.server.interchange.markers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * OpenTimelineIO JSON: a {@code Timeline.1} whose stack holds one video track with one
 * {@code Clip.2}, the media, carrying a {@code Marker.2} per note.
 *
 * <p>Times are {@code RationalTime.1} at the media's rate (OTIO keeps rates as doubles, so 29.97 is
 * 30000/1001 = 29.97002997...). The clip's source range starts at the start timecode's frame count,
 * and a marker's range is in the clip's media time, as OTIO defines it: start label plus the note's
 * frame, duration 0 for a frame note and the range's length for a range note. The timeline's global
 * start is the start timecode too, so a marker lands on the note's label. Colours are OTIO's own
 * marker colours (the notes' palette), RED by default as in OTIO. Author, status, frames and
 * replies are also kept in the marker's metadata under {@code framewise}.
 */
final class OtioMarkers implements MarkerFormat.Writer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        double rate = media.rate().fps();
        long start = media.startFrames();
        ObjectNode timeline = JSON.createObjectNode();
        timeline.put("OTIO_SCHEMA", "Timeline.1");
        timeline.putObject("metadata");
        timeline.put("name", media.baseName() + " notes");
        timeline.set("global_start_time", time(start, rate));
        ObjectNode stack = timeline.putObject("tracks");
        stack.put("OTIO_SCHEMA", "Stack.1");
        item(stack, "tracks");
        ObjectNode track = stack.putArray("children").addObject();
        track.put("OTIO_SCHEMA", "Track.1");
        item(track, "V1");
        track.put("kind", "Video");
        ObjectNode clip = track.putArray("children").addObject();
        clip.put("OTIO_SCHEMA", "Clip.2");
        item(clip, media.name());
        clip.set("source_range", range(start, media.frameCount(), rate));
        ObjectNode reference = clip.putObject("media_references").putObject("DEFAULT_MEDIA");
        reference.put("OTIO_SCHEMA", "ExternalReference.1");
        reference.putObject("metadata");
        reference.put("name", media.name());
        reference.set("available_range", range(start, media.frameCount(), rate));
        reference.putNull("available_image_bounds");
        reference.put("target_url", Fcpxml.relativeUrl(media.name()));
        clip.put("active_media_reference_key", "DEFAULT_MEDIA");
        ArrayNode markers = clip.putArray("markers");
        for (MarkerNote n : notes) {
            markers.add(marker(n, start, rate));
        }
        try {
            return JSON.writeValueAsString(timeline).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode marker(MarkerNote n, long start, double rate) {
        ObjectNode m = JSON.createObjectNode();
        m.put("OTIO_SCHEMA", "Marker.2");
        ObjectNode own = m.putObject("metadata").putObject("framewise");
        own.put("frame", n.frame());
        if (n.isRange()) {
            own.put("frameOut", n.frameOut());
        } else {
            own.putNull("frameOut");
        }
        own.put("author", n.author());
        own.put("status", n.resolved() ? "resolved" : "open");
        own.put("text", n.text());
        ArrayNode replies = own.putArray("replies");
        for (MarkerNote.Reply r : n.replies()) {
            replies.addObject().put("author", r.author()).put("text", r.text());
        }
        m.put("name", MarkerText.name(n));
        m.put("color", n.colour() == null ? "RED" : n.colour().name());
        m.set("marked_range", range(start + n.frame(), n.isRange() ? n.durationFrames() : 0, rate));
        m.put("comment", MarkerText.commentWithStatus(n));
        return m;
    }

    /** The fields every OTIO item has. */
    private static void item(ObjectNode node, String name) {
        node.putObject("metadata");
        node.put("name", name);
        node.putNull("source_range");
        node.putArray("effects");
        node.putArray("markers");
        node.put("enabled", true);
    }

    private static ObjectNode time(long value, double rate) {
        ObjectNode t = JSON.createObjectNode();
        t.put("OTIO_SCHEMA", "RationalTime.1");
        t.put("rate", rate);
        t.put("value", (double) value);
        return t;
    }

    private static ObjectNode range(long start, long duration, double rate) {
        ObjectNode r = JSON.createObjectNode();
        r.put("OTIO_SCHEMA", "TimeRange.1");
        r.set("duration", time(duration, rate));
        r.set("start_time", time(start, rate));
        return r;
    }
}
