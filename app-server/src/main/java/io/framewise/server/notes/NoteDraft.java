package io.framewise.server.notes;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.notes.MarkerColour;
import java.util.Objects;

/**
 * What a client asks to write as a new note or reply; {@link NoteService#create} checks it against
 * the media item and the thread.
 *
 * @param text trimmed, 1 to {@link Note#MAX_TEXT} characters
 * @param frame the first frame, or null for a reply (which takes its thread's)
 * @param frameOut the exclusive end of the range, or null
 * @param parentId any note of the thread a reply answers, or null for a new thread
 * @param drawing the drawing as the client sent it (checked by {@link DrawingValidator}), or null
 * @param colour the marker colour, or null
 */
public record NoteDraft(
        String text, Long frame, Long frameOut, String parentId, JsonNode drawing, MarkerColour colour) {

    /** A draft without a marker colour. */
    public NoteDraft(String text, Long frame, Long frameOut, String parentId, JsonNode drawing) {
        this(text, frame, frameOut, parentId, drawing, null);
    }

    public NoteDraft {
        Objects.requireNonNull(text, "text");
    }
}
