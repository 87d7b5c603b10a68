package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.testing.ReviewServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Note editing against a real server: threads, replies, edit, resolve, filter, drawings, delete. */
class NotesViewModelTest {

    private final ReviewServer server = ReviewServer.get();
    private final NotesViewModel notes = new NotesViewModel(Runnable::run, Runnable::run);

    @BeforeEach
    void clean() {
        for (Note n : server.api.notes(server.v1.id())) {
            if (n.parentId() == null) {
                server.api.deleteNote(n.id());
            }
        }
        notes.load(server.api, server.v1.id()).join();
    }

    @Test
    void addsRepliesEditsResolvesFiltersAndDeletes() {
        DrawingEditor editor = new DrawingEditor();
        editor.toolProperty().set("rect");
        editor.begin(0.1, 0.2, null);
        editor.drag(0.5, 0.6);
        editor.end();
        notes.add("Sky is too warm", 12, null, editor.shapes()).join();
        notes.add("Cut a bit later", 40, 52L, List.of()).join();
        assertEquals("", notes.errorProperty().get());
        assertEquals(2, notes.threads().size());
        NoteThread first = notes.threads().get(0);
        assertEquals(12, first.frame());
        assertTrue(first.hasDrawing());
        assertEquals(
                List.of(new Shape(
                        "rect", "#ff3b30", 0.006, List.of(new Shape.Point(0.1, 0.2), new Shape.Point(0.5, 0.6)), null)),
                DrawingJson.read(first.first().drawing()));

        notes.reply(first, "Agreed").join();
        notes.edit(notes.threads().get(0).first(), "Sky is far too warm").join();
        NoteThread edited = notes.threads().get(0);
        assertEquals("Sky is far too warm", edited.first().text());
        assertEquals(
                List.of("Agreed"), edited.replies().stream().map(Note::text).toList());
        assertTrue(notes.threads().get(1).covers(51));
        assertFalse(notes.threads().get(1).covers(52), "frameOut is exclusive");

        notes.resolve(edited, true).join();
        assertTrue(notes.threads().get(0).resolved());
        notes.filterProperty().set(NotesViewModel.Filter.OPEN);
        assertEquals(
                List.of("Cut a bit later"),
                notes.visible().stream().map(t -> t.first().text()).toList());
        notes.filterProperty().set(NotesViewModel.Filter.ALL);
        notes.searchProperty().set("agreed");
        assertEquals(1, notes.visible().size(), "search finds a thread by its replies too");
        notes.searchProperty().set("");

        assertEquals(40, notes.neighbour(12, true).frame());
        assertNull(notes.neighbour(40, true));

        notes.delete(notes.threads().get(1).first()).join();
        assertEquals(1, notes.threads().size());
    }

    @Test
    void aRefusedNoteIsReportedInWords() {
        notes.add("Past the end", 100_000, null, List.of()).join();
        assertTrue(
                notes.errorProperty().get().toLowerCase().contains("frame"),
                notes.errorProperty().get());
        assertEquals(0, notes.threads().size());
    }

    @Test
    void drawingsRoundTripInTheServersSchema() {
        DrawingEditor editor = new DrawingEditor();
        for (String tool : List.of("pen", "line", "arrow", "ellipse")) {
            editor.toolProperty().set(tool);
            editor.begin(0.2, 0.2, null);
            editor.drag(0.3, 0.4);
            editor.drag(0.6, 0.7);
            editor.end();
        }
        editor.toolProperty().set("text");
        editor.begin(0.5, 0.1, "Reframe");
        editor.toolProperty().set("rect");
        editor.begin(0.4, 0.4, null);
        editor.end();
        assertEquals(5, editor.shapes().size(), "a click without a drag leaves no rectangle");
        ObjectNode json = DrawingJson.write(editor.shapes());
        assertEquals(1, json.get("schema").asInt());
        notes.add("All shapes", 3, null, editor.shapes()).join();
        assertEquals("", notes.errorProperty().get());
        List<Shape> back = DrawingJson.read(notes.threads().get(0).first().drawing());
        assertEquals(editor.shapes(), back);
        assertEquals(3, back.get(0).points().size(), "a pen keeps every point");
        assertThrows(
                IllegalArgumentException.class,
                () -> DrawingJson.read(json.deepCopy().put("schema", 2)));
    }
}
