package io.framewise.server.notifications;

import java.time.Instant;

/**
 * A message to one user, shown in the app.
 *
 * @param subjectType what it is about ({@code asset}, {@code media}...), or null
 * @param source who posted it: an organizer's name
 * @param read when the user marked it read, or null
 */
public record Notification(
        String id,
        String userId,
        String text,
        String subjectType,
        String subjectId,
        String source,
        Instant created,
        Instant read) {}
