package io.framewise.server.organizer;

import static io.framewise.server.organizer.OrganizerApi.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.organizer.sdk.Organizer;
import io.framewise.organizer.sdk.testing.OrganizerTestKit;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.AccessRule;
import io.framewise.server.access.AccessRule.Opinion;
import io.framewise.server.access.AccessRule.Opinion.Verdict;
import io.framewise.server.access.Action;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Organizers that hang, die mid-call, answer garbage or speak another API version never take the
 * server down: it keeps serving, denies what their Authorize had to decide, falls back to the
 * built-in folder pages, and restarts them.
 */
class OrganizerFaultTest {

    private static final Principal VIEWER =
            new Principal.Person("u1", "viewer", "Viewer", false, Principal.Credential.local());
    private static final Resource ASSET = new Resource.Asset("AAAAAAAAAAAAAAAAAAAAAA");

    @TempDir
    Path data;

    private FramewiseServer start(List<String> command) {
        return FramewiseServer.start(ServerConfig.defaults(data)
                .withPort(0)
                .withWorkers(1)
                .withOrganizers(OrganizerSettings.none()
                        .withCommand(command)
                        .withDeadlines(Duration.ofMillis(300), Duration.ofSeconds(1))));
    }

    private static List<String> java(Class<? extends Organizer> type) {
        return OrganizerTestKit.command(type);
    }

    private static List<String> malformed(String... args) {
        List<String> command = new ArrayList<>(OrganizerTestKit.command(Organizer.class));
        // Replace "OrganizerMain io.framewise.organizer.sdk.Organizer" with the raw organizer's main.
        command.subList(command.size() - 2, command.size()).clear();
        command.add(FaultyOrganizers.Malformed.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static JsonNode external(OrganizerApi api) throws Exception {
        return api.get("/api/admin/organizers").get(1);
    }

    private static void awaitRestarted(OrganizerApi api) throws Exception {
        await(
                "a restart",
                Duration.ofSeconds(30),
                () -> external(api),
                s -> s.get("restarts").asInt() >= 1 && s.get("state").asText().equals("running"));
    }

    @Test
    void hangingOrganizerIsDeniedBypassedAndRestarted() throws Exception {
        try (FramewiseServer server = start(java(FaultyOrganizers.Hanging.class))) {
            OrganizerApi api = new OrganizerApi(server);
            AccessRule rule = server.organizers().accessRules().get(1);
            assertEquals("running", external(api).get("state").asText());

            Opinion opinion = rule.decide(VIEWER, Action.ASSET_VIEW, ASSET);
            assertEquals(Verdict.DENY, opinion.verdict());
            assertTrue(opinion.reason().contains("deadline_exceeded"), opinion.reason());
            // The server keeps serving, and pages come from the built-in organizer after the deadline.
            assertEquals(200, api.call("GET", "/api/health", null).status());
            JsonNode page = api.get("/api/folders?path=/");
            assertEquals("folders", page.get("organizer").asText());
            assertEquals(
                    Verdict.DENY, rule.decide(VIEWER, Action.ASSET_VIEW, ASSET).verdict());

            awaitRestarted(api);
            String lastError = external(api).get("lastError").asText();
            assertTrue(lastError.contains("DEADLINE_EXCEEDED"), lastError);
            assertEquals(
                    Verdict.DENY, rule.decide(VIEWER, Action.ASSET_VIEW, ASSET).verdict());
        }
    }

    @Test
    void organizerDyingMidCallIsDeniedAndRestarted() throws Exception {
        try (FramewiseServer server = start(java(FaultyOrganizers.Exiting.class))) {
            OrganizerApi api = new OrganizerApi(server);
            AccessRule rule = server.organizers().accessRules().get(1);

            Opinion opinion = rule.decide(VIEWER, Action.MEDIA_VIEW, new Resource.Media("AAAAAAAAAAAAAAAAAAAAAA"));
            assertEquals(Verdict.DENY, opinion.verdict(), opinion.reason());
            // Down or restarting, it still claims the hook: deny, never a silent allow.
            assertEquals(
                    Verdict.DENY, rule.decide(VIEWER, Action.ASSET_VIEW, ASSET).verdict());
            assertEquals(200, api.call("GET", "/api/health", null).status());

            awaitRestarted(api);
            // Either the exit or the broken call is the latest failure, depending on which was seen first.
            String lastError = external(api).get("lastError").asText();
            assertTrue(lastError.contains("exited with status 3") || lastError.contains("UNAVAILABLE"), lastError);
        }
    }

    @Test
    void malformedAnswersAreDeniedIgnoredAndRestarted() throws Exception {
        try (FramewiseServer server = start(malformed())) {
            OrganizerApi api = new OrganizerApi(server);
            assertEquals("malformed", external(api).get("name").asText());
            AccessRule rule = server.organizers().accessRules().get(1);

            Opinion opinion = rule.decide(VIEWER, Action.ASSET_VIEW, ASSET);
            assertEquals(Verdict.DENY, opinion.verdict());
            assertTrue(opinion.reason().contains("without a verdict"), opinion.reason());
            JsonNode page = api.get("/api/folders?path=/");
            assertEquals("folders", page.get("organizer").asText(), "a page without a path is not used");
            assertEquals(
                    Verdict.DENY, rule.decide(VIEWER, Action.ASSET_VIEW, ASSET).verdict());

            awaitRestarted(api);
        }
    }

    @Test
    void anotherMajorApiVersionIsRefusedForGood() throws Exception {
        try (FramewiseServer server = start(malformed("future"))) {
            OrganizerApi api = new OrganizerApi(server);
            JsonNode state = external(api);
            assertEquals("failed", state.get("state").asText(), state.toString());
            assertTrue(state.get("lastError").asText().contains("speaks API 2.0"), state.toString());
            assertTrue(state.get("lastError").asText().contains("major versions must match"), state.toString());
            assertEquals(0, state.get("restarts").asInt());
            // Configured to decide access but unable to: deny.
            assertEquals(
                    Verdict.DENY,
                    server.organizers()
                            .accessRules()
                            .get(1)
                            .decide(VIEWER, Action.ASSET_VIEW, ASSET)
                            .verdict());
            assertEquals(
                    "folders", api.get("/api/folders?path=/").get("organizer").asText());
        }
    }
}
