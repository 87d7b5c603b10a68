package io.framewise.server.interchange.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.notes.MarkerColour;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every colour of the notes' palette lands on a colour each tool has, in the files themselves. */
class MarkerColoursTest {

    static final Set<String> RESOLVE = Set.of(
            "Blue",
            "Cyan",
            "Green",
            "Yellow",
            "Red",
            "Pink",
            "Purple",
            "Fuchsia",
            "Rose",
            "Lavender",
            "Sky",
            "Mint",
            "Lemon",
            "Sand",
            "Cocoa",
            "Cream");
    static final Set<String> AVID = Set.of("red", "green", "blue", "cyan", "magenta", "yellow", "black", "white");

    private static List<MarkerNote> oneOfEach() {
        java.util.ArrayList<MarkerNote> notes = new java.util.ArrayList<>();
        long frame = 0;
        for (MarkerColour c : MarkerColour.values()) {
            notes.add(new MarkerNote(frame++, null, c, "Ann", c.wire(), false, List.of()));
        }
        notes.add(new MarkerNote(frame, null, null, "Ann", "none", false, List.of()));
        return notes;
    }

    @Test
    void eachToolGetsAColourItHasAndTheSameColourAlwaysMapsTheSameWay() throws Exception {
        List<MarkerNote> notes = oneOfEach();
        MarkerMedia media = MarkerSamples.NDF_25;

        String resolve = new String(MarkerFormat.RESOLVE_EDL.write(media, notes), StandardCharsets.UTF_8);
        var m = java.util.regex.Pattern.compile("\\|C:ResolveColor([A-Za-z]+) ").matcher(resolve);
        int found = 0;
        while (m.find()) {
            assertTrue(RESOLVE.contains(m.group(1)), m.group(1));
            found++;
        }
        assertEquals(notes.size(), found);
        // The colours Resolve has keep their name.
        for (String same : new String[] {"Red", "Pink", "Yellow", "Green", "Cyan", "Blue", "Purple"}) {
            assertTrue(
                    resolve.contains(same.toLowerCase(java.util.Locale.ROOT) + " |C:ResolveColor" + same + " "), same);
        }

        String[] avid = new String(MarkerFormat.AVID.write(media, notes), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < notes.size(); i++) {
            String colour = avid[i].split("\t")[3];
            assertTrue(AVID.contains(colour), colour);
            if (notes.get(i).colour() != null
                    && AVID.contains(notes.get(i).colour().wire())) {
                assertEquals(notes.get(i).colour().wire(), colour, "Avid's own colours keep their name");
            }
        }

        var markers = new ObjectMapper()
                .readTree(MarkerFormat.OTIO.write(media, notes))
                .path("tracks")
                .path("children")
                .get(0)
                .path("children")
                .get(0)
                .path("markers");
        for (int i = 0; i < MarkerColour.values().length; i++) {
            assertEquals(
                    MarkerColour.values()[i].name(),
                    markers.get(i).path("color").asText(),
                    "OTIO's palette is ours");
        }

        String fcpxml = new String(MarkerFormat.FCPXML.write(media, notes), StandardCharsets.UTF_8);
        assertEquals(1, fcpxml.split("<chapter-marker ", -1).length - 1, "orange only is a chapter marker");
        assertEquals(
                notes.size() - 2, fcpxml.split(" completed=\"", -1).length - 1, "all but orange and blue are to-dos");
    }
}
