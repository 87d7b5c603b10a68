package io.framewise.server.home;

import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/home} fills as the data says, for each person only what they may see. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeApiTest {

    private AccessWorld world;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void sectionsFollowTheData() throws Exception {
        // The project's asset awaits a decision: every member sees it, an outsider does not.
        for (Who who : List.of(Who.EDITOR, Who.REVIEWER, Who.VIEWER, Who.OWNER)) {
            assertTrue(ids(who, "needsReview").contains(world.assetId), who + " sees it to review");
            assertTrue(ids(who, "recent").contains(world.assetId), who + " sees it as recent");
        }
        assertFalse(ids(Who.OUTSIDER, "needsReview").contains(world.assetId));
        assertFalse(ids(Who.OUTSIDER, "recent").contains(world.assetId));

        // The reviewer leaves the asset at frame 42: only their "continue" shows it, at that frame.
        json(world.call(Who.REVIEWER, "PUT", "/api/media/" + world.mediaId + "/position", "{\"frame\":42}"), 200);
        JsonNode cont =
                json(world.call(Who.REVIEWER, "GET", "/api/home", null), 200).get("continue");
        assertEquals(world.assetId, cont.get(0).get("asset").get("id").asText());
        assertEquals(42, cont.get(0).get("frame").asLong());
        assertTrue(ids(Who.EDITOR, "continue").isEmpty(), "positions are per person");
        json(world.call(Who.REVIEWER, "PUT", "/api/media/" + world.mediaId + "/position", "{\"frame\":7}"), 200);
        assertEquals(
                7,
                json(world.call(Who.REVIEWER, "GET", "/api/home", null), 200)
                        .get("continue")
                        .get(0)
                        .get("frame")
                        .asLong());

        // Approved: no longer waiting for review, still recent.
        json(
                world.call(
                        Who.OWNER,
                        "PUT",
                        "/api/assets/" + world.assetId + "/versions/1/approval",
                        "{\"status\":\"approved\"}"),
                200);
        assertFalse(ids(Who.REVIEWER, "needsReview").contains(world.assetId));
        assertTrue(ids(Who.REVIEWER, "recent").contains(world.assetId));
    }

    @Test
    void positionsAreCheckedAndPrivate() throws Exception {
        String path = "/api/media/" + world.mediaId + "/position";
        assertEquals(
                422, world.call(Who.REVIEWER, "PUT", path, "{\"frame\":-1}").statusCode());
        assertEquals(
                422, world.call(Who.REVIEWER, "PUT", path, "{\"frame\":150}").statusCode(), "past the last frame");
        assertEquals(
                400, world.call(Who.REVIEWER, "PUT", path, "{\"frame\":\"x\"}").statusCode());
        assertEquals(404, world.call(Who.OUTSIDER, "PUT", path, "{\"frame\":1}").statusCode());
        assertEquals(
                401, world.call(Who.ANONYMOUS, "PUT", path, "{\"frame\":1}").statusCode());
        String unfiled = world.readyUnfiledMedia(Who.UPLOADER, 50);
        assertEquals(
                409,
                world.call(Who.UPLOADER, "PUT", "/api/media/" + unfiled + "/position", "{\"frame\":1}")
                        .statusCode());
    }

    private List<String> ids(Who who, String section) throws Exception {
        List<String> ids = new ArrayList<>();
        json(world.call(who, "GET", "/api/home", null), 200)
                .get(section)
                .forEach(e -> ids.add(e.get("asset").get("id").asText()));
        return ids;
    }
}
