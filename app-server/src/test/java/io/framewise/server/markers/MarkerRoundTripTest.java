package io.framewise.server.markers;

import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.interchange.Cmx3600;
import io.framewise.model.interchange.EdlDocument;
import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notes out as an EDL and back in: each EDL the server writes is read by the same CMX3600 reader
 * the import uses, and a dry-run import of it onto the real 29.97 drop-frame media gives the notes'
 * own frames, ranges and colours again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkerRoundTripTest {

    private AccessWorld world;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        note("{\"text\":\"Flash frame\",\"frame\":7,\"colour\":\"green\"}");
        note("{\"text\":\"Hold longer\",\"frame\":45,\"frameOut\":75,\"colour\":\"yellow\"}");
        note("{\"text\":\"Logo soft\",\"frame\":140,\"colour\":\"red\"}");
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private void note(String body) throws Exception {
        AccessWorld.json(world.call(EDITOR, "POST", "/api/media/" + world.mediaId + "/comments", body), 201);
    }

    private String export(String format) throws Exception {
        HttpResponse<String> r =
                world.call(EDITOR, "GET", "/api/media/" + world.mediaId + "/markers?format=" + format, null);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** "frame[-out] colour" of each note a dry-run import of {@code edl} would make. */
    private List<String> reimported(String edl) throws Exception {
        JsonNode answer = AccessWorld.json(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/media/" + world.mediaId + "/edl?dryRun=true",
                        edl,
                        java.util.Map.of("Content-Type", "text/plain")),
                200);
        assertEquals(0, answer.path("skipped").size(), answer.toString());
        List<String> out = new ArrayList<>();
        for (JsonNode n : answer.path("notes")) {
            out.add(n.path("frame").asLong()
                    + (n.path("frameOut").isNull() || n.path("frameOut").isMissingNode()
                            ? ""
                            : "-" + n.path("frameOut").asLong())
                    + " " + n.path("colour").asText());
        }
        return out;
    }

    @Test
    void aResolveMarkerEdlComesBackWithRangesAndColours() throws Exception {
        String edl = export("resolve-edl");
        EdlDocument doc = Cmx3600.parse(edl);
        assertEquals(List.of(), doc.problems(), edl);
        assertEquals(Boolean.TRUE, doc.dropFrame());
        assertEquals(3, doc.markers().size(), edl);
        assertEquals(List.of("7 green", "45-75 yellow", "140 red"), reimported(edl));
    }

    @Test
    void anAvidLocatorEdlComesBackOnTheSameFramesAndColours() throws Exception {
        String edl = export("avid-edl");
        EdlDocument doc = Cmx3600.parse(edl);
        assertEquals(List.of(), doc.problems(), edl);
        assertEquals(3, doc.locators().size(), edl);
        assertTrue(
                doc.locators().get(2).text().contains("Logo soft"),
                doc.locators().toString());
        assertEquals(List.of("7 green", "45 yellow", "140 red"), reimported(edl));
    }
}
