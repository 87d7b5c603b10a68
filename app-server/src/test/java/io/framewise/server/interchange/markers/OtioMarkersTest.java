package io.framewise.server.interchange.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenTimelineIO export read back with Jackson: OTIO's schema names and shapes (as in the
 * OTIO sample files under ../shared/testdata/interchange/otio), and each marker's range mapped
 * back through the clip's source range onto the note's frame.
 */
class OtioMarkersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A RationalTime.1 as whole frames, checking its rate is the media's. */
    static long frames(JsonNode time, MarkerMedia media) {
        assertEquals("RationalTime.1", time.path("OTIO_SCHEMA").asText());
        assertEquals(media.rate().fps(), time.path("rate").asDouble(), 0.0, "the media's exact rate as a double");
        double v = time.path("value").asDouble();
        assertEquals(Math.rint(v), v, 0.0, "on a frame");
        return (long) v;
    }

    @Test
    void markersOnTheClipLandOnTheNotesFramesThroughItsSourceRange() throws Exception {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            JsonNode t = JSON.readTree(MarkerFormat.OTIO.write(media, notes));
            assertEquals("Timeline.1", t.path("OTIO_SCHEMA").asText());
            assertEquals(media.startFrames(), frames(t.path("global_start_time"), media));
            JsonNode stack = t.path("tracks");
            assertEquals("Stack.1", stack.path("OTIO_SCHEMA").asText());
            assertEquals(1, stack.path("children").size());
            JsonNode track = stack.path("children").get(0);
            assertEquals("Track.1", track.path("OTIO_SCHEMA").asText());
            assertEquals("Video", track.path("kind").asText());
            assertEquals(1, track.path("children").size());
            JsonNode clip = track.path("children").get(0);
            assertEquals("Clip.2", clip.path("OTIO_SCHEMA").asText());
            assertEquals(media.name(), clip.path("name").asText());
            JsonNode source = clip.path("source_range");
            assertEquals("TimeRange.1", source.path("OTIO_SCHEMA").asText());
            long sourceStart = frames(source.path("start_time"), media);
            assertEquals(media.frameCount(), frames(source.path("duration"), media));
            String key = clip.path("active_media_reference_key").asText();
            assertEquals(
                    "ExternalReference.1",
                    clip.path("media_references").path(key).path("OTIO_SCHEMA").asText());
            JsonNode markers = clip.path("markers");
            assertEquals(notes.size(), markers.size());
            for (int i = 0; i < notes.size(); i++) {
                MarkerNote n = notes.get(i);
                JsonNode m = markers.get(i);
                assertEquals("Marker.2", m.path("OTIO_SCHEMA").asText());
                JsonNode range = m.path("marked_range");
                assertEquals("TimeRange.1", range.path("OTIO_SCHEMA").asText());
                // Clip-local media time minus the source range's start is the frame within the clip,
                // which sits at the timeline's start: the media's frame.
                assertEquals(n.frame(), frames(range.path("start_time"), media) - sourceStart, media.name() + " " + i);
                assertEquals(n.isRange() ? n.durationFrames() : 0, frames(range.path("duration"), media));
                assertEquals(
                        n.frame(),
                        m.path("metadata").path("framewise").path("frame").asLong());
            }
            assertEquals("RED", markers.get(0).path("color").asText());
            assertEquals("GREEN", markers.get(1).path("color").asText());
            assertEquals("RED", markers.get(2).path("color").asText(), "no colour: OTIO's default");
            assertEquals("ORANGE", markers.get(3).path("color").asText());
            assertEquals(
                    "resolved",
                    markers.get(1)
                            .path("metadata")
                            .path("framewise")
                            .path("status")
                            .asText());
            assertEquals(
                    "Line one\nline two\twith <b>tag</b> & \"quotes\" | pipe",
                    markers.get(1)
                            .path("metadata")
                            .path("framewise")
                            .path("text")
                            .asText(),
                    "the whole text is kept in the metadata");
            assertEquals(
                    2,
                    markers.get(1)
                            .path("metadata")
                            .path("framewise")
                            .path("replies")
                            .size());
            assertTrue(markers.get(1).path("comment").asText().endsWith("// Ann: Done // Cy: Agreed"));
        }
    }

    /**
     * The shared interchange test data, read in place: {@code shared/testdata/interchange} next to
     * the repository, or next to a folder holding it (a work tree of the repository).
     */
    static Path interchange() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testdata").resolve("interchange");
            if (java.nio.file.Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(
                "no shared/testdata/interchange above " + Path.of("").toAbsolutePath());
    }

    @Test
    void markersAreSpelledAsResolvesOwnOtioExportSpellsThem() throws Exception {
        // DaVinci Resolve's OTIO exporter writes Marker.2 with a colour name and a comment: the same
        // fields, in the same order, as ours (newer OTIO reads Marker.2 and upgrades it).
        JsonNode sample = JSON.readTree(interchange()
                .resolve("otio")
                .resolve("ayon_resolve_clip_qt_review.json")
                .toFile());
        assertEquals("Clip.2", sample.path("OTIO_SCHEMA").asText());
        JsonNode theirs = sample.path("markers").get(0);
        assertEquals("Marker.2", theirs.path("OTIO_SCHEMA").asText());
        JsonNode ours = JSON.readTree(
                        MarkerFormat.OTIO.write(MarkerSamples.NDF_25, MarkerSamples.notes(MarkerSamples.NDF_25)))
                .path("tracks")
                .path("children")
                .get(0)
                .path("children")
                .get(0)
                .path("markers")
                .get(0);
        List<String> theirFields = new java.util.ArrayList<>();
        theirs.fieldNames().forEachRemaining(theirFields::add);
        List<String> ourFields = new java.util.ArrayList<>();
        ours.fieldNames().forEachRemaining(ourFields::add);
        assertEquals(theirFields, ourFields);
        assertTrue(theirs.path("color").isTextual() && ours.path("color").isTextual());
        for (String f : new String[] {"duration", "start_time"}) {
            List<String> a = new java.util.ArrayList<>();
            theirs.path("marked_range").path(f).fieldNames().forEachRemaining(a::add);
            List<String> b = new java.util.ArrayList<>();
            ours.path("marked_range").path(f).fieldNames().forEachRemaining(b::add);
            assertEquals(a, b, f);
        }
    }
}
