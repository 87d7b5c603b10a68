package io.framewise.server.notes;

import static io.framewise.server.testing.NotesServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.NotesServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100 000 notes on one media item come back complete and in order, paged or in one answer. */
class NotesPagingTest {

    static final int NOTES = 100_000;

    @TempDir
    Path data;

    @Test
    void aHundredThousandNotesListInOrderThroughThePages() throws Exception {
        try (NotesServer server = new NotesServer(data)) {
            MediaItem clip = server.readyMedia(90_000);
            MediaItem other = server.readyMedia(10);
            String author = server.users.localUser().id();
            Random random = new Random(42);
            List<NewNote> batch = new ArrayList<>(NOTES);
            for (int i = 0; i < NOTES; i++) {
                // Many notes share a frame (and, written in one transaction, their creation time):
                // the order then falls back to the id, which the cursor must honour too.
                batch.add(new NewNote(clip.id(), null, random.nextInt(20_000), null, "note " + i, null, author));
            }
            server.notes.createAll(batch);
            server.notes.create(new NewNote(other.id(), null, 3, null, "elsewhere", null, author));
            List<String> expected =
                    server.notes.listByMedia(clip.id()).stream().map(Note::id).toList();
            assertEquals(NOTES, expected.size());

            List<String> paged = new ArrayList<>(NOTES);
            long lastFrame = -1;
            String after = null;
            int pages = 0;
            do {
                String path =
                        "/api/media/" + clip.id() + "/comments?limit=7000" + (after == null ? "" : "&after=" + after);
                HttpResponse<String> r = server.get(path);
                assertEquals(200, r.statusCode(), r.body());
                JsonNode page = json(r);
                for (JsonNode n : page.get("items")) {
                    assertTrue(n.get("frame").asLong() >= lastFrame, "frames must not go back");
                    lastFrame = n.get("frame").asLong();
                    paged.add(n.get("id").asText());
                }
                after = page.get("next").isNull() ? null : page.get("next").asText();
                pages++;
            } while (after != null);
            assertEquals(15, pages);
            assertEquals(expected, paged);

            JsonNode all = json(server.get("/api/media/" + clip.id() + "/comments"));
            assertEquals(NOTES, all.get("items").size());
            assertTrue(all.get("next").isNull());
            List<String> whole = new ArrayList<>(NOTES);
            all.get("items").forEach(n -> whole.add(n.get("id").asText()));
            assertEquals(expected, whole);
        }
    }
}
