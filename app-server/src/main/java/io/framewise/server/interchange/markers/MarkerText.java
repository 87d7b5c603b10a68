package io.framewise.server.interchange.markers;

import java.util.ArrayList;
import java.util.List;

/**
 * How a note's words go into a marker. Most formats have one comment per marker and read it as a
 * single line, so replies are folded into it ("text // Bob: reply") and line breaks become spaces;
 * formats without a status field say "[resolved]" in front, so a resolved note is still told apart
 * after the round trip through an editing application.
 */
final class MarkerText {

    static final String REPLY_SEPARATOR = " // ";
    static final String RESOLVED = "[resolved] ";

    private MarkerText() {}

    /** The note's text and its replies on one line. */
    static String comment(MarkerNote note) {
        List<String> parts = new ArrayList<>();
        parts.add(note.text());
        for (MarkerNote.Reply r : note.replies()) {
            parts.add(r.author().isEmpty() ? r.text() : r.author() + ": " + r.text());
        }
        return oneLine(String.join(REPLY_SEPARATOR, parts));
    }

    /** As {@link #comment}, with the status in front when resolved. */
    static String commentWithStatus(MarkerNote note) {
        return (note.resolved() ? RESOLVED : "") + comment(note);
    }

    /** The marker's name: who wrote the note ("Note" when unknown). */
    static String name(MarkerNote note) {
        String author = oneLine(note.author());
        return author.isEmpty() ? "Note" : author;
    }

    /**
     * Line breaks, tabs and other control characters become single spaces, and runs of blanks
     * collapse: each format's fields are one line, and several are tab-separated.
     */
    static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean blank = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean isBlank = Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (isBlank) {
                if (!blank && sb.length() > 0) {
                    sb.append(' ');
                }
                blank = true;
            } else {
                sb.append(c);
                blank = false;
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }
}
