package io.framewise.server.notes;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.framewise.server.attachments.NoteAttachmentView;
import java.util.List;

/**
 * A note as the REST API and note events show it. The drawing goes out as the JSON object it was
 * stored as (checked by {@link DrawingValidator} on the way in), not as a string; times are ISO-8601
 * UTC instants.
 *
 * @param parentId the thread's first note for a reply, {@code null} for a thread's first note
 * @param frameOut the exclusive end of the frame range, {@code null} for a single frame
 * @param drawing the drawing object, or {@code null}
 * @param guest whether a share link's guest wrote it ({@code authorName} is the name they gave,
 *     {@code authorId} {@code guest:} and their guest session)
 * @param attachments files that belong to the note (pictures such as an imported drawing), never null
 */
public record NoteView(
        String id,
        String mediaId,
        String parentId,
        long frame,
        Long frameOut,
        String text,
        @JsonRawValue String drawing,
        boolean resolved,
        String resolvedBy,
        String resolvedAt,
        String authorId,
        String authorName,
        String created,
        String edited,
        boolean guest,
        String colour,
        List<NoteAttachmentView> attachments) {

    public NoteView {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** This view with the note's attachments. */
    public NoteView withAttachments(List<NoteAttachmentView> list) {
        return new NoteView(
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
                authorName,
                created,
                edited,
                guest,
                colour,
                list);
    }

    /**
     * The view of a note.
     *
     * @param names the display name of a user id (the author's name is shown next to the note in
     *     every client, also to people who cannot list the project's members)
     */
    public static NoteView of(Note n, java.util.function.Function<String, String> names) {
        return new NoteView(
                n.id(),
                n.mediaId(),
                n.parentId(),
                n.frame(),
                n.frameOut(),
                n.text(),
                n.drawing() == null ? null : n.drawing().json(),
                n.resolved(),
                n.resolvedBy(),
                n.resolvedAt() == null ? null : n.resolvedAt().toString(),
                n.guest() == null ? n.authorId() : "guest:" + n.guest().id(),
                n.guest() == null ? names.apply(n.authorId()) : n.guest().name(),
                n.created().toString(),
                n.edited() == null ? null : n.edited().toString(),
                n.guest() != null,
                n.colour() == null ? null : n.colour().wire(),
                List.of());
    }
}
