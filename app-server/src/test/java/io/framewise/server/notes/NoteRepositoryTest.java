package io.framewise.server.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import io.framewise.server.media.JooqMediaRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.NewMediaItem;
import io.framewise.server.users.JooqUserRepository;
import io.framewise.server.users.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteRepositoryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private NoteRepository notes;
    private MediaRepository media;
    private MediaItem clip;
    private User ann;

    @BeforeEach
    void open() {
        db = Database.open(dir, clock);
        notes = new JooqNoteRepository(db);
        media = new JooqMediaRepository(db);
        clip = newMedia();
        ann = new JooqUserRepository(db).localUser();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private MediaItem newMedia() {
        String id = Ids.newId();
        return media.create(new NewMediaItem(id, "clip.mov", "media/" + id + "/clip.mov", 1234, null));
    }

    @Test
    void notesRoundTripWithRangesDrawingsEditsAndResolution() {
        Drawing arrow = new Drawing("{\"shapes\":[{\"type\":\"arrow\"}]}", 1);
        Note note = notes.create(new NewNote(clip.id(), null, 12, 48L, "Too dark here", arrow, ann.id()));
        assertEquals(Optional.of(note), notes.get(note.id()));
        assertEquals(48L, note.frameOut());
        assertNull(note.edited());

        clock.advance(Duration.ofSeconds(5));
        Note edited = notes.updateText(note.id(), "Too dark; lift the mids").orElseThrow();
        assertEquals("Too dark; lift the mids", edited.text());
        assertEquals(clock.instant(), edited.edited());
        assertEquals(arrow, edited.drawing());

        Note noDrawing = notes.updateDrawing(note.id(), null).orElseThrow();
        assertNull(noDrawing.drawing());
        Drawing circle = new Drawing("{\"shapes\":[{\"type\":\"circle\"}]}", 2);
        assertEquals(
                circle, notes.updateDrawing(note.id(), circle).orElseThrow().drawing());

        Note resolved = notes.setResolved(note.id(), true, ann.id()).orElseThrow();
        assertTrue(resolved.resolved());
        assertEquals(ann.id(), resolved.resolvedBy());
        assertEquals(clock.instant(), resolved.resolvedAt());
        Note reopened = notes.setResolved(note.id(), false, ann.id()).orElseThrow();
        assertFalse(reopened.resolved());
        assertNull(reopened.resolvedBy());
        assertEquals(Optional.of(reopened), notes.get(note.id()));

        assertEquals(Optional.empty(), notes.updateText(Ids.newId(), "x"));
        assertTrue(notes.delete(note.id()));
        assertFalse(notes.delete(note.id()));
        assertEquals(Optional.empty(), notes.get(note.id()));
    }

    @Test
    void deletingAThreadsFirstNoteDeletesItsReplies() {
        Note first = notes.create(new NewNote(clip.id(), null, 5, null, "What is this?", null, ann.id()));
        Note reply = notes.create(new NewNote(clip.id(), first.id(), 5, null, "A flare", null, ann.id()));
        Note other = notes.create(new NewNote(clip.id(), null, 9, null, "Fine", null, ann.id()));
        assertEquals(first.id(), reply.parentId());
        assertTrue(notes.delete(first.id()));
        assertEquals(Optional.empty(), notes.get(reply.id()));
        assertEquals(List.of(other), notes.listByMedia(clip.id()));
    }

    @Test
    void aReplyMustStayOnItsParentsMedia() {
        MediaItem otherClip = newMedia();
        Note first = notes.create(new NewNote(clip.id(), null, 5, null, "Here", null, ann.id()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> notes.create(new NewNote(otherClip.id(), first.id(), 5, null, "There", null, ann.id())));
        assertTrue(e.getMessage().startsWith("parentId"), e.getMessage());
        assertEquals(0, notes.countByMedia(otherClip.id()));
    }

    @Test
    void deletingTheMediaDeletesItsNotes() {
        notes.create(new NewNote(clip.id(), null, 5, null, "Here", null, ann.id()));
        assertTrue(media.delete(clip.id()));
        assertEquals(0, notes.countByMedia(clip.id()));
    }

    @Test
    void invalidNotesAreRefusedNamingTheField() {
        assertField("frame", () -> new NewNote(clip.id(), null, -1, null, "x", null, ann.id()));
        assertField("frameOut", () -> new NewNote(clip.id(), null, 10, 10L, "x", null, ann.id()));
        assertField("text", () -> new NewNote(clip.id(), null, 1, null, " ", null, ann.id()));
        assertField("text", () -> new NewNote(clip.id(), null, 1, null, "x".repeat(Note.MAX_TEXT + 1), null, ann.id()));
        assertField("drawingVersion", () -> new Drawing("{}", 0));
        assertField("drawing", () -> new Drawing("x".repeat(Drawing.MAX_JSON + 1), 1));
        assertField("mediaId", () -> new NewNote("not-an-id", null, 1, null, "x", null, ann.id()));
        // A drawing alone is a note.
        new NewNote(clip.id(), null, 1, null, "", new Drawing("{}", 1), ann.id());
    }

    private static void assertField(String field, Runnable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }

    @Test
    void aHundredThousandNotesListInFrameOrder() {
        MediaItem other = newMedia();
        Random random = new Random(42);
        db.write(ctx -> {
            for (int batch = 0; batch < 100; batch++) {
                List<NewNote> chunk = new ArrayList<>(1000);
                for (int i = 0; i < 1000; i++) {
                    long frame = random.nextInt(50_000);
                    chunk.add(new NewNote(clip.id(), null, frame, null, "note " + batch + "/" + i, null, ann.id()));
                }
                notes.createAll(chunk);
                clock.advance(Duration.ofMillis(1));
            }
            notes.create(new NewNote(other.id(), null, 3, null, "elsewhere", null, ann.id()));
            return null;
        });

        List<Note> listed = notes.listByMedia(clip.id());
        assertEquals(100_000, listed.size());
        assertEquals(100_000, notes.countByMedia(clip.id()));
        for (int i = 1; i < listed.size(); i++) {
            Note a = listed.get(i - 1);
            Note b = listed.get(i);
            assertTrue(
                    a.frame() < b.frame()
                            || (a.frame() == b.frame() && !a.created().isAfter(b.created())),
                    "out of order at " + i + ": " + a + " then " + b);
            assertEquals(clip.id(), b.mediaId());
        }
        if (db.isPostgres()) {
            db.write(ctx -> ctx.execute("ANALYZE notes"));
            String plan = db.<String>read(ctx -> ctx.fetch(
                            "EXPLAIN SELECT * FROM notes WHERE media_id = ? ORDER BY frame, created_at, id", clip.id())
                    .format());
            assertTrue(plan.contains("notes_by_media_frame"), plan);
            assertFalse(plan.contains("Sort"), "listing must not sort: " + plan);
        } else {
            String plan = db.<String>read(ctx -> ctx.fetch(
                            "EXPLAIN QUERY PLAN SELECT * FROM notes WHERE media_id = ? ORDER BY frame, created_at, id",
                            clip.id())
                    .format());
            assertTrue(plan.contains("notes_by_media_frame"), plan);
            assertFalse(plan.contains("TEMP B-TREE"), "listing must not sort: " + plan);
        }
    }
}
