package io.framewise.server.notes;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.notes.MarkerColour;
import java.util.Optional;

/**
 * A change to a note; fields left null stay as they are.
 *
 * @param text the new text (trimmed), or null
 * @param drawing the new drawing, a JSON null node to remove it, or Java null to leave it
 * @param resolved true to resolve, false to reopen, or null
 * @param colour the new marker colour, empty to remove it, or null to leave it
 */
public record NoteEdit(String text, JsonNode drawing, Boolean resolved, Optional<MarkerColour> colour) {

    /** An edit that leaves the colour as it is. */
    public NoteEdit(String text, JsonNode drawing, Boolean resolved) {
        this(text, drawing, resolved, null);
    }

    public NoteEdit {
        if (text == null && drawing == null && resolved == null && colour == null) {
            throw new IllegalArgumentException("a note edit changes at least one of text, drawing, resolved, colour");
        }
    }

    /** Whether only the resolution changes (announced as {@code resolved}, not {@code updated}). */
    boolean onlyResolution() {
        return text == null && drawing == null && colour == null;
    }
}
