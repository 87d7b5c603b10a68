package io.framewise.server.interchange.imports;

import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import io.framewise.server.interchange.imports.XmlTree.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The notes of a Final Cut Pro 7 XML (xmeml) file, as Premiere and FCP 7 write it: the markers of
 * each top-level sequence, at the sequence's timecode ({@code <timecode><frame>}) plus the marker's
 * {@code <in>}, in the sequence's rate ({@code <timebase>}, {@code <ntsc>}); {@code <out>} makes
 * it a range. Markers on clips are in the clip's own source time, not the sequence's, and are
 * listed as skipped.
 */
final class Fcp7Markers {

    private static final Set<String> CLIP_HOLDERS = Set.of("clipitem", "clip", "file", "generatoritem");

    private Fcp7Markers() {}

    static MarkerFile read(Element root) {
        List<FoundNote> notes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        walk(root, false, notes, skipped);
        return new MarkerFile("fcp7xml", notes, skipped);
    }

    private static void walk(Element e, boolean inClip, List<FoundNote> notes, List<Skipped> skipped) {
        if (e.name().equals("sequence") && !inClip) {
            sequence(e, notes, skipped);
            for (Element c : e.children()) {
                if (!c.name().equals("marker")) {
                    walk(c, true, notes, skipped);
                }
            }
            return;
        }
        if (e.name().equals("marker")) {
            skipped.add(new Skipped(
                    e.line(), "a clip marker (in the clip's own time, not the sequence's) is not imported"));
            return;
        }
        boolean nowInClip = inClip || CLIP_HOLDERS.contains(e.name());
        for (Element c : e.children()) {
            walk(c, nowInClip, notes, skipped);
        }
    }

    private static void sequence(Element seq, List<FoundNote> notes, List<Skipped> skipped) {
        List<Element> markers = seq.all("marker");
        if (markers.isEmpty()) {
            return;
        }
        FrameRate rate;
        long start;
        boolean drop;
        try {
            Element rateEl =
                    seq.child("rate").orElseThrow(() -> new IllegalArgumentException("the sequence has no <rate>"));
            rate = rate(rateEl);
            Element tc = seq.child("timecode").orElse(null);
            start = tc == null || tc.childText("frame").isEmpty() ? 0 : Long.parseLong(tc.childText("frame"));
            drop = tc != null
                    && tc.childText("displayformat").toUpperCase(Locale.ROOT).equals("DF");
            if (drop && !rate.supportsDropFrame()) {
                drop = false;
            }
        } catch (IllegalArgumentException e) {
            for (Element m : markers) {
                skipped.add(new Skipped(m.line(), "the sequence's rate or timecode cannot be read: " + e.getMessage()));
            }
            return;
        }
        for (Element m : markers) {
            try {
                long in = Long.parseLong(m.childText("in"));
                String outText = m.childText("out");
                long out = outText.isEmpty() ? -1 : Long.parseLong(outText);
                if (in < 0) {
                    throw new IllegalArgumentException("<in> is negative");
                }
                Timecode at = Timecode.fromFrameCount(start + in, rate, drop);
                notes.add(FoundNote.counted(
                        m.line(),
                        at,
                        out > in ? out - in : 0,
                        ColourNames.of(colour(m)).orElse(null),
                        Texts.nameAndNote(m.childText("name"), m.childText("comment"))));
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(m.line(), "marker: " + e.getMessage()));
            }
        }
    }

    private static String colour(Element marker) {
        // Premiere writes no colour; later exports carry <color> or a pproColor value.
        return marker.child("color").map(c -> c.text().toString().strip()).orElse(null);
    }

    /** {@code <timebase>30</timebase><ntsc>TRUE</ntsc>} is 30000/1001. */
    static FrameRate rate(Element rate) {
        int base = Integer.parseInt(rate.childText("timebase"));
        boolean ntsc = rate.childText("ntsc").equalsIgnoreCase("TRUE");
        return ntsc ? FrameRate.of(base * 1000, 1001) : FrameRate.of(base, 1);
    }
}
