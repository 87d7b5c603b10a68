package io.framewise.server.access;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker would type: SQL in names, overlong and look-alike user names, paths that climb
 * out of the data folder in every file name the server takes, and markup in text. Each is refused
 * in words or kept as plain data; nothing stored is lost and nothing escapes the data folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private AccessWorld world;
    private Path data;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        world = new AccessWorld(dir);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private HttpResponse<String> createUser(String name) throws Exception {
        String body = AccessWorld.JSON.writeValueAsString(Map.of("name", name, "password", AccessWorld.PASSWORD));
        return world.call(ADMIN, "POST", "/api/admin/users", body);
    }

    @Test
    void hostileUserNamesAreRefusedInWords() throws Exception {
        for (String name : List.of(
                "robert'); DROP TABLE users;--",
                "x".repeat(65),
                "p\u0430ypal", // Cyrillic a among Latin letters
                "admin\u200b", // zero-width space
                "../../etc/passwd",
                "<script>alert(1)</script>",
                "")) {
            HttpResponse<String> response = createUser(name);
            assertEquals(422, response.statusCode(), name + ": " + response.body());
            assertTrue(
                    AccessWorld.JSON
                                    .readTree(response.body())
                                    .path("error")
                                    .path("message")
                                    .asText()
                                    .length()
                            > 10,
                    response.body());
        }
        // Look-alikes of an existing name are the same account, not a second one.
        assertEquals(201, createUser("Ｍａｌｌｏｒｙ").statusCode()); // full-width letters
        assertEquals(409, createUser("mallory").statusCode());
        assertEquals(409, createUser("MALLORY").statusCode());
        // Nothing was dropped: every account is still there.
        JsonNode users = AccessWorld.json(world.call(ADMIN, "GET", "/api/admin/users", null), 200);
        assertTrue(users.size() >= 6, users.toString());
    }

    @Test
    void sqlInASignInIsJustAWrongName() throws Exception {
        HttpResponse<String> response = world.call(
                ANONYMOUS,
                "POST",
                "/api/auth/login",
                "{\"username\":\"admin' OR '1'='1\",\"password\":\"' OR '1'='1\"}");
        assertEquals(401, response.statusCode(), response.body());
        for (String garbage : List.of("{", "[]", "{\"username\":5}", "null", "\u0000\u0001")) {
            int status =
                    world.call(ANONYMOUS, "POST", "/api/auth/login", garbage).statusCode();
            assertTrue(status == 400 || status == 422, garbage + " -> " + status);
        }
    }

    @Test
    void fileNamesThatClimbOutOfTheDataFolderStayInside() throws Exception {
        String evil = "../../../../tmp/evil-" + System.nanoTime() + ".mov";
        HttpResponse<String> plain = world.call(
                EDITOR,
                "POST",
                "/api/media?filename=" + URLEncoder.encode(evil, StandardCharsets.UTF_8),
                "not media",
                Map.of("Content-Type", "application/octet-stream"));
        assertEquals(201, plain.statusCode(), plain.body());
        // The name is kept as data, shown to people as they typed it...
        assertEquals(evil, AccessWorld.JSON.readTree(plain.body()).path("name").asText());

        String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"..\\\\..\\\\win.ini\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nnot media\r\n--b--\r\n";
        HttpResponse<String> form = world.call(
                EDITOR, "POST", "/api/media", multipart, Map.of("Content-Type", "multipart/form-data; boundary=b"));
        assertEquals(201, form.statusCode(), form.body());

        String metadata = "filename " + Base64.getEncoder().encodeToString("../../../etc/cron.d/x".getBytes());
        HttpResponse<String> tus = world.call(
                EDITOR,
                "POST",
                "/api/tus",
                null,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "9", "Upload-Metadata", metadata));
        assertEquals(201, tus.statusCode(), tus.body());
        String location = tus.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> patch = world.call(
                EDITOR,
                "PATCH",
                location.substring(location.indexOf("/api/")),
                "not media",
                Map.of(
                        "Tus-Resumable", "1.0.0",
                        "Upload-Offset", "0",
                        "Content-Type", "application/offset+octet-stream"));
        assertEquals(204, patch.statusCode(), patch.body());

        // ...and every file the uploads made is inside the data folder.
        assertTrue(Files.notExists(Path.of("/tmp").resolve(Path.of(evil).getFileName())));
        try (Stream<Path> files = Files.walk(data)) {
            List<Path> stored = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("media"))
                    .toList();
            stored.forEach(p -> assertTrue(p.normalize().startsWith(data), p.toString()));
        }
    }

    /**
     * Every JSON route, sent a body of the wrong shape as a whole ({@code null}, a string, an array
     * where an object belongs or the other way round, broken JSON), answers 400 saying so; an empty
     * object or array is refused in words too (4xx), never with a 500.
     */
    @Test
    void everyJsonRouteRefusesABodyOfTheWrongShapeIn400() throws Exception {
        Set<String> noJsonBody = Set.of(
                "POST /api/media",
                "POST /api/templates/files",
                "POST /api/media/{id}/edl",
                "POST /api/auth/logout",
                "POST /api/me/sign-out-everywhere",
                "POST /api/notifications/{id}/read",
                "POST /api/media/{id}/scene-cuts/accept-all",
                "POST /api/media/{id}/scene-cuts/{cutId}/accept");
        Set<String> arrayBodies = Set.of("PUT /api/projects/{id}/members");
        // Routes only a share link's guest may call are sent as one.
        Map<String, String> guest = Map.of("Authorization", "Bearer " + world.guestToken(world.assetId));
        List<String> wrong = new ArrayList<>();
        int routes = 0;
        for (String route : RouteTable.product().all().keySet()) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            if (!Set.of("POST", "PUT", "PATCH").contains(method)
                    || template.startsWith("/api/tus")
                    || noJsonBody.contains(route)) {
                continue;
            }
            routes++;
            boolean array = arrayBodies.contains(route);
            List<String> wrongShapes = new ArrayList<>(List.of("null", "\"x\"", "42", "{", array ? "{}" : "[]"));
            for (String body : wrongShapes) {
                HttpResponse<String> response = guestOnly(route)
                        ? world.call(ANONYMOUS, method, path(template), body, guest)
                        : world.call(ADMIN, method, path(template), body);
                JsonNode error = AccessWorld.JSON.readTree(response.body()).path("error");
                if (response.statusCode() != 400
                        || error.path("message").asText().isEmpty()) {
                    wrong.add(route + " with " + body + ": " + response.statusCode() + " " + response.body());
                }
            }
            HttpResponse<String> empty = guestOnly(route)
                    ? world.call(ANONYMOUS, method, path(template), "{}", guest)
                    : world.call(ADMIN, method, path(template), array ? "[]" : "{}");
            if (empty.statusCode() >= 500) {
                wrong.add(route + " with an empty body: " + empty.statusCode() + " " + empty.body());
            }
        }
        assertTrue(routes >= 14, "JSON routes found: " + routes);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // The answer says what the body must be.
        HttpResponse<String> tags = world.call(ADMIN, "PUT", "/api/assets/" + world.assetId + "/tags", "null");
        assertEquals(
                "the request body must be a JSON object",
                AccessWorld.JSON
                        .readTree(tags.body())
                        .path("error")
                        .path("message")
                        .asText());
        HttpResponse<String> actions = world.call(ADMIN, "POST", "/api/actions", "[]");
        assertEquals(
                "the request body must be a JSON object",
                AccessWorld.JSON
                        .readTree(actions.body())
                        .path("error")
                        .path("message")
                        .asText());
    }

    /** A route's path with real ids of the world in its parameters. */
    private String path(String template) throws Exception {
        String id;
        if (template.startsWith("/api/projects/")) {
            id = world.projectId;
        } else if (template.startsWith("/api/assets/")) {
            id = world.assetId;
        } else if (template.startsWith("/api/media/")) {
            id = world.mediaId;
        } else if (template.startsWith("/api/comments/")) {
            id = world.reviewerNote();
        } else if (template.startsWith("/api/admin/users/")) {
            id = world.userIds.get(AccessWorld.Who.OUTSIDER);
        } else {
            id = "AAAAAAAAAAAAAAAAAAAAAA";
        }
        return template.replace("{id}", id).replace("{number}", "1");
    }

    @Test
    void markupInTextIsStoredAndServedAsText() throws Exception {
        String text = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"";
        JsonNode created = AccessWorld.json(
                world.call(
                        REVIEWER,
                        "POST",
                        "/api/media/" + world.mediaId + "/comments",
                        AccessWorld.JSON.writeValueAsString(Map.of("text", text, "frame", 2))),
                201);
        HttpResponse<String> list = world.call(REVIEWER, "GET", "/api/media/" + world.mediaId + "/comments", null);
        assertTrue(list.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        boolean found = false;
        for (JsonNode note : AccessWorld.JSON.readTree(list.body()).path("items")) {
            if (note.path("id").asText().equals(created.path("id").asText())) {
                assertEquals(text, note.path("text").asText());
                assertEquals("reviewer", note.path("authorName").asText());
                found = true;
            }
        }
        assertTrue(found, list.body());
        JsonNode token = AccessWorld.json(
                world.call(EDITOR, "POST", "/api/tokens", AccessWorld.JSON.writeValueAsString(Map.of("name", text))),
                201);
        assertEquals(text, token.path("name").asText());
    }

    private static boolean guestOnly(String route) {
        return RouteTable.product().all().get(route).action() == Action.GUEST_SESSION;
    }
}
