package io.framewise.organizer.sdk;

import java.time.Instant;

/**
 * A note on a frame or the frame range [frame, frameOut).
 *
 * @param parentId the note replied to, empty for a top-level note
 * @param frameOut 0 when the note is on one frame
 */
public record NoteInfo(
        String id,
        String mediaId,
        String parentId,
        long frame,
        long frameOut,
        String text,
        String authorUserId,
        boolean resolved,
        Instant created) {}
