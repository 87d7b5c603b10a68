package io.framewise.server.notifications;

import io.framewise.server.auth.AccountRepository;
import java.util.List;
import java.util.Objects;

/**
 * Messages to users, shown in the app: organizers post them, each user reads and marks their own.
 * Bad input throws {@link IllegalArgumentException} naming the problem, before anything is stored.
 */
public final class NotificationService {

    static final int MAX_TEXT = 1000;
    static final int MAX_USERS = 1000;

    private final NotificationRepository repository;
    private final AccountRepository accounts;

    public NotificationService(NotificationRepository repository, AccountRepository accounts) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * Posts {@code text} to each of {@code userIds} (duplicates once), all or none.
     *
     * @param subjectType what it is about ({@code asset}, {@code media}...), or null with {@code subjectId}
     * @param source who posts it: an organizer's name
     * @return the new notifications' ids, in the users' order
     */
    public List<String> post(List<String> userIds, String text, String subjectType, String subjectId, String source) {
        String body = text.strip();
        if (body.isEmpty() || body.length() > MAX_TEXT) {
            throw new IllegalArgumentException("text must be 1 to " + MAX_TEXT + " characters");
        }
        if (userIds.isEmpty() || userIds.size() > MAX_USERS) {
            throw new IllegalArgumentException("name 1 to " + MAX_USERS + " users to notify");
        }
        List<String> users = userIds.stream().distinct().toList();
        for (String id : users) {
            if (accounts.get(id).isEmpty()) {
                throw new IllegalArgumentException("no such user: " + id);
            }
        }
        return repository.post(users, body, subjectType, subjectId, source);
    }

    /** The user's newest notifications first, at most {@code limit}. */
    public List<Notification> forUser(String userId, int limit) {
        return repository.forUser(userId, limit);
    }

    /** Marks one of the user's notifications read (again: keeps the first time). @return whether it is theirs */
    public boolean markRead(String userId, String id) {
        return repository.markRead(userId, id);
    }
}
