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
 */
public record NewNote(
        String mediaId, String parentId, long frame, Long frameOut, String text, Drawing drawing, String authorId) {

    public NewNote {
        Ids.require("mediaId", mediaId);
        Ids.optional("parentId", parentId);
        Note.checkFrames(frame, frameOut);
        Note.checkText(text, drawing);
        Ids.require("authorId", authorId);
    }
}
