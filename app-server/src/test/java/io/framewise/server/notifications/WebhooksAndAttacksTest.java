package io.framewise.server.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.framewise.model.testing.Await;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks delivered to a real HTTP receiver on a loopback port, which checks each signature the way
 * a receiver should; and the attacks: a mention of someone outside the project, a webhook for
 * another project, URLs that are not http(s), settings that are garbage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksAndAttacksTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** What the receiver got: the headers it checks and the exact body. */
    record Delivery(String signature, String timestamp, String event, String id, String body, boolean valid) {}

    private AccessWorld world;
    private HttpServer receiver;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger(1);
    private volatile String secret = "";

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Framewise-Signature");
            String timestamp = exchange.getRequestHeaders().getFirst("X-Framewise-Timestamp");
            boolean valid = signature != null
                    && timestamp != null
                    && java.security.MessageDigest.isEqual(
                            signature.getBytes(StandardCharsets.US_ASCII),
                            WebhookEvents.signature(secret, Long.parseLong(timestamp), body)
                                    .getBytes(StandardCharsets.US_ASCII));
            received.add(new Delivery(
                    signature,
                    timestamp,
                    exchange.getRequestHeaders().getFirst("X-Framewise-Event"),
                    exchange.getRequestHeaders().getFirst("X-Framewise-Delivery"),
                    new String(body, StandardCharsets.UTF_8),
                    valid));
            int status = failFirst.getAndDecrement() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aSignedDeliveryIsRetriedAfterA500() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        JsonNode hook = AccessWorld.json(
                world.call(
                        Who.ADMIN,
                        "POST",
                        "/api/webhooks",
                        "{\"url\":\"" + url + "\",\"projectId\":\"" + world.projectId
                                + "\",\"kinds\":[\"note.created\"]}"),
                201);
        secret = hook.get("secret").asText();
        assertEquals(64, secret.length());
        String noteId = AccessWorld.json(
                        world.call(
                                Who.REVIEWER,
                                "POST",
                                "/api/media/" + world.mediaId + "/comments",
                                "{\"text\":\"Hook me\",\"frame\":7}"),
                        201)
                .get("id")
                .asText();

        Await.until("the first delivery", DEADLINE, () -> received.size() >= 1);
        String id = hook.get("id").asText();
        JsonNode first = Await.value("the failed attempt in the log", DEADLINE, () -> {
            JsonNode log =
                    AccessWorld.json(world.call(Who.ADMIN, "GET", "/api/webhooks/" + id + "/deliveries", null), 200);
            return log.size() == 1 && log.get(0).get("attempts").asInt() == 1 ? log.get(0) : null;
        });
        assertEquals("pending", first.get("state").asText());
        assertEquals(500, first.get("lastStatus").asInt());

        world.clock.advance(Duration.ofMinutes(1));
        Await.until("the retry", DEADLINE, () -> received.size() >= 2);
        JsonNode log = Await.value("the delivery marked sent", DEADLINE, () -> {
            JsonNode l =
                    AccessWorld.json(world.call(Who.ADMIN, "GET", "/api/webhooks/" + id + "/deliveries", null), 200);
            return l.get(0).get("state").asText().equals("sent") ? l : null;
        });
        assertEquals(2, log.get(0).get("attempts").asInt());
        assertEquals(204, log.get(0).get("lastStatus").asInt());

        for (Delivery d : received) {
            assertTrue(d.valid(), "signature checks out: " + d);
            assertTrue(d.signature().matches("sha256=[0-9a-f]{64}"), d.signature());
            assertEquals("note.created", d.event());
            assertEquals(log.get(0).get("id").asText(), d.id());
        }
        assertEquals(received.get(0).body(), received.get(1).body(), "the same delivery, byte for byte");
        JsonNode body = AccessWorld.JSON.readTree(received.get(0).body());
        assertEquals(1, body.get("schema").asInt());
        assertEquals("note.created", body.get("event").asText());
        assertEquals(world.projectId, body.get("projectId").asText());
        assertEquals(noteId, body.get("data").get("noteId").asText());
        assertEquals(7, body.get("data").get("frame").asInt());
        // A body changed on the way fails the receiver's check.
        assertFalse(WebhookEvents.signature(
                        secret,
                        Long.parseLong(received.get(0).timestamp()),
                        received.get(0).body().replace("Hook me", "Hook you").getBytes(StandardCharsets.UTF_8))
                .equals(received.get(0).signature()));
        // The list never shows the secret again.
        assertFalse(world.call(Who.ADMIN, "GET", "/api/webhooks", null).body().contains(secret));
    }

    @Test
    void aMentionOfSomeoneOutsideTheProjectTellsThemNothing() throws Exception {
        HttpResponse<String> note = world.call(
                Who.EDITOR,
                "POST",
                "/api/media/" + world.mediaId + "/comments",
                "{\"text\":\"@outsider @uploader secret plans @reviewer\",\"frame\":3}");
        assertEquals(201, note.statusCode(), note.body());
        for (Who who : new Who[] {Who.OUTSIDER, Who.UPLOADER}) {
            String list = world.call(who, "GET", "/api/notifications", null).body();
            assertFalse(list.contains("secret plans") || list.contains("\"mention\""), who + ": " + list);
        }
        assertTrue(world.call(Who.REVIEWER, "GET", "/api/notifications", null)
                .body()
                .contains("\"mention\""));
        // Nor can they list who may be mentioned there.
        assertEquals(
                404,
                world.call(Who.OUTSIDER, "GET", "/api/media/" + world.mediaId + "/mentionable", null)
                        .statusCode());
        JsonNode people = AccessWorld.json(
                world.call(Who.REVIEWER, "GET", "/api/media/" + world.mediaId + "/mentionable?q=ed", null), 200);
        assertEquals(1, people.size(), people.toString());
        assertEquals("editor", people.get(0).get("name").asText());
    }

    @Test
    void aWebhookForAnotherProjectOrOfAnotherSchemeIsRefused() throws Exception {
        String other = AccessWorld.json(world.call(Who.ADMIN, "POST", "/api/projects", "{\"name\":\"Other\"}"), 201)
                .get("id")
                .asText();
        String hook = "{\"url\":\"https://hooks.example.org/x\",\"kinds\":[\"note.created\"],\"projectId\":\"%s\"}";
        // The owner of the world's project does not own the other one: it is not even there for them.
        HttpResponse<String> foreign = world.call(Who.OWNER, "POST", "/api/webhooks", hook.formatted(other));
        assertEquals(422, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("\"projectId\""), foreign.body());
        // An editor of the project is not its owner.
        assertEquals(
                403,
                world.call(Who.EDITOR, "POST", "/api/webhooks", hook.formatted(world.projectId))
                        .statusCode());
        // Only administrators listen to every project.
        assertEquals(
                403,
                world.call(
                                Who.OWNER,
                                "POST",
                                "/api/webhooks",
                                "{\"url\":\"https://hooks.example.org/x\",\"kinds\":[\"note.created\"]}")
                        .statusCode());
        for (String url : new String[] {
            "ftp://hooks.example.org/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://user:pw@hooks.example.org/",
            "gopher://127.0.0.1:25/"
        }) {
            HttpResponse<String> r = world.call(
                    Who.ADMIN,
                    "POST",
                    "/api/webhooks",
                    "{\"url\":\"" + url + "\",\"kinds\":[\"note.created\"],\"projectId\":\"" + world.projectId + "\"}");
            assertEquals(422, r.statusCode(), url + ": " + r.body());
        }
        // An owner may not aim the server at itself.
        HttpResponse<String> loopback = world.call(
                Who.OWNER,
                "POST",
                "/api/webhooks",
                "{\"url\":\"http://127.0.0.1:8642/api/admin/users\",\"kinds\":[\"note.created\"],\"projectId\":\""
                        + world.projectId + "\"}");
        assertEquals(422, loopback.statusCode(), loopback.body());
        HttpResponse<String> kind = world.call(
                Who.ADMIN,
                "POST",
                "/api/webhooks",
                "{\"url\":\"https://hooks.example.org/x\",\"kinds\":[\"everything\"],\"projectId\":\"" + world.projectId
                        + "\"}");
        assertEquals(422, kind.statusCode(), kind.body());
        // Someone else's webhook is not there for the owner of another project.
        String adminHook = AccessWorld.json(world.call(Who.ADMIN, "POST", "/api/webhooks", hook.formatted(other)), 201)
                .get("id")
                .asText();
        assertEquals(
                404,
                world.call(Who.OWNER, "GET", "/api/webhooks/" + adminHook + "/deliveries", null)
                        .statusCode());
        assertEquals(
                404,
                world.call(Who.OWNER, "DELETE", "/api/webhooks/" + adminHook, null)
                        .statusCode());
        assertFalse(world.call(Who.OWNER, "GET", "/api/webhooks", null).body().contains(adminHook));
    }

    @Test
    void garbageSettingsAreRefusedAndChangeNothing() throws Exception {
        String before = world.call(Who.VIEWER, "GET", "/api/me/notification-settings", null)
                .body();
        String[][] cases = {
            {"{\"kinds\":{\"mention\":\"pigeon\"}}", "422"},
            {"{\"kinds\":{\"everything\":\"email\"}}", "422"},
            {"{\"kinds\":{\"mention\":7}}", "422"},
            {"{\"kinds\":[\"mention\"]}", "400"},
            {"{\"email\":\"a@example.org\\r\\nBcc: all@example.org\"}", "422"},
            {"{\"email\":\"one@example.org, two@example.org\"}", "422"},
            {"{\"email\":\"not an address\"}", "422"},
            {"{\"email\":42}", "400"},
            {"{\"admin\":true}", "400"},
            {"[]", "400"},
            {"{\"kinds\":{\"mention\":\"email\"", "400"}
        };
        for (String[] c : cases) {
            HttpResponse<String> r = world.call(Who.VIEWER, "PUT", "/api/me/notification-settings", c[0]);
            assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0] + ": " + r.body());
            assertTrue(r.body().contains("\"error\""), r.body());
        }
        assertEquals(
                before,
                world.call(Who.VIEWER, "GET", "/api/me/notification-settings", null)
                        .body());
        JsonNode defaults = AccessWorld.JSON.readTree(before);
        assertEquals("email", defaults.get("kinds").get("mention").asText());
        assertEquals("in_app", defaults.get("kinds").get("job_failed").asText());
        assertEquals(
                422,
                world.call(Who.VIEWER, "GET", "/api/review-requests?mine=everyone", null)
                        .statusCode());
    }

    @Test
    void aReviewRequestNamesOnlyPeopleWhoMaySeeTheAsset() throws Exception {
        String path = "/api/assets/" + world.assetId + "/review-requests";
        HttpResponse<String> outsider = world.call(
                Who.EDITOR,
                "POST",
                path,
                "{\"userIds\":[\"" + world.userIds.get(Who.OUTSIDER) + "\"],\"due\":\"2027-01-01\"}");
        assertEquals(422, outsider.statusCode(), outsider.body());
        assertTrue(outsider.body().contains("\"userIds\""), outsider.body());
        assertTrue(world.call(Who.OUTSIDER, "GET", "/api/notifications", null)
                .body()
                .equals("[]"));
        HttpResponse<String> past = world.call(
                Who.EDITOR,
                "POST",
                path,
                "{\"userIds\":[\"" + world.userIds.get(Who.VIEWER) + "\"],\"due\":\"2020-01-01\"}");
        assertEquals(422, past.statusCode(), past.body());
        HttpResponse<String> notADate = world.call(
                Who.EDITOR, "POST", path, "{\"userIds\":[\"" + world.userIds.get(Who.VIEWER) + "\"],\"due\":\"soon\"}");
        assertEquals(422, notADate.statusCode(), notADate.body());
        // A viewer may not ask others to review.
        assertEquals(
                403,
                world.call(
                                Who.VIEWER,
                                "POST",
                                path,
                                "{\"userIds\":[\"" + world.userIds.get(Who.EDITOR) + "\"],\"due\":\"2027-01-01\"}")
                        .statusCode());
    }

    @Test
    void approvalsFirstShareOpeningsAndFailedProcessingTellTheirPeople(@TempDir Path files) throws Exception {
        // The editor uploaded the version the reviewer asks changes of.
        assertEquals(
                200,
                world.call(
                                Who.REVIEWER,
                                "PUT",
                                "/api/assets/" + world.assetId + "/versions/1/approval",
                                "{\"status\":\"changes_requested\"}")
                        .statusCode());
        List<JsonNode> approvals = kinds(Who.EDITOR, "approval");
        assertEquals(1, approvals.size(), approvals.toString());
        assertEquals(
                "reviewer set Shot 1 v1 to changes requested",
                approvals.get(0).get("text").asText());
        assertEquals(world.assetId, approvals.get(0).get("assetId").asText());
        assertEquals(List.of(), kinds(Who.REVIEWER, "approval"), "not the one who decided");

        // Two guests open the editor's new link: the editor hears of the first only.
        String token = world.shareToken(world.assetId);
        for (String guest : new String[] {"Client One", "Client Two"}) {
            assertEquals(
                    201,
                    world.call(
                                    Who.ANONYMOUS,
                                    "POST",
                                    "/api/guest/sessions",
                                    "{\"token\":\"" + token + "\",\"name\":\"" + guest + "\"}")
                            .statusCode());
        }
        List<JsonNode> opened = kinds(Who.EDITOR, "share_opened");
        assertEquals(1, opened.size(), opened.toString());
        assertTrue(
                opened.get(0).get("text").asText().startsWith("Client One opened your share link"), opened.toString());

        // An upload that is not media fails processing: its uploader is told why.
        Path junk = files.resolve("broken.mp4");
        java.nio.file.Files.write(
                junk, "this is not a video at all, just some words".repeat(100).getBytes(StandardCharsets.UTF_8));
        String broken = world.upload(Who.EDITOR, junk);
        JsonNode failed = Await.value(
                "the failed-processing notification", DEADLINE, () -> kinds(Who.EDITOR, "job_failed").stream()
                        .filter(n -> n.get("mediaId").asText().equals(broken))
                        .findFirst()
                        .orElse(null));
        assertTrue(failed.get("text").asText().startsWith("Processing broken.mp4 failed"), failed.toString());
        assertEquals(List.of(), kinds(Who.REVIEWER, "job_failed"), "only the uploader");
    }

    @Test
    void aBurstOfNotesTellsTheUploaderOnceUntilRead() throws Exception {
        String item = world.readyUnfiledMedia(Who.UPLOADER, 50);
        for (int frame = 1; frame <= 3; frame++) {
            assertEquals(
                    201,
                    world.call(
                                    Who.ADMIN,
                                    "POST",
                                    "/api/media/" + item + "/comments",
                                    "{\"text\":\"Imported marker " + frame + "\",\"frame\":" + frame + "}")
                            .statusCode());
        }
        List<JsonNode> told = kinds(Who.UPLOADER, "note");
        assertEquals(1, told.size(), told.toString());
        assertEquals(1, told.get(0).get("frame").asInt(), "the first note of the burst");
        // Once read, the next note tells them again.
        assertEquals(
                204,
                world.call(
                                Who.UPLOADER,
                                "POST",
                                "/api/notifications/" + told.get(0).get("id").asText() + "/read",
                                null)
                        .statusCode());
        world.call(Who.ADMIN, "POST", "/api/media/" + item + "/comments", "{\"text\":\"One more\",\"frame\":9}");
        assertEquals(2, kinds(Who.UPLOADER, "note").size());
    }

    private List<JsonNode> kinds(Who who, String kind) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode n : AccessWorld.json(world.call(who, "GET", "/api/notifications", null), 200)) {
            if (n.get("kind").asText().equals(kind)) {
                out.add(n);
            }
        }
        return out;
    }
}
