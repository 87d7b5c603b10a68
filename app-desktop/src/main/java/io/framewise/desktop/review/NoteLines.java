package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiModels.Note;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;

/**
 * The lines the note list shows about a note besides its text, worded like the web UI's note list:
 * who wrote it and when ("Ana · 05/12/2026, 09:40 · edited"), and who resolved its thread and when
 * ("Resolved by Ana · 05/12/2026, 10:02"). Times are shown short, in this computer's time zone.
 */
public final class NoteLines {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT);

    private NoteLines() {}

    /** The author's display name; for a note from a server that sends none, the web UI's stand-in. */
    public static String author(Note note) {
        return note.authorName() != null && !note.authorName().isBlank() ? note.authorName() : nameOf(note.authorId());
    }

    /** "Author · when", with " · edited" once the note was changed. */
    public static String byline(Note note, ZoneId zone) {
        return author(note) + " · " + when(note.created(), zone) + (note.edited() != null ? " · edited" : "");
    }

    /** "Resolved by Name · when" for a resolved thread; "" for an open one. */
    public static String resolution(NoteThread thread, ZoneId zone) {
        Note first = thread.first();
        if (!first.resolved()) {
            return "";
        }
        String by = thread.resolverName() != null ? thread.resolverName() : nameOf(first.resolvedBy());
        return "Resolved by " + by + (first.resolvedAt() == null ? "" : " · " + when(first.resolvedAt(), zone));
    }

    /** An ISO-8601 instant, short and local; what the server sent if it is not one. */
    public static String when(String instant, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        try {
            return WHEN.withZone(zone).format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** As the web UI names a user it has no name for. */
    static String nameOf(String userId) {
        if (userId == null || userId.isBlank()) {
            return "Someone";
        }
        return "User " + userId.substring(0, Math.min(6, userId.length()));
    }
}
