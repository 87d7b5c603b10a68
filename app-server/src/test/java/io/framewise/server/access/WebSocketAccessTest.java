package io.framewise.server.access;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.EXPIRED_SESSION;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.REVOKED_TOKEN;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import io.framewise.server.ws.WsTestClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket side of the access matrix: who may connect, and every kind of message by every
 * role (subscribe, start, join, drive, draw, laser); and connections closing when their credential
 * is revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketAccessTest {

    private AccessWorld world;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private WsTestClient connect(Who who) throws Exception {
        return new WsTestClient(AccessWorld.HTTP, world.server.port(), who.name(), world.credentials(who));
    }

    @Test
    void nobodyRevokedTokensAndExpiredSessionsCannotConnect() {
        for (Who who : List.of(ANONYMOUS, REVOKED_TOKEN, EXPIRED_SESSION)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> connect(who), who.name());
            assertTrue(e.getCause() instanceof WebSocketHandshakeException, who + ": " + e.getCause());
            HttpResponse<?> refusal = ((WebSocketHandshakeException) e.getCause()).getResponse();
            assertEquals(401, refusal.statusCode(), who.name());
        }
    }

    @Test
    void aTokenInTheQueryOpensTheSocketForBrowsersThatCannotSetHeaders() throws Exception {
        var uri = java.net.URI.create(
                "ws://127.0.0.1:" + world.server.port() + "/api/ws?access_token=" + world.tokens.get(VIEWER));
        var socket = AccessWorld.HTTP
                .newWebSocketBuilder()
                .buildAsync(uri, new java.net.http.WebSocket.Listener() {})
                .get(10, TimeUnit.SECONDS);
        socket.abort();
    }

    @Test
    void everyMessageIsAuthorizedForItsSender() throws Exception {
        String media = world.mediaId;
        List<String> wrong = new ArrayList<>();
        // The reviewer starts a session; everyone else tries to join it and to drive.
        try (WsTestClient host = connect(REVIEWER)) {
            host.await("welcome");
            host.send("session.create", "media", media);
            String session = host.await("session.snapshot").get("session").asText();
            for (Who who : List.of(ADMIN, EDITOR, REVIEWER, VIEWER, OUTSIDER)) {
                try (WsTestClient c = connect(who)) {
                    c.await("welcome");
                    check(
                            wrong,
                            who,
                            "subscribe media",
                            c,
                            "subscribe",
                            who == OUTSIDER ? "not_found" : null,
                            "scope",
                            "media",
                            "id",
                            media);
                    check(
                            wrong,
                            who,
                            "subscribe asset",
                            c,
                            "subscribe",
                            who == OUTSIDER ? "not_found" : null,
                            "scope",
                            "asset",
                            "id",
                            world.assetId);
                    check(wrong, who, "subscribe library", c, "subscribe", null, "scope", "library");
                    check(
                            wrong,
                            who,
                            "session.join",
                            c,
                            "session.join",
                            who == OUTSIDER ? "unknown_session" : null,
                            "session",
                            session);
                    // A session on media the outsider may not see is, to them, no session at all.
                    String drive = who == OUTSIDER ? "unknown_session" : who == VIEWER ? "forbidden" : null;
                    check(
                            wrong,
                            who,
                            "session.laser",
                            c,
                            "session.laser",
                            drive,
                            "session",
                            session,
                            "x",
                            0.5,
                            "y",
                            0.5,
                            "frame",
                            3);
                    check(wrong, who, "session.driver.request", c, "session.driver.request", drive, "session", session);
                    check(
                            wrong,
                            who,
                            "session.stroke",
                            c,
                            "session.stroke",
                            drive,
                            "session",
                            session,
                            "stroke",
                            "s" + who.ordinal(),
                            "frame",
                            3,
                            "color",
                            "#ff0000",
                            "width",
                            0.01,
                            "points",
                            List.of(List.of(0.1, 0.1), List.of(0.2, 0.2)),
                            "done",
                            true);
                    String create = who == OUTSIDER ? "not_found" : who == VIEWER ? "forbidden" : null;
                    check(wrong, who, "session.create", c, "session.create", create, "media", media);
                    c.send("session.leave", "session", session);
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        }
    }

    /**
     * A driver switches a session only between versions of the asset it reviews: not to other media
     * they may drive on (their own unfiled upload), which the session's members may not see.
     */
    @Test
    void aSessionSwitchesOnlyToAnotherVersionOfItsAsset() throws Exception {
        String second = world.readyUnfiledMedia(EDITOR, 120);
        AccessWorld.json(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/assets/" + world.assetId + "/versions",
                        "{\"mediaId\":\"" + second + "\"}"),
                201);
        String own = world.readyUnfiledMedia(EDITOR, 80);
        try (WsTestClient driver = connect(EDITOR);
                WsTestClient viewer = connect(VIEWER)) {
            driver.await("welcome");
            viewer.await("welcome");
            driver.send("session.create", "media", world.mediaId);
            String session = driver.await("session.snapshot").get("session").asText();
            viewer.send("session.join", "session", session);
            viewer.await("session.snapshot");

            driver.send("session.version", "session", session, "media", own);
            JsonNode refused = driver.await("error");
            assertEquals("not_a_version", refused.get("code").asText(), refused.toString());
            assertEquals(
                    404, world.call(VIEWER, "GET", "/api/media/" + own, null).statusCode());

            driver.send("session.version", "session", session, "media", second);
            JsonNode switched = viewer.await(
                    "session.state", m -> second.equals(m.at("/state/media").asText()));
            assertEquals("version", switched.get("cause").asText());
        }
    }

    /**
     * Sends a message and checks the answer: an error with {@code refusal} as its code, or (null)
     * no refusal: a ping sent after it is answered without an access error in between.
     */
    private static void check(
            List<String> wrong, Who who, String what, WsTestClient c, String type, String refusal, Object... fields)
            throws Exception {
        c.send(type, fields);
        c.send("ping");
        JsonNode answer = c.await("pong", m -> true);
        // Errors come before the pong (messages are handled in order); await skipped them.
        String code = c.lastSkippedErrorCode();
        boolean refused = code != null
                && List.of("forbidden", "not_found", "unknown_session", "unauthenticated")
                        .contains(code);
        if (refusal == null ? refused : !refusal.equals(code)) {
            wrong.add(who + " " + what + ": expected " + (refusal == null ? "no refusal" : refusal) + ", got "
                    + (code == null ? "no error" : code));
        }
        assertTrue(answer.has("type"));
    }

    @Test
    void aSessionOnHiddenMediaAnswersLikeNoSessionAndNamesNoMedia() throws Exception {
        try (WsTestClient host = connect(REVIEWER);
                WsTestClient outsider = connect(OUTSIDER)) {
            host.await("welcome");
            outsider.await("welcome");
            host.send("session.create", "media", world.mediaId);
            String session = host.await("session.snapshot").get("session").asText();
            String made = "0123456789abcdef0123456789abcdef";
            for (String type : List.of("session.join", "session.driver.request", "session.pause")) {
                outsider.send(type, "session", session);
                JsonNode hidden = outsider.await("error");
                outsider.send(type, "session", made);
                JsonNode none = outsider.await("error");
                assertEquals("unknown_session", hidden.path("code").asText(), type + ": " + hidden);
                assertFalse(hidden.toString().contains(world.mediaId), type + " names the media: " + hidden);
                assertEquals(
                        none.path("message").asText().replace(made, session),
                        hidden.path("message").asText(),
                        type + ": the same answer as for a session that does not exist");
            }
        }
    }

    @Test
    void libraryPresenceShowsOtherPeopleOnlyToAdministrators() throws Exception {
        try (WsTestClient outsider = connect(OUTSIDER);
                WsTestClient viewer = connect(VIEWER);
                WsTestClient admin = connect(ADMIN)) {
            String outsiderId = outsider.await("welcome").path("connection").asText();
            viewer.await("welcome");
            admin.await("welcome");
            for (WsTestClient c : List.of(outsider, viewer, admin)) {
                c.send("subscribe", "scope", "library");
                c.await("subscribed");
            }
            admin.await("presence", m -> m.path("viewers").size() >= 3);
            // Everything sent to the outsider before this pong: every presence names only itself.
            outsider.send("ping");
            outsider.await("pong");
            List<JsonNode> seen = outsider.skipped("presence");
            assertFalse(seen.isEmpty(), "the outsider was told about presence");
            for (JsonNode presence : seen) {
                assertEquals(1, presence.path("viewers").size(), presence.toString());
                assertEquals(outsiderId, presence.at("/viewers/0/id").asText(), presence.toString());
            }
        }
    }

    @Test
    void aRemovalReachesOnlyThoseWhoCouldSeeTheItem() throws Exception {
        String doomed = world.filedMedia();
        try (WsTestClient outsider = connect(OUTSIDER);
                WsTestClient viewer = connect(VIEWER)) {
            outsider.await("welcome");
            viewer.await("welcome");
            for (WsTestClient c : List.of(outsider, viewer)) {
                c.send("subscribe", "scope", "library");
                c.await("subscribed");
            }
            assertEquals(
                    204,
                    world.call(ADMIN, "DELETE", "/api/media/" + doomed, null).statusCode());
            JsonNode removed =
                    viewer.await("library.event", m -> m.path("media").asText().equals(doomed));
            assertEquals("removed", removed.path("kind").asText());
            outsider.send("ping");
            outsider.await("pong");
            assertTrue(
                    outsider.skipped("library.event").stream()
                            .noneMatch(m -> m.path("media").asText().equals(doomed)),
                    "the outsider never heard of the item");
        }
    }

    @Test
    void revokingATokenClosesTheConnectionsItOpened() throws Exception {
        HttpResponse<String> created = world.call(EDITOR, "POST", "/api/tokens", "{\"name\":\"socket\"}");
        JsonNode token = AccessWorld.json(created, 201);
        try (WsTestClient c = new WsTestClient(
                AccessWorld.HTTP,
                world.server.port(),
                "socket",
                Map.of("Authorization", "Bearer " + token.get("token").asText()))) {
            c.await("welcome");
            assertEquals(
                    204,
                    world.call(
                                    EDITOR,
                                    "DELETE",
                                    "/api/tokens/" + token.get("id").asText(),
                                    null)
                            .statusCode());
            String closed = c.closed().get(10, TimeUnit.SECONDS);
            assertTrue(closed.startsWith("1008"), closed);
        }
    }

    @Test
    void disablingAnAccountClosesItsConnections() throws Exception {
        var account = world.server.repositories().accounts().create("leaver", AccessWorld.PASSWORD, false);
        String token = world.server.tokens().issue(account.id(), "t", null).token();
        try (WsTestClient c = new WsTestClient(
                AccessWorld.HTTP, world.server.port(), "leaver", Map.of("Authorization", "Bearer " + token))) {
            c.await("welcome");
            HttpResponse<String> disabled =
                    world.call(ADMIN, "PATCH", "/api/admin/users/" + account.id(), "{\"disabled\":true}");
            assertEquals(200, disabled.statusCode(), disabled.body());
            String closed = c.closed().get(10, TimeUnit.SECONDS);
            assertTrue(closed.startsWith("1008"), closed);
        }
        assertEquals(
                401,
                world.call(ANONYMOUS, "GET", "/api/me", null, Map.of("Authorization", "Bearer " + token))
                        .statusCode());
    }
}
