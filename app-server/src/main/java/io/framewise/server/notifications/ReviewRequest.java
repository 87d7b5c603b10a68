package io.framewise.server.notifications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * "Please review this asset by then."
 *
 * @param due the last day (UTC) the review is due on; the day after, it is overdue
 * @param people who were asked, and whether each has answered (approved or asked for changes)
 */
public record ReviewRequest(
        String id,
        String assetId,
        String requestedBy,
        LocalDate due,
        String message,
        Instant created,
        List<Person> people) {

    /** @param done when they answered, or null while open */
    public record Person(String userId, Instant done) {}

    public boolean overdueOn(LocalDate today) {
        return today.isAfter(due);
    }
}
