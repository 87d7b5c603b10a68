package io.framewise.server.notifications;

import java.time.Instant;

/**
 * A message to one user, shown in the app.
 *
 * @param kind what it tells of: a {@link NotificationKind}'s wire name, or {@code organizer} for
 *     messages organizer plugins post
 * @param subjectType what it is about ({@code asset}, {@code media}...), or null
 * @param source who posted it: an organizer's name, or {@code framewise}
 * @param mediaId the media item it points at, or null
 * @param assetId the asset it points at, or null
 * @param frame the frame it points at, or null
 * @param read when the user marked it read, or null
 */
public record Notification(
        String id,
        String userId,
        String kind,
        String text,
        String subjectType,
        String subjectId,
        String source,
        String mediaId,
        String assetId,
        Long frame,
        Instant created,
        Instant read) {

    /** What organizer plugins post. */
    public static final String ORGANIZER = "organizer";
}
