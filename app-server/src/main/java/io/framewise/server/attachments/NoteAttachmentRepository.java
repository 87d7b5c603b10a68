package io.framewise.server.attachments;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Note attachments. Rows go with their note (ON DELETE CASCADE). */
public interface NoteAttachmentRepository {

    void create(NoteAttachment attachment);

    /** The attachment {@code id} of note {@code noteId}, empty when either does not match. */
    Optional<NoteAttachment> get(String noteId, String id);

    /** The attachments of each of {@code noteIds} that has any, each list in creation order. */
    Map<String, List<NoteAttachment>> byNotes(Collection<String> noteIds);
}
