package io.framewise.server.interchange.markers;

import io.framewise.model.notes.MarkerColour;
import java.util.List;
import java.util.Objects;

/**
 * One review note as the marker exporters see it: a thread's first note with its replies folded
 * in, independent of how notes are stored, so each format is a pure function of these records.
 *
 * @param frame the 0-based frame the note is on
 * @param frameOut the exclusive end of a range note, {@code null} for a single frame
 * @param colour the note's marker colour, {@code null} for the tool's default
 * @param author the author's display name (never null; "" when unknown)
 * @param text the note's text
 * @param resolved whether the thread is resolved
 * @param replies the thread's replies, oldest first
 */
public record MarkerNote(
        long frame,
        Long frameOut,
        MarkerColour colour,
        String author,
        String text,
        boolean resolved,
        List<Reply> replies) {

    /** A reply in the note's thread. */
    public record Reply(String author, String text) {
        public Reply {
            author = author == null ? "" : author;
            text = text == null ? "" : text;
        }
    }

    public MarkerNote {
        if (frame < 0) {
            throw new IllegalArgumentException("frame must not be negative, got " + frame);
        }
        if (frameOut != null && frameOut <= frame) {
            throw new IllegalArgumentException("frameOut must be greater than frame (" + frame + "), got " + frameOut);
        }
        author = author == null ? "" : author;
        text = text == null ? "" : text;
        replies = List.copyOf(Objects.requireNonNull(replies, "replies"));
    }

    /** Frames the marker covers: 1 for a frame note, the range's length for a range note. */
    public long durationFrames() {
        return frameOut == null ? 1 : frameOut - frame;
    }

    /** Whether the note covers a range rather than a single frame. */
    public boolean isRange() {
        return frameOut != null;
    }

    /** The last frame the note covers (inclusive). */
    public long lastFrame() {
        return frameOut == null ? frame : frameOut - 1;
    }
}
