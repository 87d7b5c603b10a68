package io.framewise.server.guests;

import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.access.Action;
import io.framewise.server.access.RouteRule;
import io.framewise.server.access.RouteTable;
import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest token on every API route of the route table, generated from it like the access matrix:
 * outside the guest's link every route answers 401 or 404 (never 200, never 403, which would tell
 * that the thing exists), and inside it the routes answer what the link's rights say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuestRouteMatrixTest {

    private static final String NOBODY = "AAAAAAAAAAAAAAAAAAAAAA";

    private AccessWorld world;
    /** A second asset of the same project, with its own media, outside every guest's link. */
    private String outsideMedia;

    private String outsideAsset;
    /** A note of the team on the media inside the links. */
    private String teamNote;

    private String shareId;
    /** A guest of a link to the world's asset with every right. */
    private String fullGuest;
    /** A guest of a link to the same asset that may only view. */
    private String viewGuest;

    private String linkToken;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        outsideMedia = world.filedMedia();
        outsideAsset = assetOf(outsideMedia);
        teamNote = json(
                        world.call(
                                EDITOR,
                                "POST",
                                "/api/media/" + world.mediaId + "/comments",
                                "{\"text\":\"team only\",\"frame\":1}"),
                        201)
                .get("id")
                .asText();
        var full = json(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},"
                                + "\"rights\":[\"view\",\"comment\",\"approve\",\"download\"],\"live\":true}"),
                201);
        shareId = full.get("id").asText();
        linkToken = full.get("token").asText();
        fullGuest = guest(linkToken);
        viewGuest = guest(json(
                        world.call(
                                EDITOR,
                                "POST",
                                "/api/shares",
                                "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId
                                        + "\"},\"rights\":[\"view\"]}"),
                        201)
                .get("token")
                .asText());
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void outsideItsLinkAGuestTokenGets401Or404OnEveryRoute() throws Exception {
        Map<String, String> wrong = new LinkedHashMap<>();
        int walked = 0;
        for (Map.Entry<String, RouteRule> route : RouteTable.product().all().entrySet()) {
            if (route.getValue().action() == Action.PUBLIC || route.getKey().equals("GET /api/ws")) {
                continue; // open to everyone (sign-in, server facts, opening a link)
            }
            if (route.getValue().action() == Action.GUEST_SESSION) {
                continue; // the guest's own routes: below
            }
            String method = route.getKey().substring(0, route.getKey().indexOf(' '));
            String path = outside(route.getKey().substring(method.length() + 1));
            HttpResponse<String> answer = send(fullGuest, method, path);
            walked++;
            if (answer.statusCode() != 401 && answer.statusCode() != 404) {
                wrong.put(method + " " + path, answer.statusCode() + " " + abbreviate(answer.body()));
            }
        }
        assertTrue(walked > 50, "walked only " + walked + " routes");
        assertTrue(wrong.isEmpty(), "a guest reached outside its link:\n" + String.join("\n", lines(wrong)));
    }

    @Test
    void insideItsLinkAGuestGetsWhatTheRightsSay() throws Exception {
        String m = "/api/media/" + world.mediaId;
        // route, answer to the guest with every right, answer to the view-only guest
        List<Object[]> rows = List.of(
                new Object[] {"GET", m, 200, 200},
                new Object[] {"GET", m + "/stream", 200, 200},
                new Object[] {"HEAD", m + "/stream", 200, 200},
                new Object[] {"GET", m + "/frames/3", 200, 200},
                new Object[] {"GET", m + "/poster", 200, 200},
                new Object[] {"GET", m + "/sprites.json", 200, 200},
                new Object[] {"GET", m + "/waveform.json", 200, 200},
                new Object[] {"GET", m + "/framemap", 200, 200},
                // Subtitles are read by whoever views; guests never add or remove them.
                new Object[] {"GET", m + "/subtitles", 200, 200},
                new Object[] {"GET", m + "/subtitles/search?q=x", 200, 200},
                new Object[] {"POST", m + "/subtitles", 403, 403},
                new Object[] {"DELETE", m + "/subtitles/" + NOBODY, 403, 403},
                new Object[] {"GET", m + "/comments", 200, 403},
                new Object[] {"POST", m + "/comments", 201, 403},
                new Object[] {"GET", m + "/markers?format=csv", 200, 403},
                new Object[] {"PUT", "/api/assets/" + world.assetId + "/versions/1/approval", 200, 403},
                new Object[] {"DELETE", m, 403, 403},
                new Object[] {"GET", "/api/assets/" + world.assetId, 404, 404},
                new Object[] {"PATCH", "/api/comments/" + teamNote, 403, 403},
                new Object[] {"DELETE", "/api/comments/" + teamNote, 403, 403},
                new Object[] {"GET", "/api/guest/view", 200, 200},
                new Object[] {"GET", "/api/shares/" + shareId, 401, 401});
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String method = (String) row[0];
            String path = (String) row[1];
            check(wrong, "every right", send(fullGuest, method, path), (int) row[2], method + " " + path);
            check(wrong, "view only", send(viewGuest, method, path), (int) row[3], method + " " + path);
        }
        HttpResponse<String> beat = AccessWorld.HTTP.send(
                request(
                        fullGuest,
                        "POST",
                        "/api/guest/heartbeat",
                        "{\"mediaId\":\"" + world.mediaId + "\",\"fromFrame\":0,\"toFrame\":30,\"seconds\":1}"),
                HttpResponse.BodyHandlers.ofString());
        check(wrong, "every right", beat, 204, "POST /api/guest/heartbeat");
        HttpResponse<String> outsideBeat = AccessWorld.HTTP.send(
                request(
                        fullGuest,
                        "POST",
                        "/api/guest/heartbeat",
                        "{\"mediaId\":\"" + outsideMedia + "\",\"fromFrame\":0,\"toFrame\":1,\"seconds\":1}"),
                HttpResponse.BodyHandlers.ofString());
        check(wrong, "every right", outsideBeat, 404, "POST /api/guest/heartbeat (outside media)");
        assertTrue(wrong.isEmpty(), String.join("\n", lines(wrong)));
        assertEquals(401, send(NOBODY_GUEST, "GET", "/api/guest/view").statusCode());
    }

    private static final String NOBODY_GUEST = "fwg_" + "A".repeat(43);

    /** The route's path with every parameter naming something outside the guest's link. */
    private String outside(String path) {
        String id;
        if (path.startsWith("/api/media/")) {
            id = outsideMedia;
        } else if (path.startsWith("/api/assets/")) {
            id = outsideAsset;
        } else if (path.startsWith("/api/projects/")) {
            id = world.projectId;
        } else if (path.startsWith("/api/comments/")) {
            id = NOBODY;
        } else if (path.startsWith("/api/shares/")) {
            id = shareId;
        } else if (path.startsWith("/api/admin/users/")) {
            id = world.userIds.get(EDITOR);
        } else {
            id = NOBODY;
        }
        return path.replace("{id}", id)
                .replace("{n}", "0")
                .replace("{number}", "1")
                .replace("{token}", linkToken)
                .replace("{rendition}", "720p")
                .replace("{file}", "index.m3u8")
                .replace("{sid}", NOBODY)
                .replace("{attachmentId}", NOBODY)
                .replace("{cutId}", NOBODY);
    }

    private String guest(String token) throws Exception {
        return json(
                        world.call(
                                ANONYMOUS,
                                "POST",
                                "/api/guest/sessions",
                                "{\"token\":\"" + token + "\",\"name\":\"Matrix\"}"),
                        201)
                .get("guestToken")
                .asText();
    }

    private String assetOf(String mediaId) throws Exception {
        for (var asset : json(world.call(EDITOR, "GET", "/api/projects/" + world.projectId + "/assets", null), 200)) {
            for (var version : asset.path("versions")) {
                if (mediaId.equals(version.path("mediaId").asText())) {
                    return asset.get("id").asText();
                }
            }
        }
        throw new AssertionError("no asset holds " + mediaId);
    }

    private HttpResponse<String> send(String guestToken, String method, String path) throws Exception {
        String body = Set.of("POST", "PUT", "PATCH").contains(method) ? bodyFor(path) : null;
        return AccessWorld.HTTP.send(request(guestToken, method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private String bodyFor(String path) {
        if (path.endsWith("/comments")) {
            return "{\"text\":\"from a guest\",\"frame\":1}";
        }
        if (path.startsWith("/api/comments/")) {
            return "{\"text\":\"changed by a guest\"}";
        }
        if (path.endsWith("/approval")) {
            return "{\"status\":\"approved\"}";
        }
        return "{}";
    }

    private java.net.http.HttpRequest request(String guestToken, String method, String path, String body) {
        var b = java.net.http.HttpRequest.newBuilder(world.uri(path))
                .timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + guestToken)
                .method(
                        method,
                        body == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (path.startsWith("/api/tus")) {
            b.header("Tus-Resumable", "1.0.0");
        }
        return b.build();
    }

    private static void check(
            Map<String, String> wrong, String who, HttpResponse<String> r, int expected, String what) {
        if (r.statusCode() != expected) {
            wrong.put(
                    what + " as the guest with " + who,
                    "expected " + expected + ", got " + r.statusCode() + " " + abbreviate(r.body()));
        }
    }

    private static List<String> lines(Map<String, String> wrong) {
        return wrong.entrySet().stream()
                .map(e -> "  " + e.getKey() + ": " + e.getValue())
                .toList();
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }
}
