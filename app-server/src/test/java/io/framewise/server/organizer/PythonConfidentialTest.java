package io.framewise.server.organizer;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python example organizer, its code generated with Debian's protoc and grpc_python_plugin and
 * run by Debian's python3 against a real server with accounts and project roles.
 */
class PythonConfidentialTest {

    static final Path EXAMPLE = Path.of("..", "organizer-sdk", "examples", "python-confidential")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path data;

    @TempDir
    Path generated;

    private static List<String> texts(JsonNode notifications) {
        List<String> out = new ArrayList<>();
        notifications.forEach(n -> out.add(n.get("text").asText()));
        return out;
    }

    private static List<String> assetIds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("assets").forEach(a -> out.add(a.get("id").asText()));
        return out;
    }

    @Test
    void confidentialAssetsAreHiddenAndReviewersAreAskedToReview() throws Exception {
        Process generate = new ProcessBuilder(
                        "/bin/sh", EXAMPLE.resolve("regenerate.sh").toString(), generated.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, generate.waitFor(), "regenerate.sh failed: " + output);

        OrganizerSettings python = OrganizerSettings.none()
                .withCommand(List.of(
                        "/usr/bin/python3",
                        EXAMPLE.resolve("confidential_organizer.py").toString(),
                        "--generated",
                        generated.toString()))
                // Generous deadlines: a busy test machine must not turn a slow answer into a denial.
                .withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(30));
        try (AccessWorld world = new AccessWorld(data, true, python)) {
            JsonNode state = json(world.call(ADMIN, "GET", "/api/admin/organizers", null), 200)
                    .get(1);
            assertEquals("confidential", state.get("name").asText(), state.toString());
            assertEquals("running", state.get("state").asText(), state.toString());
            assertEquals(List.of("authorize", "run_action"), OrganizerContractTest.texts(state.get("hooks")));
            String asset = world.assetId;
            String media = world.mediaId;
            String projectPage = "/api/folders?path=/projects/" + world.projectId;

            // "Request review" is offered on pages and notifies the project's reviewer.
            JsonNode page = json(world.call(EDITOR, "GET", projectPage, null), 200);
            assertTrue(
                    page.get("actions").toString().contains("\"organizer\":\"confidential\",\"id\":\"request-review\""),
                    page.get("actions").toString());
            JsonNode done = json(
                    world.call(
                            EDITOR,
                            "POST",
                            "/api/actions",
                            "{\"organizer\":\"confidential\",\"action\":\"request-review\",\"target\":{\"type\":\"asset\",\"id\":\""
                                    + asset + "\"}}"),
                    200);
            assertEquals(
                    "Asked 1 reviewer to review Shot 1.", done.get("message").asText());
            JsonNode inbox = json(world.call(REVIEWER, "GET", "/api/notifications", null), 200);
            assertEquals(List.of("editor asks you to review \"Shot 1\""), texts(inbox));
            assertEquals(asset, inbox.get(0).at("/subject/id").asText());
            assertEquals("confidential", inbox.get(0).get("source").asText());
            assertTrue(inbox.get(0).get("readAt").isNull());
            String note = inbox.get(0).get("id").asText();
            assertEquals(
                    404,
                    world.call(EDITOR, "POST", "/api/notifications/" + note + "/read", null)
                            .statusCode());
            assertEquals(
                    204,
                    world.call(REVIEWER, "POST", "/api/notifications/" + note + "/read", null)
                            .statusCode());
            assertTrue(json(world.call(REVIEWER, "GET", "/api/notifications", null), 200)
                    .get(0)
                    .get("readAt")
                    .isTextual());
            assertEquals(List.of(), texts(json(world.call(VIEWER, "GET", "/api/notifications", null), 200)));
            assertEquals(
                    422,
                    world.call(
                                    EDITOR,
                                    "POST",
                                    "/api/actions",
                                    "{\"organizer\":\"confidential\",\"action\":\"request-review\",\"target\":{\"type\":\"media\",\"id\":\""
                                            + media + "\"}}")
                            .statusCode());

            // Before the tag, every member sees the asset.
            assertEquals(
                    200, world.call(VIEWER, "GET", "/api/assets/" + asset, null).statusCode());

            // Its uploader (the editor) marks it confidential: only they and admins see it now.
            json(world.call(EDITOR, "PUT", "/api/assets/" + asset + "/tags", "{\"tags\":[\"Confidential\"]}"), 200);
            for (Who hidden : new Who[] {VIEWER, REVIEWER, OUTSIDER}) {
                assertEquals(
                        404,
                        world.call(hidden, "GET", "/api/assets/" + asset, null).statusCode(),
                        hidden.name());
                assertEquals(
                        404,
                        world.call(hidden, "GET", "/api/media/" + media, null).statusCode(),
                        hidden.name());
                assertEquals(
                        404,
                        world.call(hidden, "GET", "/api/media/" + media + "/comments", null)
                                .statusCode(),
                        hidden.name());
            }
            for (Who allowed : new Who[] {EDITOR, ADMIN}) {
                assertEquals(
                        200,
                        world.call(allowed, "GET", "/api/assets/" + asset, null).statusCode(),
                        allowed.name());
                assertEquals(
                        200,
                        world.call(allowed, "GET", "/api/media/" + media, null).statusCode(),
                        allowed.name());
            }
            // Library pages leave it out for those who may not open it.
            assertEquals(List.of(), assetIds(json(world.call(VIEWER, "GET", projectPage, null), 200)));
            assertEquals(List.of(asset), assetIds(json(world.call(EDITOR, "GET", projectPage, null), 200)));
            assertEquals(List.of(asset), assetIds(json(world.call(ADMIN, "GET", projectPage, null), 200)));

            // Untagged again, the viewer sees it again.
            json(world.call(EDITOR, "PUT", "/api/assets/" + asset + "/tags", "{\"tags\":[]}"), 200);
            assertEquals(
                    200, world.call(VIEWER, "GET", "/api/assets/" + asset, null).statusCode());
        }
    }
}
