package io.framewise.server.notes;

import io.framewise.model.notes.MarkerColour;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;

/**
 * A review note on a frame or on the frame range {@code [frame, frameOut)}.
 *
 * @param parentId the note this replies to, or {@code null} for a thread's first note
 * @param frameOut the exclusive end of the range, or {@code null} for a single frame
 * @param drawing the vector drawing, or {@code null}
 * @param resolvedBy who resolved it, {@code null} while open
 * @param resolvedAt when it was resolved, {@code null} while open
 * @param edited when its text or drawing last changed, {@code null} if never
 * @param guest the share link guest who wrote it, or {@code null} for a note by its author's account
 * @param colour its marker colour, or {@code null} for the default
 */
public record Note(
        String id,
        String mediaId,
        String parentId,
        long frame,
        Long frameOut,
        String text,
        Drawing drawing,
        boolean resolved,
        String resolvedBy,
        Instant resolvedAt,
        String authorId,
        Instant created,
        Instant edited,
        GuestAuthor guest,
        MarkerColour colour) {

    /** A note without a marker colour. */
    public Note(
            String id,
            String mediaId,
            String parentId,
            long frame,
            Long frameOut,
            String text,
            Drawing drawing,
            boolean resolved,
            String resolvedBy,
            Instant resolvedAt,
            String authorId,
            Instant created,
            Instant edited,
            GuestAuthor guest) {
        this(
                id,
                mediaId,
                parentId,
                frame,
                frameOut,
                text,
                drawing,
                resolved,
                resolvedBy,
                resolvedAt,
                authorId,
                created,
                edited,
                guest,
                null);
    }

    /**
     * A share link's guest who wrote a note: it is filed under the link creator's account
     * ({@code authorId}), but shown as the guest's.
     */
    public record GuestAuthor(String id, String name) {
        public GuestAuthor {
            Ids.require("guest id", id);
            Require.text("guest name", name, 200);
        }
    }

    /** The longest note text. */
    public static final int MAX_TEXT = 10_000;

    public Note {
        Ids.require("id", id);
        Ids.require("mediaId", mediaId);
        Ids.optional("parentId", parentId);
        checkFrames(frame, frameOut);
        checkText(text, drawing);
        Ids.optional("resolvedBy", resolvedBy);
        Ids.require("authorId", authorId);
        Require.present("created", created);
    }

    /** This note with new text, edited at {@code at}. */
    public Note withText(String newText, Instant at) {
        return new Note(
                id,
                mediaId,
                parentId,
                frame,
                frameOut,
                newText,
                drawing,
                resolved,
                resolvedBy,
                resolvedAt,
                authorId,
                created,
                at,
                guest,
                colour);
    }

    /** This note with a new drawing (or none), edited at {@code at}. */
    public Note withDrawing(Drawing newDrawing, Instant at) {
        return new Note(
                id,
                mediaId,
                parentId,
                frame,
                frameOut,
                text,
                newDrawing,
                resolved,
                resolvedBy,
                resolvedAt,
                authorId,
                created,
                at,
                guest,
                colour);
    }

    /** This note resolved by {@code by} at {@code at}, or reopened when {@code by} is null. */
    public Note withResolution(String by, Instant at) {
        boolean nowResolved = by != null;
        return new Note(
                id,
                mediaId,
                parentId,
                frame,
                frameOut,
                text,
                drawing,
                nowResolved,
                by,
                nowResolved ? at : null,
                authorId,
                created,
                edited,
                guest,
                colour);
    }

    /** This note with another marker colour (or none), edited at {@code at}. */
    public Note withColour(MarkerColour newColour, Instant at) {
        return new Note(
                id,
                mediaId,
                parentId,
                frame,
                frameOut,
                text,
                drawing,
                resolved,
                resolvedBy,
                resolvedAt,
                authorId,
                created,
                at,
                guest,
                newColour);
    }

    static void checkFrames(long frame, Long frameOut) {
        Require.range("frame", frame, 0, Long.MAX_VALUE - 1);
        if (frameOut != null && frameOut <= frame) {
            throw new IllegalArgumentException("frameOut must be greater than frame (" + frame + "), got " + frameOut);
        }
    }

    static void checkText(String text, Drawing drawing) {
        Require.maxLength("text", text, MAX_TEXT);
        if (text.isBlank() && drawing == null) {
            throw new IllegalArgumentException("text must not be empty when there is no drawing");
        }
    }
}
