package io.framewise.server.attachments;

import static io.framewise.server.db.generated.Tables.NOTE_ATTACHMENTS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.NoteAttachmentsRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link NoteAttachmentRepository} on the {@code note_attachments} table. */
public final class JooqNoteAttachmentRepository implements NoteAttachmentRepository {

    private final Database db;

    public JooqNoteAttachmentRepository(Database db) {
        this.db = db;
    }

    @Override
    public void create(NoteAttachment a) {
        db.write(ctx -> ctx.insertInto(NOTE_ATTACHMENTS)
                .set(NOTE_ATTACHMENTS.ID, a.id())
                .set(NOTE_ATTACHMENTS.NOTE_ID, a.noteId())
                .set(NOTE_ATTACHMENTS.KIND, "image")
                .set(NOTE_ATTACHMENTS.CONTENT_TYPE, a.contentType())
                .set(NOTE_ATTACHMENTS.PATH, a.path())
                .set(NOTE_ATTACHMENTS.SIZE_BYTES, a.sizeBytes())
                .set(NOTE_ATTACHMENTS.WIDTH, a.width())
                .set(NOTE_ATTACHMENTS.HEIGHT, a.height())
                .set(NOTE_ATTACHMENTS.OVERLAY, a.overlay())
                .set(NOTE_ATTACHMENTS.CREATED_AT, a.created().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<NoteAttachment> get(String noteId, String id) {
        if (!Ids.isValid(noteId) || !Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.selectFrom(NOTE_ATTACHMENTS)
                .where(NOTE_ATTACHMENTS.ID.eq(id).and(NOTE_ATTACHMENTS.NOTE_ID.eq(noteId)))
                .fetchOptional(JooqNoteAttachmentRepository::toAttachment));
    }

    @Override
    public Map<String, List<NoteAttachment>> byNotes(Collection<String> noteIds) {
        if (noteIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<NoteAttachment>> out = new LinkedHashMap<>();
        // Chunked: SQLite limits the number of bound parameters of one statement.
        List<String> ids = List.copyOf(noteIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            db.read(ctx -> ctx.selectFrom(NOTE_ATTACHMENTS)
                            .where(NOTE_ATTACHMENTS.NOTE_ID.in(chunk))
                            .orderBy(NOTE_ATTACHMENTS.NOTE_ID, NOTE_ATTACHMENTS.CREATED_AT, NOTE_ATTACHMENTS.ID)
                            .fetch(JooqNoteAttachmentRepository::toAttachment))
                    .forEach(a -> out.computeIfAbsent(a.noteId(), k -> new java.util.ArrayList<>())
                            .add(a));
        }
        return out;
    }

    private static NoteAttachment toAttachment(NoteAttachmentsRecord r) {
        return new NoteAttachment(
                r.getId(),
                r.getNoteId(),
                r.getContentType(),
                r.getPath(),
                r.getSizeBytes(),
                r.getWidth(),
                r.getHeight(),
                Boolean.TRUE.equals(r.getOverlay()),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }
}
