package io.framewise.server.attachments;

import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import java.time.Instant;
import java.util.Objects;

/**
 * A file that belongs to a note: today a picture, such as a reviewer's drawing another review tool
 * stored as a flattened transparent image. The file lies in the data folder at {@code path}.
 *
 * @param overlay whether clients lay it over the note's frame (a drawing) as well as showing it
 *     under the note
 * @param width its width in pixels, or {@code null} when not a picture
 * @param height its height in pixels, or {@code null} when not a picture
 */
public record NoteAttachment(
        String id,
        String noteId,
        String contentType,
        String path,
        long sizeBytes,
        Integer width,
        Integer height,
        boolean overlay,
        Instant created) {

    public NoteAttachment {
        Ids.require("id", id);
        Ids.require("noteId", noteId);
        Require.text("contentType", contentType, 100);
        Require.text("path", path, 1024);
        Require.range("sizeBytes", sizeBytes, 0, Long.MAX_VALUE);
        Objects.requireNonNull(created, "created");
    }
}
