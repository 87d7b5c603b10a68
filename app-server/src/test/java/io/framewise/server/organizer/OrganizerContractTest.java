package io.framewise.server.organizer;

import static io.framewise.server.organizer.OrganizerApi.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.organizer.sdk.testing.OrganizerTestKit;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.AccessRule;
import io.framewise.server.access.AccessRule.Opinion.Verdict;
import io.framewise.server.access.Action;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every RPC of both services through the Java SDK, with the organizer running as its own process
 * against a real server, started by the server from its command line.
 */
class OrganizerContractTest {

    @TempDir
    Path data;

    @Test
    void everyHookAndHostCallWorksEndToEnd() throws Exception {
        ServerConfig config = ServerConfig.defaults(data)
                .withPort(0)
                .withWorkers(1)
                .withOrganizers(
                        // Generous deadlines: a busy test machine must not turn a slow answer into a failure.
                        OrganizerSettings.none()
                                .withCommand(OrganizerTestKit.command(ContractOrganizer.class))
                                .withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        try (FramewiseServer server = FramewiseServer.start(config)) {
            OrganizerApi api = new OrganizerApi(server);

            // The handshake: admins see it running, with the hooks the SDK found overridden.
            JsonNode states = api.get("/api/admin/organizers");
            assertEquals(2, states.size(), states.toString());
            assertEquals("folders", states.get(0).get("name").asText());
            assertTrue(states.get(0).get("builtIn").asBoolean());
            JsonNode contract = states.get(1);
            assertEquals("contract", contract.get("name").asText(), states.toString());
            assertEquals("running", contract.get("state").asText());
            assertEquals("3.1", contract.get("version").asText());
            assertEquals("1.1", contract.get("apiVersion").asText());
            assertEquals(
                    List.of(
                            "authorize",
                            "list_folder",
                            "on_approval_changed",
                            "on_media_added",
                            "on_media_ready",
                            "on_note_added",
                            "run_action"),
                    texts(contract.get("hooks")));

            // OnMediaAdded and OnMediaReady: the organizer answers by notifying.
            String[] ids = api.projectWithAsset("Contract", "Shot 10");
            String project = ids[0];
            String asset = ids[1];
            String media = ids[2];
            await("media-added", Duration.ofSeconds(20), () -> notifications(api), n -> n.stream()
                    .anyMatch(t -> t.startsWith("media-added " + media + " ")));
            String ready = await("media-ready", Duration.ofSeconds(60), () -> notifications(api), n -> n.stream()
                            .anyMatch(t -> t.startsWith("media-ready " + media + " ready")))
                    .stream()
                    .filter(t -> t.startsWith("media-ready " + media))
                    .findFirst()
                    .orElseThrow();
            assertEquals("media-ready " + media + " ready 100", ready);

            // OnNoteAdded.
            String note = api.ok("POST", "/api/media/" + media + "/comments", "{\"text\":\"Too dark\",\"frame\":12}")
                    .get("id")
                    .asText();
            await(
                    "note-added",
                    Duration.ofSeconds(20),
                    () -> notifications(api),
                    n -> n.contains("note-added " + note + " 12"));

            // OnApprovalChanged.
            api.ok("PUT", "/api/assets/" + asset + "/versions/1/approval", "{\"status\":\"approved\"}");
            await(
                    "approval-changed",
                    Duration.ofSeconds(20),
                    () -> notifications(api),
                    n -> n.contains("approval-changed " + asset + " 1 approved"));

            // RunAction: every host RPC, checked inside the organizer.
            JsonNode done = api.ok(
                    "POST",
                    "/api/actions",
                    "{\"organizer\":\"contract\",\"action\":\"exercise-host\",\"parameters\":{\"mediaId\":\"" + media
                            + "\",\"projectId\":\"" + project + "\",\"noteId\":\"" + note + "\"}}");
            assertEquals("ok", done.get("message").asText(), done.toString());
            assertTrue(notifications(api).contains("hello from contract"));
            JsonNode tags = api.get("/api/assets/" + asset + "/tags");
            assertEquals(List.of("review", "x"), texts(tags.get("tags")));
            assertEquals(
                    404,
                    api.call("POST", "/api/actions", "{\"organizer\":\"contract\",\"action\":\"nope\"}")
                            .status());
            assertEquals(
                    404,
                    api.call("POST", "/api/actions", "{\"organizer\":\"nobody\",\"action\":\"x\"}")
                            .status());
            assertEquals(
                    422, api.call("POST", "/api/actions", "{\"action\":\"x\"}").status());

            // ListFolder: the organizer's own path, and UNIMPLEMENTED elsewhere means the default.
            JsonNode page = api.get("/api/folders?path=/contract");
            assertEquals("contract", page.get("organizer").asText());
            assertEquals("Contract page for local", page.get("title").asText());
            assertEquals("/contract/x", page.at("/folders/0/path").asText());
            JsonNode root = api.get("/api/folders?path=/");
            assertEquals("folders", root.get("organizer").asText());
            assertTrue(StreamSupport.stream(root.get("actions").spliterator(), false)
                    .anyMatch(a -> a.get("organizer").asText().equals("contract")
                            && a.get("id").asText().equals("exercise-host")));

            // Authorize: the organizer's opinions reach the server's access rules.
            api.ok("PUT", "/api/assets/" + asset + "/tags", "{\"tags\":[\"secret\"]}");
            AccessRule rule = server.organizers().accessRules().get(1);
            Principal viewer = new Principal.Person("u1", "viewer", "Viewer", false, Principal.Credential.local());
            Principal admin = new Principal.Person("u2", "boss", "Boss", true, Principal.Credential.local());
            assertEquals(
                    Verdict.DENY,
                    rule.decide(viewer, Action.ASSET_VIEW, new Resource.Asset(asset))
                            .verdict());
            assertEquals(
                    Verdict.NO_OPINION,
                    rule.decide(admin, Action.ASSET_VIEW, new Resource.Asset(asset))
                            .verdict());
            api.ok("PUT", "/api/assets/" + asset + "/tags", "{\"tags\":[\"open\"]}");
            assertEquals(
                    Verdict.ALLOW,
                    rule.decide(viewer, Action.ASSET_VIEW, new Resource.Asset(asset))
                            .verdict());
            assertEquals(
                    Verdict.NO_OPINION,
                    rule.decide(viewer, Action.MEDIA_VIEW, new Resource.Media(media))
                            .verdict());
            // The built-in folders organizer does not take part in access decisions.
            assertEquals(
                    Verdict.NO_OPINION,
                    server.organizers()
                            .accessRules()
                            .get(0)
                            .decide(viewer, Action.ASSET_VIEW, new Resource.Asset(asset))
                            .verdict());
            // So only the contract organizer's rule counts, and lists ask about each item again.
            assertFalse(server.organizers().accessRules().get(0).takesPart());
            assertTrue(rule.takesPart());
            assertFalse(server.access().authorizer().rolesAlone());
        }
    }

    static List<String> notifications(OrganizerApi api) throws Exception {
        List<String> texts = new ArrayList<>();
        api.get("/api/notifications").forEach(n -> texts.add(n.get("text").asText()));
        return texts;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
