package io.framewise.server.attachments;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Action;
import io.framewise.server.access.Resource;
import io.framewise.server.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/comments/{id}/attachments/{attachmentId}}: the file of a note's attachment (a PNG
 * picture), for whoever may see the note.
 */
public final class NoteAttachmentsRoutes implements Feature {

    public static final String PATH = "/api/comments/{id}/attachments/{attachmentId}";

    private final NoteAttachmentRepository attachments;
    private final AttachmentFiles files;
    private final Access access;

    public NoteAttachmentsRoutes(NoteAttachmentRepository attachments, AttachmentFiles files, Access access) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.files = Objects.requireNonNull(files, "files");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(PATH, this::get);
    }

    private void get(Context ctx) throws IOException {
        String noteId = ctx.pathParam("id");
        String id = ctx.pathParam("attachmentId");
        // The access filter asked the same; asked again here so the handler is safe on its own.
        access.permissions().require(access.caller(ctx), Action.NOTE_VIEW, new Resource.Note(noteId));
        NoteAttachment attachment = attachments
                .get(noteId, id)
                .orElseThrow(() -> new ApiException.NotFound(
                        "No attachment " + id + " on comment " + noteId, Map.of("attachment", id)));
        byte[] bytes;
        try {
            bytes = files.read(attachment.path());
        } catch (NoSuchFileException e) {
            throw new ApiException.Gone(
                    "The file of attachment " + id + " is missing from the data folder", Map.of("attachment", id));
        }
        // Access is checked per request: the browser keeps it privately but asks again each time.
        ctx.header("Cache-Control", "private, no-cache");
        ctx.contentType(attachment.contentType());
        ctx.result(bytes);
    }
}
