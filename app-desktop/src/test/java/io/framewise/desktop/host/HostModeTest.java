package io.framewise.desktop.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.connect.Discovery;
import io.framewise.desktop.testing.Await;
import io.framewise.server.auth.ApiToken;
import io.framewise.server.auth.JooqAccountRepository;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.auth.TokenStore;
import io.framewise.server.db.Database;
import io.framewise.server.embedded.HostToken;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host mode on loopback: the switch starts the embedded server and announces it; a second mDNS
 * browser finds it; a web client reaches the announced URL; switching off withdraws both.
 */
class HostModeTest {

    @Test
    void hostsAnnouncesIsFoundAndStops(@TempDir Path data) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HostViewModel host = new HostViewModel(Runnable::run, Runnable::run, data, () -> loopback, () -> {});
        Map<String, Discovery.Found> found = new ConcurrentHashMap<>();
        try (Discovery browser = Discovery.browse(loopback, f -> found.put(f.name(), f), found::remove)) {
            host.setHosting(true).join();
            assertTrue(host.hostingProperty().get(), host.statusProperty().get());
            String url = host.urlProperty().get();
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            assertNotNull(host.qrProperty().get());
            assertTrue(host.qrProperty().get().size() >= 21, "a QR code is at least 21 modules wide");

            // mDNS is machine-wide: other servers (other test runs) may be announced too.
            Await.until("the browser to find the hosted server", Duration.ofSeconds(30), () -> found.values().stream()
                    .anyMatch(x -> x.url().equals(url)));
            Discovery.Found f = found.values().stream()
                    .filter(x -> x.url().equals(url))
                    .findFirst()
                    .orElseThrow();
            assertTrue(f.name().startsWith("Framewise on "), f.name());
            assertEquals(url, f.url());

            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(f.url() + "api/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            // Browsers on the LAN may also open it by this machine's mDNS name; a stranger's name
            // (a DNS-rebinding page) is not answered.
            int port = URI.create(url).getPort();
            assertEquals(200, statusWithHost(port, Announcer.hostName(f.name()) + ":" + port));
            assertEquals(200, statusWithHost(port, HostViewModel.hostName().toLowerCase() + ".local:" + port));
            assertEquals(421, statusWithHost(port, "evil.example:" + port));
            ApiClient guest = new ApiClient(URI.create(f.url()), null);
            assertEquals("local", guest.authMode(), "the LAN host asks for accounts");
            ApiError anonymous = assertThrows(ApiError.class, guest::media);
            assertEquals(401, anonymous.status());
            String notice = host.adminNoticeProperty().get();
            String password = notice.substring(notice.indexOf(" / ") + 3, notice.indexOf(" (shown once"));
            guest.login(HostViewModel.adminName(), password);
            guest.issueToken("test machine");
            assertTrue(guest.media().isEmpty(), "signed in, a guest's app reads the library with its own token");
            assertTrue(
                    host.hostedProperty().get().api().media().isEmpty(),
                    "the host app is signed in to its own library");

            host.setHosting(false).join();
            assertFalse(host.hostingProperty().get());
            assertEquals("", host.urlProperty().get());
            Await.until("the browser to hear the server is gone", Duration.ofSeconds(30), () -> found.values().stream()
                    .noneMatch(x -> x.url().equals(f.url())));
            assertTrue(refused(f.url()), "the server stopped with the switch");
        }
    }

    /** The host app's own admin tokens: one at a time, expiring, ended with the hosting. */
    @Test
    void theHostAppKeepsOneExpiringTokenAndRevokesItWithTheHosting(@TempDir Path data) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HostViewModel host = new HostViewModel(Runnable::run, Runnable::run, data, () -> loopback, () -> {});
        // A library an earlier version hosted: it left never-expiring host tokens, one per start,
        // and this run crashed with its token still live.
        host.setHosting(true).join();
        host.setHosting(false).join();
        String crashed;
        List<String> legacy = new ArrayList<>();
        try (Database db = Database.open(data)) {
            TokenStore tokens = new TokenStore(db);
            String admin = adminId(db);
            for (int i = 0; i < 3; i++) {
                legacy.add(tokens.issue(admin, HostToken.NAME, null).info().id());
            }
            crashed = tokens.issue(admin, HostToken.NAME, Instant.now().plus(Duration.ofDays(30)))
                    .info()
                    .id();
            Files.writeString(data.resolve(HostToken.ID_FILE), crashed);
        }

        String first;
        String second;
        try {
            host.setHosting(true).join();
            assertTrue(host.hostingProperty().get(), host.statusProperty().get());
            first = ownTokenId(data);
            assertEquals(List.of(first), liveAdminTokens(host), "only this run's token stands");
            JsonNode own = adminTokens(host).get(first);
            assertTrue(own.hasNonNull("expiresAt"), "the host token expires: " + own);
            Instant expires = Instant.parse(own.get("expiresAt").asText());
            assertTrue(expires.isBefore(Instant.now().plus(Duration.ofDays(31))), own.toString());
            assertTrue(host.hostedProperty().get().api().media().isEmpty(), "and it works");

            host.setHosting(false).join();
            host.setHosting(true).join();
            second = ownTokenId(data);
            assertNotEquals(first, second);
            assertEquals(List.of(second), liveAdminTokens(host), "a restart does not add to a pile");
        } finally {
            host.setHosting(false).join();
        }
        try (Database db = Database.open(data)) {
            List<ApiToken> all = new TokenStore(db).listByOwner(adminId(db));
            assertTrue(all.stream().allMatch(ApiToken::revoked), "nothing stands once hosting stops: " + all);
            assertTrue(all.stream().map(ApiToken::id).toList().containsAll(legacy));
            assertTrue(all.stream().anyMatch(t -> t.id().equals(crashed)));
            assertFalse(Files.exists(data.resolve(HostToken.ID_FILE)));
        }
    }

    private static String adminId(Database db) {
        return new JooqAccountRepository(db, new PasswordHasher(64, 1))
                .findByName(HostViewModel.adminName())
                .orElseThrow()
                .id();
    }

    /** The host app's current token, by the id it keeps in the library folder. */
    private static String ownTokenId(Path data) throws java.io.IOException {
        return Files.readString(data.resolve(HostToken.ID_FILE)).strip();
    }

    /** The admin's tokens by id, as {@code GET /api/tokens} lists them to the host app itself. */
    private static Map<String, JsonNode> adminTokens(HostViewModel host) throws Exception {
        ApiClient api = host.hostedProperty().get().api();
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(api.resolve("/api/tokens"))
                                .header("Authorization", "Bearer " + api.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        new ObjectMapper()
                .readTree(answer.body())
                .forEach(t -> byId.put(t.get("id").asText(), t));
        return byId;
    }

    private static List<String> liveAdminTokens(HostViewModel host) throws Exception {
        Instant now = Instant.now();
        return adminTokens(host).values().stream()
                .filter(t -> !t.get("revoked").asBoolean())
                .filter(t -> !t.hasNonNull("expiresAt")
                        || Instant.parse(t.get("expiresAt").asText()).isAfter(now))
                .map(t -> t.get("id").asText())
                .toList();
    }

    /** The status of {@code GET /api/health} sent with this Host header (java.net.http will not). */
    private static int statusWithHost(int port, String host) throws java.io.IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private static boolean refused(String url) throws InterruptedException {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "api/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
