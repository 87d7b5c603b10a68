package io.framewise.server.auth;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in and out with local accounts: cookies, CSRF, brute-force limits, password changes. */
class SignInFlowTest {

    private AccessWorld world;

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data, false);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private HttpResponse<String> login(String name, String password) throws Exception {
        return world.call(
                ANONYMOUS,
                "POST",
                "/api/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void loginSetsAnHttpOnlySessionCookieAndAReadableCsrfCookie() throws Exception {
        HttpResponse<String> login = login("Editor", AccessWorld.PASSWORD);
        JsonNode body = AccessWorld.json(login, 200);
        assertEquals("editor", body.path("user").path("name").asText());
        String session = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_session="))
                .findFirst()
                .orElseThrow();
        assertTrue(session.contains("HttpOnly"), session);
        assertTrue(session.contains("SameSite=Lax"), session);
        String csrf = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("fw_csrf="))
                .findFirst()
                .orElseThrow();
        assertFalse(csrf.contains("HttpOnly"), csrf);
        assertEquals(body.path("csrfToken").asText(), AccessWorld.csrfCookie(login));

        JsonNode me = AccessWorld.json(
                world.call(ANONYMOUS, "GET", "/api/me", null, Map.of("Cookie", AccessWorld.sessionCookie(login))), 200);
        assertEquals("editor", me.path("name").asText());
        assertEquals("local", me.path("authMode").asText());
        assertEquals("editor", me.path("projects").get(0).path("role").asText());
    }

    @Test
    void aCookieAuthenticatedChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> login = login("editor", AccessWorld.PASSWORD);
        String cookie = AccessWorld.sessionCookie(login);
        String csrf = AccessWorld.csrfCookie(login);
        String body = "{\"name\":\"from the browser\"}";

        HttpResponse<String> without = world.call(ANONYMOUS, "POST", "/api/tokens", body, Map.of("Cookie", cookie));
        assertEquals(403, without.statusCode(), without.body());
        assertEquals(
                "csrf",
                AccessWorld.JSON
                        .readTree(without.body())
                        .path("error")
                        .path("details")
                        .path("reason")
                        .asText());

        HttpResponse<String> wrong = world.call(
                ANONYMOUS, "POST", "/api/tokens", body, Map.of("Cookie", cookie, "X-CSRF-Token", csrf + "x"));
        assertEquals(403, wrong.statusCode(), wrong.body());

        HttpResponse<String> with =
                world.call(ANONYMOUS, "POST", "/api/tokens", body, Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertEquals(201, with.statusCode(), with.body());
        // Reading needs no CSRF token.
        assertEquals(
                200,
                world.call(ANONYMOUS, "GET", "/api/tokens", null, Map.of("Cookie", cookie))
                        .statusCode());
    }

    @Test
    void theEleventhWrongPasswordIsAnswered429AndTheRightOneWorksAfterTheWindow() throws Exception {
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> wrong = login("reviewer", "not the password " + i);
            assertEquals(401, wrong.statusCode(), "attempt " + i + ": " + wrong.body());
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").isPresent());
        }
        HttpResponse<String> limited = login("reviewer", "not the password 11");
        assertEquals(429, limited.statusCode(), limited.body());
        long retryAfter =
                Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        JsonNode error = AccessWorld.JSON.readTree(limited.body()).path("error");
        assertEquals("rate_limited", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("Try again in " + retryAfter + " s"), error.toString());
        // Even the right password is refused inside the window: the guesser learns nothing.
        assertEquals(429, login("reviewer", AccessWorld.PASSWORD).statusCode());

        world.clock.advance(Duration.ofSeconds(retryAfter + 1));
        assertEquals(200, login("reviewer", AccessWorld.PASSWORD).statusCode());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        HttpResponse<String> login = login("viewer", AccessWorld.PASSWORD);
        Map<String, String> cookie = Map.of("Cookie", AccessWorld.sessionCookie(login));
        assertEquals(200, world.call(ANONYMOUS, "GET", "/api/me", null, cookie).statusCode());
        HttpResponse<String> logout = world.call(
                ANONYMOUS,
                "POST",
                "/api/auth/logout",
                null,
                Map.of("Cookie", AccessWorld.sessionCookie(login), "X-CSRF-Token", AccessWorld.csrfCookie(login)));
        assertEquals(204, logout.statusCode(), logout.body());
        assertEquals(401, world.call(ANONYMOUS, "GET", "/api/me", null, cookie).statusCode());
    }

    @Test
    void changingThePasswordEndsOtherSessionsAndTheOldPasswordStopsWorking() throws Exception {
        HttpResponse<String> first = login("editor", AccessWorld.PASSWORD);
        HttpResponse<String> second = login("editor", AccessWorld.PASSWORD);
        HttpResponse<String> change = world.call(
                ANONYMOUS,
                "POST",
                "/api/me/password",
                "{\"currentPassword\":\"" + AccessWorld.PASSWORD + "\",\"newPassword\":\"a brand new passphrase\"}",
                Map.of("Cookie", AccessWorld.sessionCookie(second), "X-CSRF-Token", AccessWorld.csrfCookie(second)));
        assertEquals(204, change.statusCode(), change.body());
        assertEquals(
                401,
                world.call(ANONYMOUS, "GET", "/api/me", null, Map.of("Cookie", AccessWorld.sessionCookie(first)))
                        .statusCode());
        assertEquals(
                200,
                world.call(ANONYMOUS, "GET", "/api/me", null, Map.of("Cookie", AccessWorld.sessionCookie(second)))
                        .statusCode());
        assertEquals(401, login("editor", AccessWorld.PASSWORD).statusCode());
        assertEquals(200, login("editor", "a brand new passphrase").statusCode());
    }

    @Test
    void mediaPlayersMayPassTheTokenInTheStreamUrlButNowhereElse() throws Exception {
        String token = world.tokens.get(io.framewise.server.testing.AccessWorld.Who.ADMIN);
        // Not a real stream here (no media): the access check passes and the handler answers 404.
        HttpResponse<String> stream =
                world.call(ANONYMOUS, "GET", "/api/media/AAAAAAAAAAAAAAAAAAAAAA/stream?access_token=" + token, null);
        assertEquals(404, stream.statusCode(), stream.body());
        assertEquals(
                401,
                world.call(ANONYMOUS, "GET", "/api/media/AAAAAAAAAAAAAAAAAAAAAA/stream", null)
                        .statusCode());
        assertEquals(
                401,
                world.call(ANONYMOUS, "GET", "/api/me?access_token=" + token, null)
                        .statusCode());
    }

    @Test
    void aWeakPasswordIsRefusedInWords() throws Exception {
        HttpResponse<String> weak =
                world.call(ADMIN, "POST", "/api/admin/users", "{\"name\":\"shorty\",\"password\":\"short\"}");
        assertEquals(422, weak.statusCode(), weak.body());
        assertTrue(weak.body().contains("too short"), weak.body());
    }

    @Test
    void tokensAreShownOnceListedWithoutTheSecretAndWorkUntilRevoked() throws Exception {
        JsonNode created = AccessWorld.json(
                world.call(ADMIN, "POST", "/api/tokens", "{\"name\":\"ci\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}"),
                201);
        String token = created.path("token").asText();
        assertTrue(token.startsWith("fw_"), token);
        JsonNode listed = AccessWorld.json(world.call(ADMIN, "GET", "/api/tokens", null), 200);
        assertFalse(listed.toString().contains(token), "the secret must not be listed");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        assertEquals(200, world.call(ANONYMOUS, "GET", "/api/me", null, bearer).statusCode());
        assertEquals(
                204,
                world.call(ADMIN, "DELETE", "/api/tokens/" + created.path("id").asText(), null)
                        .statusCode());
        assertEquals(401, world.call(ANONYMOUS, "GET", "/api/me", null, bearer).statusCode());
    }
}
