package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.framewise.desktop.client.ApiModels.Note;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The author and resolution lines of the note list, without a server or a scene. */
class NoteLinesTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void bylineNamesTheAuthorAndSaysWhenAndWhetherEdited() {
        Note n = note("n1", null, "u_ana", "Ana", null, null, "2026-12-05T09:40:00Z", null);
        String when = NoteLines.when("2026-12-05T09:40:00Z", UTC);
        assertEquals("Ana · " + when, NoteLines.byline(n, UTC));
        Note edited = note("n1", null, "u_ana", "Ana", null, null, "2026-12-05T09:40:00Z", "2026-12-05T09:41:00Z");
        assertEquals("Ana · " + when + " · edited", NoteLines.byline(edited, UTC));
        assertEquals("not a time", NoteLines.when("not a time", UTC), "what the server sent, if it cannot be read");
    }

    @Test
    void aNoteWithoutANameIsNamedAsTheWebUiDoes() {
        assertEquals("User abcdef", NoteLines.author(note("n1", null, "abcdefghij", null, null, null, "x", null)));
        assertEquals("Someone", NoteLines.author(note("n1", null, null, " ", null, null, "x", null)));
    }

    @Test
    void theResolverIsNamedAfterTheirOwnNotesOnTheMedia() {
        Note first = note("n1", null, "u_ana", "Ana", "u_bo", "2026-12-05T10:02:00Z", "2026-12-05T09:40:00Z", null);
        Note reply = note("n2", "n1", "u_bo", "Bo", null, null, "2026-12-05T09:50:00Z", null);
        NoteThread thread = NotesViewModel.group(List.of(first, reply)).get(0);
        assertEquals("Bo", thread.resolverName());
        assertEquals(
                "Resolved by Bo · " + NoteLines.when("2026-12-05T10:02:00Z", UTC), NoteLines.resolution(thread, UTC));

        NoteThread byStranger = NotesViewModel.group(List.of(first)).get(0);
        assertNull(byStranger.resolverName());
        assertEquals(
                "Resolved by User u_bo · " + NoteLines.when("2026-12-05T10:02:00Z", UTC),
                NoteLines.resolution(byStranger, UTC));

        Note open = note("n3", null, "u_ana", "Ana", null, null, "2026-12-05T09:40:00Z", null);
        assertEquals(
                "", NoteLines.resolution(NotesViewModel.group(List.of(open)).get(0), UTC));
    }

    private static Note note(
            String id,
            String parentId,
            String authorId,
            String authorName,
            String resolvedBy,
            String resolvedAt,
            String created,
            String edited) {
        return new Note(
                id,
                "m1",
                parentId,
                10,
                null,
                "text",
                null,
                resolvedBy != null,
                resolvedBy,
                resolvedAt,
                authorId,
                authorName,
                created,
                edited);
    }
}
