package io.framewise.server.notes;

import static io.framewise.server.db.generated.Tables.NOTES;

import io.framewise.model.notes.MarkerColour;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Require;
import io.framewise.server.db.generated.tables.records.NotesRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** {@link NoteRepository} on the {@code notes} table. */
public final class JooqNoteRepository implements NoteRepository {

    private final Database db;

    public JooqNoteRepository(Database db) {
        this.db = db;
    }

    @Override
    public Note create(NewNote note) {
        return createAll(List.of(note)).get(0);
    }

    @Override
    public List<Note> createAll(List<NewNote> notes) {
        return db.write(ctx -> {
            Instant now = Instant.ofEpochMilli(db.nowMillis());
            List<Note> created = new ArrayList<>(notes.size());
            List<NotesRecord> records = new ArrayList<>(notes.size());
            for (NewNote n : notes) {
                if (n.parentId() != null) {
                    checkParent(ctx, n);
                }
                Note note = new Note(
                        Ids.newId(),
                        n.mediaId(),
                        n.parentId(),
                        n.frame(),
                        n.frameOut(),
                        n.text(),
                        n.drawing(),
                        false,
                        null,
                        null,
                        n.authorId(),
                        now,
                        null,
                        n.guest(),
                        n.colour());
                created.add(note);
                NotesRecord record = toRecord(ctx, note);
                record.setImportKey(n.importKey());
                records.add(record);
            }
            if (!records.isEmpty()) {
                // One statement bound once per note: batchInsert renders every record's SQL anew,
                // which made an import of 100 000 notes spend most of its time rendering.
                Field<?>[] fields = NOTES.fields();
                BatchBindStep batch =
                        ctx.batch(ctx.insertInto(NOTES).columns(fields).values(new Object[fields.length]));
                for (NotesRecord r : records) {
                    batch.bind(r.intoArray());
                }
                batch.execute();
            }
            return created;
        });
    }

    @Override
    public Optional<Note> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx -> fetch(ctx, id));
    }

    @Override
    public List<Note> listByMedia(String mediaId) {
        // Served by the index notes_by_media_frame (media_id, frame, created_at, id): no sort step.
        return db.read(ctx -> ctx.selectFrom(NOTES)
                .where(NOTES.MEDIA_ID.eq(mediaId))
                .orderBy(NOTES.FRAME, NOTES.CREATED_AT, NOTES.ID)
                .fetch(JooqNoteRepository::toNote));
    }

    @Override
    public List<Note> pageByMedia(String mediaId, String afterId, int limit) {
        Require.range("limit", limit, 1, Integer.MAX_VALUE);
        return db.read(ctx -> {
            Condition where = NOTES.MEDIA_ID.eq(mediaId);
            if (afterId != null) {
                NotesRecord after = Ids.isValid(afterId)
                        ? ctx.selectFrom(NOTES)
                                .where(NOTES.ID.eq(afterId).and(NOTES.MEDIA_ID.eq(mediaId)))
                                .fetchOne()
                        : null;
                if (after == null) {
                    throw new IllegalArgumentException("after must be a note on media " + mediaId);
                }
                // A row-value comparison walks the same index as listByMedia from the cursor on.
                where = where.and(DSL.row(NOTES.FRAME, NOTES.CREATED_AT, NOTES.ID)
                        .gt(after.getFrame(), after.getCreatedAt(), after.getId()));
            }
            return ctx.selectFrom(NOTES)
                    .where(where)
                    .orderBy(NOTES.FRAME, NOTES.CREATED_AT, NOTES.ID)
                    .limit(limit)
                    .fetch(JooqNoteRepository::toNote);
        });
    }

    @Override
    public Set<String> importKeys(String mediaId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return db.read(ctx -> new HashSet<>(ctx.select(NOTES.IMPORT_KEY)
                .from(NOTES)
                .where(NOTES.MEDIA_ID.eq(mediaId).and(NOTES.IMPORT_KEY.in(keys)))
                .fetch(NOTES.IMPORT_KEY)));
    }

    @Override
    public long countByMedia(String mediaId) {
        return db.read(ctx -> (long) ctx.fetchCount(NOTES, NOTES.MEDIA_ID.eq(mediaId)));
    }

    @Override
    public Optional<Note> updateText(String id, String text) {
        return change(id, n -> n.withText(text, Instant.ofEpochMilli(db.nowMillis())));
    }

    @Override
    public Optional<Note> updateDrawing(String id, Drawing drawing) {
        return change(id, n -> n.withDrawing(drawing, Instant.ofEpochMilli(db.nowMillis())));
    }

    @Override
    public Optional<Note> setResolved(String id, boolean resolved, String userId) {
        Ids.require("userId", userId);
        return change(id, n -> n.withResolution(resolved ? userId : null, Instant.ofEpochMilli(db.nowMillis())));
    }

    @Override
    public boolean delete(String id) {
        return db.write(ctx -> ctx.deleteFrom(NOTES).where(NOTES.ID.eq(id)).execute()) == 1;
    }

    @Override
    public Optional<Note> update(String id, UnaryOperator<Note> change) {
        return change(id, change);
    }

    /** Reads, changes through the record's constructor (so the result is checked) and writes back. */
    private Optional<Note> change(String id, UnaryOperator<Note> edit) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.write(ctx -> fetch(ctx, id).map(old -> {
            Note updated = edit.apply(old);
            NotesRecord r = toRecord(ctx, updated);
            r.changed(NOTES.ID, false);
            ctx.executeUpdate(r);
            return updated;
        }));
    }

    private static void checkParent(DSLContext ctx, NewNote n) {
        String parentMedia = ctx.select(NOTES.MEDIA_ID)
                .from(NOTES)
                .where(NOTES.ID.eq(n.parentId()))
                .fetchOne(NOTES.MEDIA_ID);
        if (!n.mediaId().equals(parentMedia)) {
            throw new IllegalArgumentException("parentId " + n.parentId() + " is not a note on media " + n.mediaId());
        }
    }

    private static Optional<Note> fetch(DSLContext ctx, String id) {
        return ctx.selectFrom(NOTES).where(NOTES.ID.eq(id)).fetchOptional(JooqNoteRepository::toNote);
    }

    private static NotesRecord toRecord(DSLContext ctx, Note n) {
        NotesRecord r = ctx.newRecord(NOTES);
        r.setId(n.id());
        r.setMediaId(n.mediaId());
        r.setParentId(n.parentId());
        r.setFrame(n.frame());
        r.setFrameOut(n.frameOut());
        r.setBody(n.text());
        r.setDrawingJson(n.drawing() == null ? null : n.drawing().json());
        r.setDrawingVersion(n.drawing() == null ? null : n.drawing().schemaVersion());
        r.setResolved(n.resolved());
        r.setResolvedBy(n.resolvedBy());
        r.setResolvedAt(n.resolvedAt() == null ? null : n.resolvedAt().toEpochMilli());
        r.setAuthorId(n.authorId());
        r.setCreatedAt(n.created().toEpochMilli());
        r.setEditedAt(n.edited() == null ? null : n.edited().toEpochMilli());
        r.setGuestId(n.guest() == null ? null : n.guest().id());
        r.setGuestName(n.guest() == null ? null : n.guest().name());
        r.setColour(n.colour() == null ? null : n.colour().wire());
        return r;
    }

    private static Note toNote(NotesRecord r) {
        return new Note(
                r.getId(),
                r.getMediaId(),
                r.getParentId(),
                r.getFrame(),
                r.getFrameOut(),
                r.getBody(),
                r.getDrawingJson() == null ? null : new Drawing(r.getDrawingJson(), r.getDrawingVersion()),
                r.getResolved(),
                r.getResolvedBy(),
                r.getResolvedAt() == null ? null : Instant.ofEpochMilli(r.getResolvedAt()),
                r.getAuthorId(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                r.getEditedAt() == null ? null : Instant.ofEpochMilli(r.getEditedAt()),
                r.getGuestName() == null
                        ? null
                        : new Note.GuestAuthor(r.getGuestId() == null ? r.getId() : r.getGuestId(), r.getGuestName()),
                r.getColour() == null ? null : MarkerColour.parse(r.getColour()).orElse(null));
    }
}
