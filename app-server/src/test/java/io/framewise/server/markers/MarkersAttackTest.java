package io.framewise.server.markers;

import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/media/{id}/markers} attacked: garbage in every parameter is a 400 in the one
 * error shape naming the parameter; people outside the project and guests of links that do not
 * show notes get nothing (and outsiders do not learn the media exists); a guest whose link shows
 * notes gets exactly those notes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkersAttackTest {

    private AccessWorld world;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        AccessWorld.json(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/media/" + world.mediaId + "/comments",
                        "{\"text\":\"secret plan\",\"frame\":7}"),
                201);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private HttpResponse<String> export(AccessWorld.Who who, String query, Map<String, String> headers)
            throws Exception {
        return world.call(who, "GET", "/api/media/" + world.mediaId + "/markers" + query, null, headers);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void garbageParametersAreRefusedNamingTheParameter() throws Exception {
        String[][] cases = {
            {"", "format"},
            {"?format=", "format"},
            {"?format=" + q("../../etc/passwd"), "format"},
            {"?format=EDL", "format"},
            {"?format=" + "x".repeat(5000), "format"},
            {"?format=csv&status=closed", "status"},
            {"?format=csv&status=" + q("open' OR 1=1 --"), "status"},
            {"?format=csv&from=-1", "from"},
            {"?format=csv&from=abc", "from"},
            {"?format=csv&from=99999999999999999999999", "from"},
            {"?format=csv&to=1.5", "to"},
            {"?format=csv&from=10&to=9", "from"},
            {"?format=csv&author=", "author"},
            {"?format=csv&author=" + "a".repeat(65), "author"},
            {"?format=csv" + "&author=x".repeat(101), "author"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = export(EDITOR, c[0], Map.of());
            assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
            JsonNode error = AccessWorld.JSON.readTree(r.body()).path("error");
            assertEquals("bad_request", error.path("code").asText(), r.body());
            assertEquals(c[1], error.path("details").path("field").asText(), c[0]);
            assertFalse(r.body().contains("secret plan"));
        }
        HttpResponse<String> format = export(EDITOR, "?format=" + q("<script>alert(1)</script>"), Map.of());
        assertTrue(
                format.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"),
                "errors are JSON, never the format's type");
    }

    @Test
    void idsThatAreNotAMediaItemAreNotFound() throws Exception {
        for (String id : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "..%2F..%2Fetc", "x".repeat(300)}) {
            HttpResponse<String> r = world.call(EDITOR, "GET", "/api/media/" + id + "/markers?format=csv", null);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, id + ": " + r.statusCode() + " " + r.body());
            assertFalse(r.body().contains("secret plan"));
        }
    }

    @Test
    void outsidersAndAnonymousCallersGetNothing() throws Exception {
        HttpResponse<String> outsider = export(OUTSIDER, "?format=csv", Map.of());
        assertEquals(404, outsider.statusCode(), "an outsider does not learn the media exists: " + outsider.body());
        assertFalse(outsider.body().contains("secret plan"));
        HttpResponse<String> anonymous = export(ANONYMOUS, "?format=csv", Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertFalse(anonymous.body().contains("secret plan"));
    }

    @Test
    void aGuestExportsNotesOnlyThroughALinkThatShowsThem() throws Exception {
        // A view-only link: the guest sees the media but not its notes, so no export either.
        String viewOnly = world.guestToken(world.assetId);
        HttpResponse<String> refused = export(ANONYMOUS, "?format=csv", Map.of("Authorization", "Bearer " + viewOnly));
        assertEquals(403, refused.statusCode(), refused.body());
        assertFalse(refused.body().contains("secret plan"));

        // A link that lets guests comment shows the notes: the export is the same notes.
        String token = AccessWorld.json(
                        world.call(
                                EDITOR,
                                "POST",
                                "/api/shares",
                                "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId
                                        + "\"},\"rights\":[\"view\",\"comment\"]}"),
                        201)
                .get("token")
                .asText();
        String guest = AccessWorld.json(
                        world.call(
                                ANONYMOUS,
                                "POST",
                                "/api/guest/sessions",
                                "{\"token\":\"" + token + "\",\"name\":\"Client\"}"),
                        201)
                .get("guestToken")
                .asText();
        HttpResponse<String> allowed = export(ANONYMOUS, "?format=csv", Map.of("Authorization", "Bearer " + guest));
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertTrue(allowed.body().contains("secret plan"));

        // The same guest asking for media outside their link: not found.
        String other = world.readyUnfiledMedia(EDITOR, 30);
        HttpResponse<String> outside = world.call(
                ANONYMOUS,
                "GET",
                "/api/media/" + other + "/markers?format=csv",
                null,
                Map.of("Authorization", "Bearer " + guest));
        assertEquals(404, outside.statusCode(), outside.body());
    }
}
