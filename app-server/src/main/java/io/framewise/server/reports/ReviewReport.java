package io.framewise.server.reports;

import io.framewise.server.notes.Drawing;
import java.util.List;

/**
 * What a review report says, gathered before any page is drawn: the title page's facts and the
 * note threads in frame order. Texts are as people wrote them; the PDF writer wraps and cleans them.
 *
 * @param generated the date and time the report was made, as printed
 * @param entries the threads' first notes in frame order, each with its replies
 */
record ReviewReport(
        String project,
        String asset,
        String version,
        String approval,
        String mediaName,
        String timing,
        String generated,
        int frameWidth,
        int frameHeight,
        List<Entry> entries) {

    ReviewReport {
        entries = List.copyOf(entries);
    }

    /**
     * One thread: its first note and its replies.
     *
     * @param number the thread's place in frame order, from 1
     * @param frameOut the exclusive end of a range note, or null for a frame note
     * @param timecode the note's first frame as timecode ("in – out" for a range)
     * @param drawing the note's drawing, burned into its still, or null
     */
    record Entry(
            int number,
            long frame,
            Long frameOut,
            String timecode,
            String author,
            String written,
            String text,
            boolean resolved,
            Drawing drawing,
            List<Reply> replies) {

        Entry {
            replies = List.copyOf(replies);
        }

        /** "Open" or "Resolved". */
        String status() {
            return resolved ? "Resolved" : "Open";
        }
    }

    /** A reply in a thread. */
    record Reply(String author, String written, String text) {}

    int openCount() {
        return (int) entries.stream().filter(e -> !e.resolved()).count();
    }

    int resolvedCount() {
        return entries.size() - openCount();
    }

    int replyCount() {
        return entries.stream().mapToInt(e -> e.replies().size()).sum();
    }
}
