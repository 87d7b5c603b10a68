package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reverse-proxy sign-in: the X-Remote-User-* headers count only from a trusted proxy address. */
class ProxyAuthTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private static HttpResponse<String> me(FramewiseServer server, String id, String name, String admin)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve("api/me"));
        if (id != null) {
            request.header("X-Remote-User-Id", id);
        }
        if (name != null) {
            request.header("X-Remote-User-Name", name);
        }
        if (admin != null) {
            request.header("X-Remote-User-Is-Admin", admin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void spoofedHeadersFromAnUntrustedAddressAreIgnored() throws Exception {
        // The tests talk over loopback; only 10.0.0.0/8 is trusted here.
        try (FramewiseServer server = FramewiseServer.start(
                ServerConfig.defaults(data).withPort(0).withAuth(AuthSettings.proxy(List.of("10.0.0.0/8"))))) {
            HttpResponse<String> response = me(server, "mallory", "Mallory", "true");
            assertEquals(401, response.statusCode(), response.body());
            assertTrue(server.repositories().accounts().findByName("mallory").isEmpty(), "no account was made");
        }
    }

    @Test
    void headersFromATrustedProxySignTheUserInAndCreateThemOnFirstSight() throws Exception {
        try (FramewiseServer server = FramewiseServer.start(ServerConfig.defaults(data)
                .withPort(0)
                .withAuth(AuthSettings.proxy(List.of("127.0.0.1/32", "::1/128"))))) {
            HttpResponse<String> alice = me(server, "alice", "Alice Liddell", null);
            assertEquals(200, alice.statusCode(), alice.body());
            JsonNode body = new ObjectMapper().readTree(alice.body());
            assertEquals("alice", body.path("name").asText());
            assertEquals("Alice Liddell", body.path("displayName").asText());
            assertEquals(false, body.path("isAdmin").asBoolean());
            assertEquals("proxy", body.path("authMode").asText());

            // Without --proxy-admin-header, a client's own X-Remote-User-Is-Admin (which a proxy
            // may pass through) makes nobody an administrator...
            JsonNode boss =
                    new ObjectMapper().readTree(me(server, "boss", null, "true").body());
            assertEquals(false, boss.path("isAdmin").asBoolean());
            assertEquals(
                    false,
                    server.repositories()
                            .accounts()
                            .findByName("boss")
                            .orElseThrow()
                            .admin());
            // ... nor takes the rights of one made administrator on the server.
            server.repositories().accounts().setAdmin(boss.path("id").asText(), true);
            assertEquals(
                    true,
                    new ObjectMapper()
                            .readTree(me(server, "boss", null, "false").body())
                            .path("isAdmin")
                            .asBoolean());
            // Without headers, nobody is signed in.
            assertEquals(401, me(server, null, null, null).statusCode());
            // A user id that is not a valid user name is refused, not created.
            assertEquals(401, me(server, "../../etc", null, null).statusCode());
            assertEquals(2, server.repositories().accounts().list().size());
        }
    }

    @Test
    void withAnAdminHeaderConfiguredTheProxysWordOnAdminRightsHoldsBothWays() throws Exception {
        try (FramewiseServer server = FramewiseServer.start(ServerConfig.defaults(data)
                .withPort(0)
                .withAuth(AuthSettings.proxy(List.of("127.0.0.1/32", "::1/128"))
                        .withProxyAdminHeader("X-Remote-User-Is-Admin")))) {
            ObjectMapper json = new ObjectMapper();
            assertEquals(
                    true,
                    json.readTree(me(server, "boss", null, "true").body())
                            .path("isAdmin")
                            .asBoolean());
            assertEquals(
                    false,
                    json.readTree(me(server, "boss", null, "false").body())
                            .path("isAdmin")
                            .asBoolean());
            assertEquals(
                    false,
                    json.readTree(me(server, "boss", null, null).body())
                            .path("isAdmin")
                            .asBoolean());
            assertEquals(
                    false,
                    server.repositories()
                            .accounts()
                            .findByName("boss")
                            .orElseThrow()
                            .admin());
        }
    }

    @Test
    void theAdminHeaderIsOnlyForProxyModeAndMustBeAHeaderName() {
        assertThrows(IllegalArgumentException.class, () -> AuthSettings.local()
                .withProxyAdminHeader("X-Remote-User-Is-Admin"));
        assertThrows(IllegalArgumentException.class, () -> AuthSettings.proxy(List.of("127.0.0.1"))
                .withProxyAdminHeader("X-Admin: true"));
    }

    @Test
    void proxyModeWithoutTrustedAddressesIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> AuthSettings.proxy(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AuthSettings.proxy(List.of("proxy.example")));
    }

    @Test
    void addressBlocksMatchWhatTheyShould() {
        Cidr lan = Cidr.parse("192.168.1.0/24");
        assertTrue(lan.contains("192.168.1.77"));
        assertTrue(!lan.contains("192.168.2.1"));
        assertTrue(Cidr.parse("::1").contains("::1"));
        assertTrue(Cidr.parse("127.0.0.1").contains("::ffff:127.0.0.1"));
        assertTrue(!Cidr.parse("127.0.0.1").contains("not an address"));
    }
}
