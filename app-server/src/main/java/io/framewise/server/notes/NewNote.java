package io.framewise.server.notes;

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
 */
public record NewNote(
        String mediaId,
        String parentId,
        long frame,
        Long frameOut,
        String text,
        Drawing drawing,
        String authorId,
        Note.GuestAuthor guest) {

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
    }
}
