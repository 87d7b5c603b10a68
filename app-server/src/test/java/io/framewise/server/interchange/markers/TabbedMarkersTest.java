package io.framewise.server.interchange.markers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Avid's marker text and Premiere's marker list, read back field by field. */
class TabbedMarkersTest {

    @Test
    void avidMarkersHaveSixFieldsAndLandOnEachNotesFrame() {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            String text = new String(MarkerFormat.AVID.write(media, notes), StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\n"));
            List<String> lines = List.of(text.split("\n"));
            assertEquals(notes.size(), lines.size());
            for (int i = 0; i < notes.size(); i++) {
                String[] f = lines.get(i).split("\t", -1);
                assertEquals(6, f.length, "user, TC, track, colour, comment, duration: " + lines.get(i));
                MarkerNote n = notes.get(i);
                assertEquals(n.author().isEmpty() ? "Note" : n.author(), f[0]);
                assertEquals(n.frame(), MarkerSamples.frameOf(media, f[1]), media.name() + " " + i);
                assertEquals(media.start().dropFrame(), f[1].contains(";"), "drop-frame labels with ';'");
                assertEquals("V1", f[2]);
                assertEquals(n.durationFrames(), Long.parseLong(f[5]));
            }
            String[] resolved = lines.get(1).split("\t", -1);
            assertEquals("green", resolved[3]);
            assertEquals(
                    "[resolved] Line one line two with <b>tag</b> & \"quotes\" | pipe // Ann: Done // Cy: Agreed",
                    resolved[4],
                    "tabs and line breaks of the note do not split fields");
            assertEquals("red", lines.get(2).split("\t")[3], "no colour: Avid's default");
            assertEquals("12", lines.get(2).split("\t")[5]);
        }
    }

    @Test
    void premiereListIsTabSeparatedUtf16WithPremieresTimecodes() {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            byte[] bytes = MarkerFormat.PREMIERE_CSV.write(media, notes);
            assertArrayEquals(
                    new byte[] {(byte) 0xFF, (byte) 0xFE}, Arrays.copyOf(bytes, 2), "UTF-16LE byte order mark");
            String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
            List<String> lines = List.of(text.split("\r\n"));
            assertEquals("Marker Name\tDescription\tIn\tOut\tDuration\tMarker Type", lines.get(0));
            assertEquals(notes.size() + 1, lines.size());
            for (int i = 0; i < notes.size(); i++) {
                String[] f = lines.get(i + 1).split("\t", -1);
                assertEquals(6, f.length, lines.get(i + 1));
                MarkerNote n = notes.get(i);
                if (media.start().dropFrame()) {
                    assertTrue(f[2].matches("\\d\\d;\\d\\d;\\d\\d;\\d\\d"), "Premiere's drop-frame notation: " + f[2]);
                } else {
                    assertTrue(f[2].matches("\\d\\d:\\d\\d:\\d\\d:\\d\\d"), f[2]);
                }
                assertEquals(n.frame(), MarkerSamples.frameOf(media, f[2]), media.name() + " " + i);
                long length = n.isRange() ? n.durationFrames() : 0;
                assertEquals(n.frame() + length, MarkerSamples.frameOf(media, f[3]));
                assertEquals(
                        length, io.framewise.model.time.Timecode.parse(f[4]).toFrameCount(media.rate()));
                assertEquals("Comment", f[5]);
            }
            if (media == MarkerSamples.DF_2997) {
                assertEquals("01;01;00;02", lines.get(3).split("\t")[2]);
                assertEquals("01;01;00;14", lines.get(3).split("\t")[3]);
                assertEquals("00;00;00;12", lines.get(3).split("\t")[4]);
            }
        }
    }
}
