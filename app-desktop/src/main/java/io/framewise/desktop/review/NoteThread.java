package io.framewise.desktop.review;

import io.framewise.desktop.client.ApiModels.Note;
import java.util.List;

/**
 * A thread as shown: its first note (frame, range, drawing, resolved flag) and the replies.
 *
 * @param resolverName the name of who resolved it, when one of the media's notes is theirs; else null
 */
public record NoteThread(Note first, List<Note> replies, String resolverName) {

    public NoteThread {
        replies = List.copyOf(replies);
    }

    public NoteThread(Note first, List<Note> replies) {
        this(first, replies, null);
    }

    public long frame() {
        return first.frame();
    }

    /** The marker colour of the thread's note (from the server's palette), or null for none. */
    public String colour() {
        return first.colour();
    }

    public boolean resolved() {
        return first.resolved();
    }

    public boolean hasDrawing() {
        return first.drawing() != null && !first.drawing().isNull();
    }

    /** The pictures attached to the thread's first note (imported drawings), in order. */
    public List<io.framewise.desktop.client.ApiModels.Attachment> attachments() {
        return first.attachments();
    }

    /** Whether the thread is about {@code frame}: its frame, or inside its [frame, frameOut) range. */
    public boolean covers(long frame) {
        Long out = first.frameOut();
        return out == null ? frame == first.frame() : frame >= first.frame() && frame < out;
    }

    public boolean mentions(String words) {
        String w = words.toLowerCase(java.util.Locale.ROOT);
        return first.text().toLowerCase(java.util.Locale.ROOT).contains(w)
                || replies.stream()
                        .anyMatch(
                                r -> r.text().toLowerCase(java.util.Locale.ROOT).contains(w));
    }
}
