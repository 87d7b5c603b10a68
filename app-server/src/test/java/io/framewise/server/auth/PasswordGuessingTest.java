package io.framewise.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online password guessing against a real server: guesses in parallel, through the password-change
 * endpoint, from behind a reverse proxy with a forged {@code X-Forwarded-For}, and in a burst that
 * would need more hashing memory than the server has. Each test is the attack; it fails if the
 * attack works.
 */
class PasswordGuessingTest {

    static final String PASSWORD = "correct horse battery";
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private FramewiseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(AuthSettings auth) {
        server = FramewiseServer.start(
                ServerConfig.defaults(data).withPort(0).withWorkers(1).withAuth(auth));
        server.repositories().accounts().create("victim", PASSWORD, false);
        server.repositories().accounts().create("boss", PASSWORD, true);
    }

    private HttpRequest login(String name, String password, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve("api/auth/login"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}"));
        headers.forEach(b::header);
        return b.build();
    }

    private int send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private List<JsonNode> audit(String action) throws Exception {
        String token = server.tokens()
                .issue(
                        server.repositories()
                                .accounts()
                                .findByName("boss")
                                .orElseThrow()
                                .id(),
                        "audit",
                        null)
                .token();
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(
                                server.baseUri().resolve("api/admin/audit?format=json&limit=500&action=" + action))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> entries = new ArrayList<>();
        JSON.readTree(r.body()).forEach(entries::add);
        return entries;
    }

    @Test
    void thirtyGuessesSentAtOnceGetNoMoreThanTheLimitChecked() throws Exception {
        start(AuthSettings.local());
        List<CompletableFuture<HttpResponse<Void>>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            guesses.add(
                    HTTP.sendAsync(login("victim", "guess " + i, Map.of()), HttpResponse.BodyHandlers.discarding()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<Void>> g : guesses) {
            statuses.merge(g.join().statusCode(), 1, Integer::sum);
        }
        int checked = statuses.getOrDefault(401, 0);
        assertTrue(checked <= LoginRateLimiter.DEFAULT_PER_ACCOUNT, "passwords checked: " + statuses);
        assertTrue(statuses.getOrDefault(429, 0) >= 30 - LoginRateLimiter.DEFAULT_PER_ACCOUNT, statuses.toString());
        assertEquals(
                30,
                checked + statuses.getOrDefault(429, 0) + statuses.getOrDefault(503, 0),
                "only wrong, limited or busy: " + statuses);
        long evaluated = audit("login.failure").stream()
                .filter(e -> e.path("details").asText().contains("wrong_credentials"))
                .count();
        assertEquals(checked, evaluated, "every checked guess is in the audit log, and no more");
        assertEquals(429, send(login("victim", PASSWORD, Map.of())), "the account is locked for the window");
    }

    @Test
    void theCurrentPasswordOfAPasswordChangeIsNoUnlimitedOracle() throws Exception {
        start(AuthSettings.local());
        String userId = server.repositories()
                .accounts()
                .findByName("victim")
                .orElseThrow()
                .id();
        // A stolen token: the thief tries to learn the password (to keep access after a revocation).
        String token = server.tokens().issue(userId, "stolen", null).token();
        for (int i = 1; i <= LoginRateLimiter.DEFAULT_PER_ACCOUNT; i++) {
            assertEquals(403, changePassword(token, "guess " + i).statusCode(), "guess " + i);
        }
        HttpResponse<String> limited = changePassword(token, "guess 11");
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, changePassword(token, PASSWORD).statusCode(), "even the right one waits");
        // The same count guards sign-in: the two endpoints do not give twice the guesses.
        assertEquals(429, send(login("victim", PASSWORD, Map.of())));
        assertTrue(
                server.repositories()
                        .accounts()
                        .authenticate("victim", PASSWORD)
                        .isPresent(),
                "unchanged");
    }

    private HttpResponse<String> changePassword(String token, String current) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve("api/me/password"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"" + current
                                + "\",\"newPassword\":\"the attacker's own passphrase\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnLimitAndForgedHopsDoNotHelp() throws Exception {
        // The test is the proxy: its requests come from 127.0.0.1 and name the client as nginx does.
        start(AuthSettings.local().withTrustedProxies(List.of("127.0.0.1/32")));
        String guesser = "203.0.113.7";
        for (int i = 0; i < LoginRateLimiter.DEFAULT_PER_ADDRESS; i++) {
            // A new made-up account each time (so only the address limit applies) and a new forged
            // left part of the header each time (the client's own claim, which nginx keeps).
            assertEquals(
                    401,
                    send(login("nobody" + i, "guess", Map.of("X-Forwarded-For", "198.51.100." + i + ", " + guesser))),
                    "guess " + i);
        }
        assertEquals(
                429,
                send(login("nobody-else", "guess", Map.of("X-Forwarded-For", "198.51.100.250, " + guesser))),
                "the guesser's address is used up, whatever it claims");
        assertEquals(
                200,
                send(login("victim", PASSWORD, Map.of("X-Forwarded-For", "203.0.113.8"))),
                "another client behind the same proxy is not locked out with the guesser");
        List<JsonNode> failures = audit("login.failure");
        assertTrue(
                failures.stream().allMatch(e -> e.path("sourceAddress").asText().equals(guesser)),
                "the audit log names the client, not the proxy: " + failures.get(0));
        assertEquals(
                "203.0.113.8",
                audit("login.success").get(0).path("sourceAddress").asText());
    }

    @Test
    void withoutATrustedProxyAForgedForwardedForIsIgnored() throws Exception {
        start(AuthSettings.local());
        for (int i = 0; i < LoginRateLimiter.DEFAULT_PER_ADDRESS; i++) {
            assertEquals(
                    401,
                    send(login("nobody" + i, "guess", Map.of("X-Forwarded-For", "198.51.100." + i))),
                    "guess " + i);
        }
        assertEquals(429, send(login("nobody-else", "guess", Map.of("X-Forwarded-For", "198.51.100.251"))));
        assertTrue(audit("login.failure").stream()
                .allMatch(e -> e.path("sourceAddress").asText().equals("127.0.0.1")));
    }

    @Test
    void aBurstBeyondTheHashingCapIsAnswered503NotAnOutOfMemoryError() throws Exception {
        start(AuthSettings.local());
        HashingCap cap = HashingCap.shared();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(cap.size());
        try {
            // Every slot busy, as during a burst of logins.
            for (int i = 0; i < cap.size(); i++) {
                holders.submit(() -> cap.run(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
            }
            Await.until("every hashing slot taken", Duration.ofSeconds(10), () -> cap.inUse() == cap.size());
            HttpResponse<String> busy =
                    HTTP.send(login("victim", PASSWORD, Map.of()), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("2", busy.headers().firstValue("Retry-After").orElse(null));
            assertEquals(
                    "unavailable",
                    JSON.readTree(busy.body()).path("error").path("code").asText());
        } finally {
            release.countDown();
            holders.shutdown();
        }
        Await.until("the slots free again", Duration.ofSeconds(10), () -> cap.inUse() == 0);
        assertEquals(200, send(login("victim", PASSWORD, Map.of())), "the server recovers at once");
    }
}
