package io.framewise.server.notifications;

import java.util.List;

/** Where users' notifications are kept. */
public interface NotificationRepository {

    /** One notification per user, in one transaction, stamped now. @return their ids, in the users' order */
    List<String> post(List<String> userIds, String text, String subjectType, String subjectId, String source);

    /** Stores one notification of the server's own (a mention, a reply...), stamped now. @return its id */
    String tell(Told told);

    java.util.Optional<Notification> get(String id);

    /** Whether the user has an unread notification of {@code kind} about the media item since then. */
    boolean unreadSince(String userId, String kind, String mediaId, long sinceMillis);

    /** Marks one of the user's notifications read (again: keeps the first time). @return whether it is theirs */
    boolean markRead(String userId, String id);

    /** The user's newest notifications first. */
    List<Notification> forUser(String userId, int limit);
}
