package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.framewise.desktop.client.ApiModels.Note;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoteColoursTest {

    private static NoteThread thread(String colour, boolean resolved) {
        Note n = new Note(
                "n1",
                "m1",
                null,
                4,
                null,
                "text",
                null,
                resolved,
                null,
                null,
                "u1",
                "Ann",
                "2026-01-01T00:00:00Z",
                null,
                List.of(),
                colour);
        return new NoteThread(n, List.of());
    }

    @Test
    void paletteNamesBecomeScreenColoursAndNothingElseDoes() {
        assertEquals("#e5484d", NoteColours.hex("red"));
        assertEquals("#46a758", NoteColours.hex("GREEN"));
        assertNull(NoteColours.hex("chartreuse"));
        assertNull(NoteColours.hex("red; -fx-background-image: url(x)"));
        assertNull(NoteColours.hex(null));
    }

    @Test
    void resolvedNotesAreGreyAndUncolouredOnesTakeTheDefault() {
        assertEquals(NoteColours.RESOLVED, NoteColours.tick(thread("blue", true)));
        assertEquals("#3e63dd", NoteColours.tick(thread("blue", false)));
        assertEquals(NoteColours.OPEN, NoteColours.tick(thread(null, false)));
    }
}
