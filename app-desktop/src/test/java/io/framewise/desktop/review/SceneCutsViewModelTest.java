package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.client.SceneModels.SceneCut;
import io.framewise.desktop.testing.ReviewServer;
import io.framewise.desktop.testing.SuggestedSceneCuts;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The review's suggested scene markers against a real server: [ / ] go to the previous / next cut,
 * and accepting one, then all, writes notes at their frames and empties the list.
 */
class SceneCutsViewModelTest {

    private final ReviewServer server = ReviewServer.get();
    private final AtomicInteger notesChanged = new AtomicInteger();
    private final SceneCutsViewModel cuts =
            new SceneCutsViewModel(Runnable::run, Runnable::run, notesChanged::incrementAndGet);

    @Test
    void bracketsStepBetweenCutsAndAcceptingMakesNotes() {
        String media = server.v2.id();
        // What the detection job stores (the job itself is tested on the server).
        SuggestedSceneCuts.add(server, media, 200, 100);
        cuts.load(server.api, media).join();
        assertEquals(List.of(100L, 200L), cuts.frames(), "in frame order");

        assertEquals(OptionalLong.of(100), cuts.next(0));
        assertEquals(OptionalLong.of(200), cuts.next(100));
        assertEquals(OptionalLong.empty(), cuts.next(200));
        assertEquals(OptionalLong.of(100), cuts.previous(200));
        assertEquals(OptionalLong.of(100), cuts.previous(150));
        assertEquals(OptionalLong.empty(), cuts.previous(100));

        SceneCut first = cuts.cuts().get(0);
        cuts.accept(first).join();
        assertEquals(List.of(200L), cuts.frames());
        assertEquals(1, notesChanged.get());
        cuts.acceptAll().join();
        assertTrue(cuts.cuts().isEmpty());
        assertEquals(2, notesChanged.get());
        assertEquals("", cuts.errorProperty().get());

        List<Note> written = server.api.notes(media).stream()
                .filter(n -> n.text().equals("Scene cut"))
                .toList();
        assertEquals(
                List.of(100L, 200L), written.stream().map(Note::frame).sorted().toList());
        // Leave the shared server's notes as other tests expect them.
        written.forEach(n -> server.api.deleteNote(n.id()));
    }
}
