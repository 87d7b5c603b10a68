package io.framewise.server.interchange.imports;

import io.framewise.model.interchange.EdlDocument;
import io.framewise.model.interchange.EdlDocument.Event;
import io.framewise.model.interchange.EdlDocument.Locator;
import io.framewise.model.interchange.EdlDocument.Marker;
import java.util.ArrayList;
import java.util.List;

/**
 * The notes of a CMX3600 list (ADR 0039): one frame note per Avid locator ({@code * LOC:}, at its
 * record-side timecode, its colour, the text after the colour) and one range note per Resolve
 * marker line (at its event's record in, {@code |D:} frames long, its colour; the text is the note,
 * with the marker's {@code |M:} name in front when it has one). Only when asked for events does
 * each edit become a range note as well (record in to record out; the clip name and comments as
 * text), because a cut list's edits are the edit, not remarks about it.
 */
final class EdlMarkers {

    private EdlMarkers() {}

    static MarkerFile read(EdlDocument edl, boolean events) {
        List<FoundNote> notes = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        edl.problems().forEach(p -> skipped.add(new Skipped(p.line(), p.reason())));
        for (Event e : edl.events()) {
            for (Locator l : e.locators()) {
                notes.add(new FoundNote(
                        l.line(), l.at(), 0, ColourNames.of(l.colour()).orElse(null), l.text()));
            }
            for (Marker m : e.markers()) {
                notes.add(new FoundNote(
                        m.line(), m.at(), m.frames(), ColourNames.of(m.colour()).orElse(null), markerText(m)));
            }
            if (events) {
                event(e, notes);
            }
        }
        return new MarkerFile("cmx3600", notes, skipped);
    }

    static String markerText(Marker m) {
        String name = m.name() == null ? "" : m.name();
        if (name.isEmpty() || name.equals(m.note())) {
            return m.note();
        }
        return m.note().isEmpty() ? name : name + ": " + m.note();
    }

    private static void event(Event e, List<FoundNote> notes) {
        if (e.recordIn().equals(e.recordOut())) {
            // The zero-length 'from' line of a dissolve or wipe: the next line is the event.
            return;
        }
        StringBuilder text = new StringBuilder();
        text.append(e.fromClip() != null ? e.fromClip() : e.reel());
        if (e.toClip() != null) {
            text.append(" > ").append(e.toClip());
        }
        for (String c : e.comments()) {
            text.append('\n').append(c);
        }
        notes.add(new FoundNote(e.line(), e.recordIn(), 0, e.recordOut(), null, text.toString()));
    }
}
