package io.framewise.server.auth;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.ws.WsTestClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials that must stop working: after one's own password change, an administrator's reset
 * and "sign out everywhere", every session and API token that should end does, over HTTP and on
 * live WebSocket connections alike.
 */
class SignOutTest {

    private AccessWorld world;

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data, false);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** A browser session of the editor: cookie header and CSRF token. */
    private record Browser(String cookie, String csrf) {
        Map<String, String> read() {
            return Map.of("Cookie", cookie);
        }

        Map<String, String> write() {
            return Map.of("Cookie", cookie, "X-CSRF-Token", csrf);
        }
    }

    private Browser signIn(String name, String password) throws Exception {
        HttpResponse<String> login = world.call(
                ANONYMOUS,
                "POST",
                "/api/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        return new Browser(AccessWorld.sessionCookie(login), AccessWorld.csrfCookie(login));
    }

    private int me(Map<String, String> credentials) throws Exception {
        return world.call(ANONYMOUS, "GET", "/api/me", null, credentials).statusCode();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private WsTestClient socket(String name, Map<String, String> credentials) throws Exception {
        WsTestClient c = new WsTestClient(AccessWorld.HTTP, world.server.port(), name, credentials);
        c.await("welcome");
        return c;
    }

    private static void assertClosed(WsTestClient c) throws Exception {
        String closed = c.closed().get(10, TimeUnit.SECONDS);
        assertTrue(closed.startsWith("1008"), closed);
    }

    private String newToken() {
        return world.server
                .tokens()
                .issue(world.userIds.get(EDITOR), "laptop", null)
                .token();
    }

    @Test
    void aPasswordChangeEndsOtherSessionsWithTheirSocketsAndOnRequestTheTokens() throws Exception {
        Browser other = signIn("editor", AccessWorld.PASSWORD);
        Browser here = signIn("editor", AccessWorld.PASSWORD);
        String token = newToken();
        try (WsTestClient otherSocket = socket("other", other.read());
                WsTestClient hereSocket = socket("here", here.read())) {
            HttpResponse<String> change = world.call(
                    ANONYMOUS,
                    "POST",
                    "/api/me/password",
                    "{\"currentPassword\":\"" + AccessWorld.PASSWORD + "\",\"newPassword\":\"second passphrase\"}",
                    here.write());
            assertEquals(204, change.statusCode(), change.body());
            assertClosed(otherSocket);
            assertEquals(401, me(other.read()));
            assertEquals(200, me(here.read()), "the session making the change stays");
            assertTrue(hereSocket.isOpen(), "and so does its socket");
            assertEquals(200, me(bearer(token)), "tokens stay unless asked");
        }

        try (WsTestClient tokenSocket = socket("script", bearer(token))) {
            HttpResponse<String> change = world.call(
                    ANONYMOUS,
                    "POST",
                    "/api/me/password",
                    "{\"currentPassword\":\"second passphrase\",\"newPassword\":\"third passphrase\","
                            + "\"revokeTokens\":true}",
                    here.write());
            assertEquals(204, change.statusCode(), change.body());
            assertClosed(tokenSocket);
            assertEquals(401, me(bearer(token)));
            assertEquals(401, me(bearer(world.tokens.get(EDITOR))));
            assertEquals(200, me(here.read()));
        }
    }

    @Test
    void anAdministratorsResetEndsEverySessionAndTokenOfTheAccount() throws Exception {
        Browser browser = signIn("editor", AccessWorld.PASSWORD);
        String token = newToken();
        try (WsTestClient byToken = socket("script", bearer(token));
                WsTestClient bySession = socket("browser", browser.read())) {
            HttpResponse<String> reset = world.call(
                    ADMIN,
                    "PATCH",
                    "/api/admin/users/" + world.userIds.get(EDITOR),
                    "{\"password\":\"reset by the admin\"}");
            assertEquals(200, reset.statusCode(), reset.body());
            assertClosed(byToken);
            assertClosed(bySession);
        }
        assertEquals(401, me(browser.read()));
        assertEquals(401, me(bearer(token)), "a thief's token dies with the reset");
        assertEquals(401, me(bearer(world.tokens.get(EDITOR))));
        assertTrue(world.server.tokens().listByOwner(world.userIds.get(EDITOR)).stream()
                .allMatch(ApiToken::revoked));
        assertEquals(200, me(bearer(world.tokens.get(ADMIN))), "nobody else is affected");
    }

    @Test
    void signOutEverywhereEndsEverySessionAndTokenOfTheCallerIncludingItsOwn() throws Exception {
        Browser lost = signIn("editor", AccessWorld.PASSWORD);
        Browser here = signIn("editor", AccessWorld.PASSWORD);
        String token = newToken();
        try (WsTestClient lostSocket = socket("lost laptop", lost.read());
                WsTestClient tokenSocket = socket("script", bearer(token))) {
            // Without the CSRF token a page on another site cannot sign people out.
            assertEquals(
                    403,
                    world.call(ANONYMOUS, "POST", "/api/me/sign-out-everywhere", null, here.read())
                            .statusCode());
            assertEquals(200, me(lost.read()));

            HttpResponse<String> out = world.call(ANONYMOUS, "POST", "/api/me/sign-out-everywhere", null, here.write());
            JsonNode counts = AccessWorld.json(out, 200);
            assertEquals(2, counts.path("sessionsEnded").asInt());
            assertEquals(2, counts.path("tokensRevoked").asInt(), "the world's token and the laptop's");
            assertTrue(
                    out.headers().allValues("Set-Cookie").stream()
                            .anyMatch(c -> c.startsWith("fw_session=;") && c.contains("Expires=Thu, 01 Jan 1970")),
                    out.headers().allValues("Set-Cookie").toString());
            assertClosed(lostSocket);
            assertClosed(tokenSocket);
        }
        assertEquals(401, me(lost.read()));
        assertEquals(401, me(here.read()));
        assertEquals(401, me(bearer(token)));
        assertEquals(401, me(bearer(world.tokens.get(EDITOR))));
        assertFalse(world.server.tokens().listByOwner(world.userIds.get(EDITOR)).stream()
                .anyMatch(t -> !t.revoked()));
        assertEquals(200, signInStatus(), "the password still signs in: only credentials ended");
    }

    private int signInStatus() throws Exception {
        return world.call(
                        ANONYMOUS,
                        "POST",
                        "/api/auth/login",
                        "{\"username\":\"editor\",\"password\":\"" + AccessWorld.PASSWORD + "\"}")
                .statusCode();
    }
}
