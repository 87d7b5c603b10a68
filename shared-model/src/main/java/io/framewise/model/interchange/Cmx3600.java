package io.framewise.model.interchange;

import io.framewise.model.interchange.EdlDocument.Event;
import io.framewise.model.interchange.EdlDocument.Locator;
import io.framewise.model.interchange.EdlDocument.Marker;
import io.framewise.model.interchange.EdlDocument.Problem;
import io.framewise.model.interchange.EdlDocument.Transition;
import io.framewise.model.time.Timecode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CMX3600 edit decision lists as Avid, Premiere, Resolve and Nucoda write them: text in,
 * {@link EdlDocument} out, no IO.
 *
 * <p>The reader is lenient the way those tools' files need: 3- and 6-digit event numbers (File32,
 * File128), padded reels, any run of blanks between fields (the transition column moves), the
 * {@code *LOC:} spelling without a blank, 1-digit hours, trailing blanks and {@code REM} blocks. A
 * line it cannot read becomes a {@link Problem} naming the line and what is wrong, and reading goes
 * on, so a partly damaged list still gives what it can.
 */
public final class Cmx3600 {

    private static final Pattern EVENT_NUMBER = Pattern.compile("\\d{1,8}");
    private static final Pattern TRANSITION = Pattern.compile("(?i)(C|D|W|KB|KO|K)(\\d*)");
    // Resolve: "<note>|C:ResolveColorBlue |M:<name> |D:<frames>"; colour and name are optional.
    private static final Pattern MARKER =
            Pattern.compile("^(.*?)\\|(?:C:(\\S*)\\s*\\|)?(?:M:(.*?)\\s*\\|)?D:(\\d+)\\s*$");
    private static final Pattern LOCATOR = Pattern.compile("(?i)^LOC:\\s*(\\S+)(?:\\s+(\\S+))?\\s*(.*)$");
    private static final List<String> COLOURS =
            List.of("RED", "GREEN", "BLUE", "CYAN", "MAGENTA", "YELLOW", "BLACK", "WHITE", "PINK", "ORANGE", "PURPLE");

    private Cmx3600() {}

    /** Reads the list's bytes: see {@link EdlText} for encodings and line ends. */
    public static EdlDocument parse(byte[] bytes) {
        return parse(EdlText.decode(bytes));
    }

    /** Reads the list's text. */
    public static EdlDocument parse(String text) {
        Reader reader = new Reader();
        List<String> lines = EdlText.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            reader.read(i + 1, lines.get(i).strip());
        }
        return reader.document();
    }

    /** Whether {@code word} is a locator colour Avid and other CMX writers use. */
    static boolean isColourWord(String word) {
        return COLOURS.contains(word.toUpperCase(Locale.ROOT));
    }

    /** The mutable state of one read. */
    private static final class Reader {
        private String title;
        private Boolean dropFrame;
        private final List<Event> events = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private EventBuilder current;

        void read(int n, String line) {
            if (line.isEmpty()) {
                return;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            String first = line.split("\\s+", 2)[0];
            if (EVENT_NUMBER.matcher(first).matches()) {
                event(n, line);
                return;
            }
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                marker(n, marker);
            } else if (upper.startsWith("TITLE:")) {
                title = title == null ? line.substring(6).strip() : title;
            } else if (upper.startsWith("FCM:")) {
                boolean drop = !upper.contains("NON") && upper.contains("DROP");
                dropFrame = dropFrame == null ? drop : dropFrame;
            } else if (upper.startsWith("M2 ")) {
                speed(n, line);
            } else if (line.startsWith("*")) {
                comment(n, line.substring(1).strip());
            } else if (upper.startsWith("REM")
                    || upper.startsWith("EFFECTS NAME IS")
                    || upper.startsWith("AUD ")
                    || upper.startsWith("SPLIT:")
                    || upper.startsWith("GPI")) {
                // Known lines that carry nothing a note or a reader needs.
            } else {
                problems.add(new Problem(n, "not a CMX3600 line: '" + cut(line) + "'"));
            }
        }

        private void event(int n, String line) {
            String[] t = line.split("\\s+");
            if (t.length != 8 && t.length != 9) {
                problems.add(new Problem(
                        n,
                        "an event line has 8 or 9 fields (number, reel, channel, transition, [duration],"
                                + " 4 timecodes), this one has " + t.length));
                return;
            }
            Matcher tr = TRANSITION.matcher(t[3]);
            if (!tr.matches()) {
                problems.add(new Problem(n, "unknown transition '" + cut(t[3]) + "' (expected C, D, W or K)"));
                return;
            }
            int frames = 0;
            if (t.length == 9) {
                try {
                    frames = Integer.parseInt(t[4]);
                } catch (NumberFormatException e) {
                    problems.add(new Problem(n, "transition duration '" + cut(t[4]) + "' is not a frame count"));
                    return;
                }
            }
            Timecode[] tc = new Timecode[4];
            for (int i = 0; i < 4; i++) {
                String field = t[t.length - 4 + i];
                try {
                    tc[i] = Timecode.parse(field);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(n, "timecode " + (i + 1) + " of 4 " + e.getMessage()));
                    return;
                }
            }
            String kind = tr.group(1).toUpperCase(Locale.ROOT);
            Transition transition =
                    kind.equals("C") ? Transition.CUT : new Transition(kind.charAt(0), tr.group(2), frames);
            finish();
            current = new EventBuilder(n, t[0], t[1], t[2], transition, tc);
        }

        private void marker(int n, Matcher m) {
            if (current == null) {
                problems.add(new Problem(n, "a marker line before the first event"));
                return;
            }
            int frames;
            try {
                frames = Integer.parseInt(m.group(4));
            } catch (NumberFormatException e) {
                problems.add(new Problem(n, "marker duration |D:" + cut(m.group(4)) + " is too large"));
                return;
            }
            String colour = m.group(2) == null ? null : m.group(2).replaceFirst("(?i)^ResolveColor", "");
            String name = m.group(3) == null ? null : m.group(3).strip();
            current.markers.add(new Marker(
                    n,
                    current.tc[2],
                    m.group(1).strip(),
                    colour == null || colour.isEmpty() ? null : colour,
                    name,
                    Math.max(1, frames)));
        }

        private void speed(int n, String line) {
            String[] t = line.split("\\s+");
            if (current == null || t.length < 4) {
                problems.add(new Problem(n, current == null ? "an M2 line before the first event" : "short M2 line"));
                return;
            }
            try {
                current.speed = Double.parseDouble(t[t.length - 2]);
            } catch (NumberFormatException e) {
                problems.add(new Problem(n, "M2 speed '" + cut(t[t.length - 2]) + "' is not a number"));
            }
        }

        private void comment(int n, String body) {
            String upper = body.toUpperCase(Locale.ROOT);
            if (upper.startsWith("LOC:")) {
                locator(n, body);
                return;
            }
            if (current == null) {
                // Comments before the first event describe the list, not an event.
                return;
            }
            if (upper.startsWith("FROM CLIP NAME:")) {
                current.fromClip = body.substring(15).strip();
            } else if (upper.startsWith("TO CLIP NAME:")) {
                current.toClip = body.substring(13).strip();
            } else if (upper.startsWith("COMMENT:")) {
                current.comments.add(body.substring(8).strip());
            } else if (!body.isEmpty()) {
                current.comments.add(body);
            }
        }

        private void locator(int n, String body) {
            Matcher m = LOCATOR.matcher(body);
            if (!m.matches()) {
                problems.add(new Problem(n, "a locator needs a timecode: '" + cut(body) + "'"));
                return;
            }
            if (current == null) {
                problems.add(new Problem(n, "a locator before the first event"));
                return;
            }
            Timecode at;
            try {
                at = Timecode.parse(m.group(1));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(n, "locator " + e.getMessage()));
                return;
            }
            String word = m.group(2);
            String rest = m.group(3).strip();
            if (word != null && !isColourWord(word)) {
                rest = (word + " " + rest).strip();
                word = null;
            }
            current.locators.add(new Locator(n, at, word == null ? null : word.toUpperCase(Locale.ROOT), rest));
        }

        private void finish() {
            if (current != null) {
                events.add(current.build());
                current = null;
            }
        }

        EdlDocument document() {
            finish();
            return new EdlDocument(title, dropFrame, events, problems);
        }

        private static String cut(String s) {
            return s.length() <= 60 ? s : s.substring(0, 60) + "...";
        }
    }

    private static final class EventBuilder {
        final int line;
        final String number;
        final String reel;
        final String track;
        final Transition transition;
        final Timecode[] tc;
        String fromClip;
        String toClip;
        Double speed;
        final List<String> comments = new ArrayList<>();
        final List<Locator> locators = new ArrayList<>();
        final List<Marker> markers = new ArrayList<>();

        EventBuilder(int line, String number, String reel, String track, Transition transition, Timecode[] tc) {
            this.line = line;
            this.number = number;
            this.reel = reel;
            this.track = track;
            this.transition = transition;
            this.tc = tc;
        }

        Event build() {
            return new Event(
                    line,
                    number,
                    reel,
                    track,
                    transition,
                    tc[0],
                    tc[1],
                    tc[2],
                    tc[3],
                    fromClip,
                    toClip,
                    comments,
                    speed,
                    locators,
                    markers);
        }
    }
}
