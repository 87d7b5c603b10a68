package io.framewise.server.interchange.imports;

import io.framewise.model.notes.MarkerColour;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import io.framewise.server.interchange.imports.XmlTree.Element;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The notes of an FCPXML file (Final Cut Pro X, 1.8 and later): the {@code <marker>}s and {@code
 * <chapter-marker>}s in each project's sequence. A compound clip's own sequence (under {@code
 * <resources>}) is not the project's timeline and is not read.
 *
 * <p>A marker's {@code start} is in its parent clip's local time; the parent's {@code offset} is in
 * its own parent's time, so a position climbs to the sequence as {@code offset + (t - start)} at
 * each level (a secondary storyline's spine counts from 0 at its offset). Titles and generators are the exception Final Cut writes: their
 * local timeline begins at 01:00:00:00 whatever their {@code start} says, so a marker outside
 * {@code [start, start + duration]} is counted from that hour. Colours follow Final Cut's: a standard
 * marker blue, a to-do red (green once completed), a chapter orange.
 */
final class FcpxmlMarkers {

    private FcpxmlMarkers() {}

    static MarkerFile read(Element root) {
        Map<String, Element> formats = new HashMap<>();
        root.child("resources").ifPresent(r -> r.all("format").forEach(f -> formats.put(f.attr("id"), f)));
        List<FoundNote> notes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Element project : projects(root)) {
            project.child("sequence").ifPresent(seq -> sequence(seq, formats, notes, skipped));
        }
        return new MarkerFile("fcpxml", notes, skipped);
    }

    private static List<Element> projects(Element root) {
        List<Element> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Element e, List<Element> found) {
        for (Element c : e.children()) {
            if (c.name().equals("project")) {
                found.add(c);
            } else if (c.name().equals("library") || c.name().equals("event")) {
                collect(c, found);
            }
        }
    }

    private static void sequence(
            Element seq, Map<String, Element> formats, List<FoundNote> notes, List<Skipped> skipped) {
        Element format = formats.get(seq.attr("format"));
        FrameRate rate;
        double frameDuration;
        try {
            if (format == null || format.attr("frameDuration") == null) {
                throw new IllegalArgumentException("the sequence's format has no frameDuration");
            }
            long[] fd = rational(format.attr("frameDuration"));
            rate = FrameRate.of(Math.toIntExact(fd[1]), Math.toIntExact(fd[0]));
            frameDuration = (double) fd[0] / fd[1];
        } catch (IllegalArgumentException | ArithmeticException e) {
            skipped.add(new Skipped(seq.line(), "sequence: " + e.getMessage()));
            return;
        }
        boolean drop = "DF".equals(seq.attr("tcFormat")) && rate.supportsDropFrame();
        Context ctx = new Context(rate, frameDuration, drop, notes, skipped);
        seq.child("spine").ifPresent(spine -> walk(spine, t -> t, ctx));
    }

    private record Context(
            FrameRate rate, double frameDuration, boolean drop, List<FoundNote> notes, List<Skipped> skipped) {

        /** Where a title's own timeline begins: one hour of labels. */
        double titleOrigin() {
            return 3600.0 * rate.timecodeBase() * frameDuration;
        }
    }

    private static void walk(Element parent, DoubleUnaryOperator toSequence, Context ctx) {
        for (Element c : parent.children()) {
            try {
                if (c.name().equals("marker") || c.name().equals("chapter-marker")) {
                    marker(c, toSequence, ctx);
                } else if (c.attr("offset") == null) {
                    walk(c, toSequence, ctx);
                } else {
                    double offset = seconds(c.attr("offset"));
                    double start = c.attr("start") == null ? 0 : seconds(c.attr("start"));
                    double duration = c.attr("duration") == null ? 0 : seconds(c.attr("duration"));
                    boolean generator = c.name().equals("title");
                    double origin = generator ? ctx.titleOrigin() : start;
                    DoubleUnaryOperator map = t -> {
                        boolean inside = t >= start - 1e-9 && t <= start + duration + 1e-9;
                        return toSequence.applyAsDouble(offset + (t - (generator && !inside ? origin : start)));
                    };
                    walk(c, map, ctx);
                }
            } catch (IllegalArgumentException e) {
                ctx.skipped().add(new Skipped(c.line(), c.name() + ": " + e.getMessage()));
            }
        }
    }

    private static void marker(Element m, DoubleUnaryOperator toSequence, Context ctx) {
        double at = toSequence.applyAsDouble(seconds(required(m, "start")));
        long frame = Math.round(at / ctx.frameDuration());
        long frames = m.attr("duration") == null ? 0 : Math.round(seconds(m.attr("duration")) / ctx.frameDuration());
        MarkerColour colour;
        if (m.name().equals("chapter-marker")) {
            colour = MarkerColour.ORANGE;
        } else if (m.attr("completed") == null) {
            colour = MarkerColour.BLUE;
        } else {
            colour = "1".equals(m.attr("completed")) ? MarkerColour.GREEN : MarkerColour.RED;
        }
        ctx.notes()
                .add(FoundNote.counted(
                        m.line(),
                        Timecode.fromFrameCount(frame, ctx.rate(), ctx.drop()),
                        frames,
                        colour,
                        Texts.nameAndNote(m.attr("value"), m.attr("note"))));
    }

    private static String required(Element e, String attr) {
        String v = e.attr(attr);
        if (v == null) {
            throw new IllegalArgumentException("no " + attr + " attribute");
        }
        return v;
    }

    /** "1001/30000s" or "3600s" in seconds. */
    static double seconds(String time) {
        long[] r = rational(time);
        return (double) r[0] / r[1];
    }

    private static long[] rational(String time) {
        String t = time.strip();
        if (!t.endsWith("s")) {
            throw new IllegalArgumentException("time '" + cut(t) + "' is not a number of seconds (like 1001/30000s)");
        }
        t = t.substring(0, t.length() - 1);
        try {
            int slash = t.indexOf('/');
            long num = Long.parseLong(slash < 0 ? t : t.substring(0, slash));
            long den = slash < 0 ? 1 : Long.parseLong(t.substring(slash + 1));
            if (den <= 0) {
                throw new IllegalArgumentException("time '" + cut(time) + "' divides by " + den);
            }
            return new long[] {num, den};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time '" + cut(time) + "' is not a number of seconds");
        }
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
