package io.framewise.server.guests;

import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.ws.WsTestClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests in live review sessions: only on links that allow it, only on the link's media, and a
 * revoked link closes their connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuestLiveTest {

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
    void aLinkWithoutLiveOpensNoConnection() throws Exception {
        String guest = guest(link(false)).get("guestToken").asText();
        ExecutionException e = assertThrows(ExecutionException.class, () -> connect(guest));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, String.valueOf(e.getCause()));
        HttpResponse<?> refusal = ((WebSocketHandshakeException) e.getCause()).getResponse();
        assertEquals(401, refusal.statusCode());
    }

    @Test
    void aLiveLinksGuestJoinsSessionsOnItsMediaUntilTheLinkIsRevoked() throws Exception {
        JsonNode link = link(true);
        String guest = guest(link).get("guestToken").asText();
        try (WsTestClient host =
                        new WsTestClient(AccessWorld.HTTP, world.server.port(), "host", world.credentials(REVIEWER));
                WsTestClient visitor = connect(guest)) {
            host.await("welcome");
            visitor.await("welcome");
            visitor.send("subscribe", "scope", "media", "id", world.mediaId);
            visitor.await("subscribed");
            visitor.send("subscribe", "scope", "library");
            JsonNode refused = visitor.await("error");
            assertEquals("unauthenticated", refused.path("code").asText(), refused.toString());

            host.send("session.create", "media", world.mediaId);
            String session = host.await("session.snapshot").get("session").asText();
            visitor.send("session.join", "session", session);
            assertNotNull(visitor.await("session.snapshot"));

            assertEquals(
                    204,
                    world.call(EDITOR, "DELETE", "/api/shares/" + link.get("id").asText(), null)
                            .statusCode());
            String reason = visitor.closed().get(10, TimeUnit.SECONDS);
            assertTrue(reason.contains("share link"), reason);
            assertTrue(host.isOpen(), "the team's own connection stays");
        }
    }

    private WsTestClient connect(String guestToken) throws Exception {
        return new WsTestClient(
                AccessWorld.HTTP, world.server.port(), "guest", Map.of("Authorization", "Bearer " + guestToken));
    }

    private JsonNode link(boolean live) throws Exception {
        return json(
                world.call(
                        EDITOR,
                        "POST",
                        "/api/shares",
                        "{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"],"
                                + "\"live\":" + live + "}"),
                201);
    }

    private JsonNode guest(JsonNode link) throws Exception {
        return json(
                world.call(
                        ANONYMOUS,
                        "POST",
                        "/api/guest/sessions",
                        "{\"token\":\"" + link.get("token").asText() + "\",\"name\":\"Visitor\"}"),
                201);
    }
}
