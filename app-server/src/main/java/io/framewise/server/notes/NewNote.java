package io.framewise.server.notes;

import io.framewise.model.notes.MarkerColour;
import io.framewise.server.db.Ids;

/**
 * A note about to be written.
 *
 * @param parentId the note this replies to, on the same media item, or {@code null}
 * @param frame the first frame it is about, from 0
 * @param frameOut the end of its range (exclusive, greater than {@code frame}), or {@code null}
 *     for a single frame
 * @param text up to {@link Note#MAX_TEXT} characters; may be blank only with a drawing
 * @param drawing the drawing on the frame, or {@code null}
 * @param guest the share link guest writing it (filed under {@code authorId}, the link's creator), or
 *     {@code null}
 * @param colour the marker colour, or {@code null}
 * @param importKey what identifies a note read from an interchange file on this media item (a second
 *     import of the same file finds it), or {@code null} for a note written by hand
 */
public record NewNote(
        String mediaId,
        String parentId,
        long frame,
        Long frameOut,
        String text,
        Drawing drawing,
        String authorId,
        Note.GuestAuthor guest,
        MarkerColour colour,
        String importKey) {

    /** A note without colour or import key, by an account or a share link's guest. */
    public NewNote(
            String mediaId,
            String parentId,
            long frame,
            Long frameOut,
            String text,
            Drawing drawing,
            String authorId,
            Note.GuestAuthor guest) {
        this(mediaId, parentId, frame, frameOut, text, drawing, authorId, guest, null, null);
    }

    /** A note by an account. */
    public NewNote(
            String mediaId, String parentId, long frame, Long frameOut, String text, Drawing drawing, String authorId) {
        this(mediaId, parentId, frame, frameOut, text, drawing, authorId, null);
    }

    public NewNote {
        Ids.require("mediaId", mediaId);
        Ids.optional("parentId", parentId);
        Note.checkFrames(frame, frameOut);
        Note.checkText(text, drawing);
        Ids.require("authorId", authorId);
        if (importKey != null && (importKey.isBlank() || importKey.length() > 128)) {
            throw new IllegalArgumentException("importKey must be 1 to 128 characters");
        }
    }
}
