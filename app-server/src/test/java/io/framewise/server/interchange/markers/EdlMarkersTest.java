package io.framewise.server.interchange.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The EDL exporters read back with a strict reading of CMX3600's fixed columns: event number in
 * columns 1-3, reel 6-13, track 15-20, transition 21-29, then four timecodes of 11 characters one
 * blank apart; Resolve's note lines and Avid's LOC lines parsed as those tools write them.
 */
class EdlMarkersTest {

    /** One event line read by columns. */
    record Event(
            int number,
            String reel,
            String track,
            String transition,
            String srcIn,
            String srcOut,
            String recIn,
            String recOut) {}

    static Event event(String line) {
        assertTrue(line.length() >= 76, "event line too short: '" + line + "'");
        assertEquals("  ", line.substring(3, 5), line);
        assertEquals(' ', line.charAt(13), line);
        for (int at : new int[] {40, 52, 64}) {
            assertEquals(' ', line.charAt(at), "a blank between timecodes at column " + (at + 1) + ": " + line);
        }
        return new Event(
                Integer.parseInt(line.substring(0, 3)),
                line.substring(5, 13).strip(),
                line.substring(14, 20).strip(),
                line.substring(20, 29).strip(),
                line.substring(29, 40),
                line.substring(41, 52),
                line.substring(53, 64),
                line.substring(65, 76));
    }

    private static List<String> lines(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "CR LF line ends");
        assertTrue(
                !text.replace("\r\n", "").contains("\n")
                        && !text.replace("\r\n", "").contains("\r"),
                "only CR LF");
        return List.of(text.split("\r\n", -1));
    }

    private static final Pattern RESOLVE_NOTE =
            Pattern.compile("(.*) \\|C:ResolveColor([A-Za-z]+) \\|M:([^|]*) \\|D:(\\d+)");

    @Test
    void resolveMarkersLandOnEachNotesFrameWithTheirDurationColourAndName() {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            List<String> lines = lines(MarkerFormat.RESOLVE_EDL.write(media, notes));
            assertEquals("TITLE: " + media.baseName(), lines.get(0));
            assertEquals(media.start().dropFrame() ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME", lines.get(1));
            List<Event> events = new ArrayList<>();
            List<Matcher> marks = new ArrayList<>();
            for (int i = 2; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.matches("\\d{3} .*")) {
                    events.add(event(l));
                    Matcher m = RESOLVE_NOTE.matcher(lines.get(i + 1));
                    assertTrue(m.matches(), "the note line follows its event: " + lines.get(i + 1));
                    marks.add(m);
                }
            }
            assertEquals(notes.size(), events.size(), media.name());
            for (int i = 0; i < notes.size(); i++) {
                MarkerNote n = notes.get(i);
                Event e = events.get(i);
                assertEquals(i + 1, e.number());
                assertEquals("001", e.reel());
                assertEquals("V", e.track());
                assertEquals("C", e.transition());
                assertEquals(n.frame(), MarkerSamples.frameOf(media, e.recIn()), media.name() + " note " + i);
                assertEquals(n.frame(), MarkerSamples.frameOf(media, e.srcIn()));
                assertEquals(n.frame() + 1, MarkerSamples.frameOf(media, e.recOut()));
                assertEquals(n.frame() + 1, MarkerSamples.frameOf(media, e.srcOut()));
                Matcher m = marks.get(i);
                assertEquals(n.durationFrames(), Long.parseLong(m.group(4)));
                assertEquals(n.author().isEmpty() ? "Note" : n.author(), m.group(3));
                assertTrue(m.group(1).startsWith(n.resolved() ? "[resolved] " : ""), m.group(1));
            }
            assertEquals("Red", marks.get(0).group(2));
            assertEquals("Blue", marks.get(2).group(2), "no colour: Resolve's default");
            assertEquals("Sand", marks.get(3).group(2));
            assertEquals(
                    "[resolved] Line one line two with <b>tag</b> & \"quotes\" / pipe // Ann: Done // Cy: Agreed",
                    marks.get(1).group(1),
                    "one line, replies folded, no '|' to split on");
            assertEquals(12, Long.parseLong(marks.get(2).group(4)), "a range's length");
        }
    }

    @Test
    void dropFrameLabelsAreTheOnesResolveShows() {
        List<String> lines = lines(
                MarkerFormat.RESOLVE_EDL.write(MarkerSamples.DF_2997, MarkerSamples.notes(MarkerSamples.DF_2997)));
        List<Event> events = lines.stream()
                .filter(l -> l.matches("\\d{3} .*"))
                .map(EdlMarkersTest::event)
                .toList();
        assertEquals("01:00:00;00", events.get(0).recIn());
        assertEquals("01:00:59;29", events.get(1).recIn());
        assertEquals("01:01:00;02", events.get(1).recOut(), "labels ;00 and ;01 of minute 1 do not exist");
        assertEquals("01:01:00;02", events.get(2).recIn());
        assertEquals("01:10:00;00", events.get(3).recIn(), "the tenth minute keeps its labels");
        assertEquals("01:10:00;01", events.get(4).recIn());
    }

    private static final Pattern LOC = Pattern.compile("\\* LOC: (\\S{11}) ([A-Z]+) +(.*)");

    @Test
    void avidLocatorsLandOnEachNotesFrameInsideOneEventCoveringTheMedia() {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            List<String> lines = lines(MarkerFormat.AVID_EDL.write(media, notes));
            assertEquals(media.start().dropFrame() ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME", lines.get(1));
            Event e = event(lines.get(3));
            assertEquals(1, e.number());
            assertEquals("AX", e.reel());
            assertEquals(0, MarkerSamples.frameOf(media, e.recIn()));
            assertEquals(media.frameCount(), MarkerSamples.frameOf(media, e.recOut()));
            assertEquals("* FROM CLIP NAME: " + media.name(), lines.get(4));
            List<Matcher> locs = new ArrayList<>();
            for (String l : lines.subList(5, lines.size())) {
                if (l.isEmpty()) {
                    continue;
                }
                Matcher m = LOC.matcher(l);
                assertTrue(m.matches(), "a locator line: " + l);
                locs.add(m);
            }
            assertEquals(notes.size(), locs.size());
            for (int i = 0; i < notes.size(); i++) {
                assertEquals(
                        notes.get(i).frame(),
                        MarkerSamples.frameOf(media, locs.get(i).group(1)),
                        media + " " + i);
            }
            assertEquals("RED", locs.get(0).group(2));
            assertEquals("GREEN", locs.get(1).group(2));
            assertEquals("YELLOW", locs.get(3).group(2), "Avid has no orange: the nearest");
            assertEquals(
                    "A range [to " + media.timecode(notes.get(2).frameOut()) + "]",
                    locs.get(2).group(3));
            assertEquals(
                    "[resolved] Line one line two with <b>tag</b> & \"quotes\" | pipe // Ann: Done // Cy: Agreed",
                    locs.get(1).group(3));
        }
    }
}
