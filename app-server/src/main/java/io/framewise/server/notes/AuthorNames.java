package io.framewise.server.notes;

import io.framewise.server.users.UserRepository;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Display names of note authors by user id, shown next to every note, also to people who cannot
 * list the project's members. Names change rarely and a stale one is harmless for a while, so they
 * are kept; the whole cache is dropped when it grows large.
 */
final class AuthorNames {

    private static final int MAX_KEPT = 10_000;

    private final UserRepository users;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    AuthorNames(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /** The author's display name, or null for an account that no longer exists. */
    String of(String userId) {
        if (names.size() > MAX_KEPT) {
            names.clear();
        }
        return names.computeIfAbsent(
                userId, id -> users.get(id).map(u -> u.displayName()).orElse(null));
    }
}
