package io.framewise.server.notes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change to a note; fields left null stay as they are.
 *
 * @param text the new text (trimmed), or null
 * @param drawing the new drawing, a JSON null node to remove it, or Java null to leave it
 * @param resolved true to resolve, false to reopen, or null
 */
public record NoteEdit(String text, JsonNode drawing, Boolean resolved) {

    public NoteEdit {
        if (text == null && drawing == null && resolved == null) {
            throw new IllegalArgumentException("a note edit changes at least one of text, drawing, resolved");
        }
    }

    /** Whether only the resolution changes (announced as {@code resolved}, not {@code updated}). */
    boolean onlyResolution() {
        return text == null && drawing == null;
    }
}
