package io.framewise.server.notifications;

import java.util.Objects;

/**
 * One thing to tell one person.
 *
 * @param actorId who caused it (a note's author), or null
 * @param text the in-app line, also the mail's first sentence
 * @param mediaId the media item it points at, or null
 * @param assetId the asset it points at, or null
 * @param frame the frame it points at (a note's), or null
 * @param noteId the note it is about (its still goes into the mail), or null
 * @param subjectType what the in-app entry is about ({@code note}, {@code asset}, {@code media}, {@code share})
 * @param subjectId that subject's id
 */
public record Told(
        NotificationKind kind,
        String userId,
        String actorId,
        String text,
        String mediaId,
        String assetId,
        Long frame,
        String noteId,
        String subjectType,
        String subjectId) {

    public Told {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(text, "text");
        if (text.length() > NotificationService.MAX_TEXT) {
            text = text.substring(0, NotificationService.MAX_TEXT - 1) + "…";
        }
    }
}
