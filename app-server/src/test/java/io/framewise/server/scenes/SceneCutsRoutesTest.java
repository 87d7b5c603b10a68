package io.framewise.server.scenes;

import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.testing.Await;
import io.framewise.server.jobs.ScenePolicy;
import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scene job on a real server (real SQLite, real media with cuts at known frames), and the
 * suggestion routes under attack: another user's media, a cut of another media item, garbage ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SceneCutsRoutesTest {

    /** Three shots of 40 frames at 25 fps: cuts at 40 and 80; the last shot has a white flash. */
    static final Set<Long> CUTS = Set.of(40L, 80L);

    @TempDir
    static Path data;

    @TempDir
    static Path media;

    private AccessWorld world;
    private String shots;
    private String asset;

    @BeforeAll
    void start() throws Exception {
        // Detection for anything over a second, so a short generated video gets it.
        world = new AccessWorld(data, c -> c.withScenes(new ScenePolicy(true, 1)));
        Path file = threeShots(media.resolve("three-shots.mp4"));
        shots = world.upload(EDITOR, file);
        asset = AccessWorld.json(world.file(EDITOR, world.projectId, shots), 201)
                .get("id")
                .asText();
    }

    @AfterAll
    void stop() {
        world.close();
    }

    static Path threeShots(Path out) {
        String graph = "testsrc2=s=320x240:r=25,trim=end_frame=40,setpts=PTS-STARTPTS[a];"
                + "smptebars=s=320x240:r=25,trim=end_frame=40,setpts=PTS-STARTPTS[b];"
                + "mandelbrot=s=320x240:r=25,trim=end_frame=40,setpts=PTS-STARTPTS,"
                + "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='between(n,20,20)'[c];"
                + "[a][b][c]concat=n=3:v=1:a=0,format=yuv420p[v]";
        TestMedia.run(List.of("-filter_complex", graph), "-map", "[v]", "-c:v", "libx264", "-g", "25", out.toString());
        return out;
    }

    private JsonNode detected(AccessWorld.Who who, String mediaId) {
        return Await.value("scene detection of " + mediaId, Duration.ofSeconds(120), () -> {
            JsonNode answer =
                    AccessWorld.json(world.call(who, "GET", "/api/media/" + mediaId + "/scene-cuts", null), 200);
            return answer.path("detected").asBoolean() ? answer : null;
        });
    }

    private static Set<Long> frames(JsonNode cuts) {
        Set<Long> out = new TreeSet<>();
        cuts.forEach(c -> out.add(c.path("frame").asLong()));
        return out;
    }

    @Test
    void theJobSuggestsTheCutsAndAcceptingMakesNotesAtTheirFrames() throws Exception {
        JsonNode found = detected(VIEWER, shots);
        assertEquals(CUTS, frames(found.path("cuts")), found.toString());
        List<String> ids = new ArrayList<>();
        found.path("cuts").forEach(c -> ids.add(c.path("id").asText()));

        // A viewer may look but not turn suggestions into notes.
        HttpResponse<String> viewer =
                world.call(VIEWER, "POST", "/api/media/" + shots + "/scene-cuts/" + ids.get(0) + "/accept", null);
        assertEquals(403, viewer.statusCode(), viewer.body());

        JsonNode note = AccessWorld.json(
                world.call(REVIEWER, "POST", "/api/media/" + shots + "/scene-cuts/" + ids.get(0) + "/accept", null),
                201);
        assertEquals(40, note.path("frame").asLong());
        assertEquals("Scene cut", note.path("text").asText());
        // Accepted once: the suggestion is gone, a second accept finds nothing.
        assertEquals(
                404,
                world.call(REVIEWER, "POST", "/api/media/" + shots + "/scene-cuts/" + ids.get(0) + "/accept", null)
                        .statusCode());
        JsonNode left = detected(VIEWER, shots);
        assertEquals(Set.of(80L), frames(left.path("cuts")));

        JsonNode all = AccessWorld.json(
                world.call(EDITOR, "POST", "/api/media/" + shots + "/scene-cuts/accept-all", null), 201);
        assertEquals(1, all.path("notes").size());
        assertEquals(80, all.path("notes").get(0).path("frame").asLong());
        assertTrue(detected(VIEWER, shots).path("cuts").isEmpty());

        JsonNode notes = AccessWorld.json(world.call(VIEWER, "GET", "/api/media/" + shots + "/comments", null), 200);
        Set<Long> noteFrames = new TreeSet<>();
        (notes.isArray() ? notes : notes.path("items"))
                .forEach(n -> noteFrames.add(n.path("frame").asLong()));
        assertTrue(noteFrames.containsAll(CUTS), notes.toString());
    }

    @Test
    void attacksOnTheSuggestionRoutesAreRefused() throws Exception {
        detected(EDITOR, shots);
        String mine = SuggestedCuts.add(data, shots, 7);
        String other = world.mediaId;
        // Another user's media: an outsider learns nothing, not even whether a cut exists.
        for (String[] call : new String[][] {
            {"GET", "/api/media/" + shots + "/scene-cuts"},
            {"POST", "/api/media/" + shots + "/scene-cuts/" + mine + "/accept"},
            {"POST", "/api/media/" + shots + "/scene-cuts/accept-all"},
            {"DELETE", "/api/media/" + shots + "/scene-cuts/" + mine}
        }) {
            HttpResponse<String> r = world.call(OUTSIDER, call[0], call[1], null);
            assertEquals(404, r.statusCode(), call[0] + " " + call[1] + ": " + r.body());
            assertFalse(r.body().contains(mine), r.body());
        }
        // A cut of this media item named under another media item the caller may edit: not found.
        for (String[] call : new String[][] {
            {"POST", "/api/media/" + other + "/scene-cuts/" + mine + "/accept"},
            {"DELETE", "/api/media/" + other + "/scene-cuts/" + mine}
        }) {
            HttpResponse<String> r = world.call(EDITOR, call[0], call[1], null);
            assertEquals(404, r.statusCode(), call[0] + " " + call[1] + ": " + r.body());
            assertTrue(AccessWorld.JSON
                            .readTree(r.body())
                            .path("error")
                            .path("message")
                            .asText()
                            .length()
                    > 0);
        }
        // Garbage ids answer a clear 4xx in the one error shape, never a 500.
        for (String garbage : new String[] {"x", "'%20OR%201=1", "a".repeat(300), "%E2%80%AE", "..."}) {
            for (String[] call : new String[][] {
                {"POST", "/api/media/" + shots + "/scene-cuts/" + garbage + "/accept"},
                {"DELETE", "/api/media/" + shots + "/scene-cuts/" + garbage},
                {"GET", "/api/media/" + garbage + "/scene-cuts"}
            }) {
                HttpResponse<String> r = world.call(EDITOR, call[0], call[1], null);
                assertTrue(
                        r.statusCode() >= 400 && r.statusCode() < 500,
                        call[0] + " " + call[1] + ": " + r.statusCode() + " " + r.body());
                assertTrue(r.body().contains("\"error\""), r.body());
            }
        }
        // Encoded dots are refused by the HTTP layer before any route: still a 4xx, never a 500.
        for (String garbage : new String[] {"%2e%2e"}) {
            HttpResponse<String> r =
                    world.call(EDITOR, "POST", "/api/media/" + shots + "/scene-cuts/" + garbage + "/accept", null);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, garbage + ": " + r.statusCode());
        }
        // The cut survived it all, and its own media item's editor may dismiss it.
        assertEquals(
                204,
                world.call(EDITOR, "DELETE", "/api/media/" + shots + "/scene-cuts/" + mine, null)
                        .statusCode());
        assertEquals(
                404,
                world.call(EDITOR, "DELETE", "/api/media/" + shots + "/scene-cuts/" + mine, null)
                        .statusCode());
        assertTrue(asset.length() > 0);
    }
}
