package io.framewise.server.attachments;

/**
 * An attachment as the notes API shows it inside a note ({@code attachments} of the note JSON).
 *
 * @param url where the file is read, relative to the server (reading needs the right to see the note)
 */
public record NoteAttachmentView(
        String id,
        String kind,
        String contentType,
        long sizeBytes,
        Integer width,
        Integer height,
        boolean overlay,
        String url) {

    public static NoteAttachmentView of(NoteAttachment a) {
        return new NoteAttachmentView(
                a.id(),
                "image",
                a.contentType(),
                a.sizeBytes(),
                a.width(),
                a.height(),
                a.overlay(),
                "/api/comments/" + a.noteId() + "/attachments/" + a.id());
    }
}
