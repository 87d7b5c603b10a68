package io.framewise.server.audit;

import java.time.Instant;

/**
 * Which audit entries to list or export; every part is optional (null matches everything).
 *
 * @param from the earliest time, inclusive
 * @param to the latest time, exclusive
 * @param user an actor id or an actor name, matched exactly
 * @param action an action, matched exactly ({@code login.failure})
 */
public record AuditFilter(Instant from, Instant to, String user, String action) {

    public AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "the audit time range is empty: from " + from + " is not before to " + to);
        }
        user = blankToNull(user);
        action = blankToNull(action);
    }

    /** Every entry. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null);
    }

    /** Entries at or after {@code from} and before {@code to} (either may be null). */
    public AuditFilter between(Instant from, Instant to) {
        return new AuditFilter(from, to, user, action);
    }

    /** Entries by the user with this id or name. */
    public AuditFilter user(String user) {
        return new AuditFilter(from, to, user, action);
    }

    /** Entries with this action. */
    public AuditFilter action(String action) {
        return new AuditFilter(from, to, user, action);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
