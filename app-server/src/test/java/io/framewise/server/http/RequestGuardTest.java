package io.framewise.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.testing.AccessWorld;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * The request guard at the wire: Host names (over a raw socket, since java.net.http will not send
 * another Host), Origin and Sec-Fetch-Site on state changes and the WebSocket handshake, JSON-only
 * bodies, and the security headers every answer carries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestGuardTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private FramewiseServer server;
    private String csrf;
    private String cookie;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        server = FramewiseServer.start(ServerConfig.defaults(data)
                .withPort(0)
                .withWorkers(1)
                .withAuth(AuthSettings.local())
                .withAddresses(
                        PublicAddresses.parse(List.of("https://review.example.com"), List.of("alias.example.org"))));
        server.repositories().accounts().create("ada", AccessWorld.PASSWORD, true);
        HttpResponse<String> login = send(
                "POST",
                "/api/auth/login",
                Map.of("Content-Type", "application/json"),
                "{\"username\":\"ada\",\"password\":\"" + AccessWorld.PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        cookie = AccessWorld.sessionCookie(login);
        csrf = AccessWorld.csrfCookie(login);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String own() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A state change by the signed-in browser session, with its CSRF token and extra headers. */
    private HttpResponse<String> asBrowser(String method, String path, Map<String, String> extra, String body)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", cookie + "; fw_csrf=" + csrf);
        headers.put("X-CSRF-Token", csrf);
        headers.putAll(extra);
        return send(method, path, headers, body);
    }

    private static String code(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).at("/error/code").asText();
    }

    /** Status line and headers of a raw HTTP/1.1 request with the given Host header. */
    private String raw(String method, String path, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }

    @Test
    void foreignHostNamesAre421InEveryPathAndMethod() throws Exception {
        int port = server.port();
        for (String[] request : new String[][] {
            {"GET", "/api/health"},
            {"GET", "/api/me"},
            {"GET", "/"},
            {"GET", "/index.html"},
            {"POST", "/api/auth/logout"}
        }) {
            String answer = raw(request[0], request[1], "evil.example:" + port);
            assertEquals(421, status(answer), request[0] + " " + request[1] + ": " + answer);
            assertTrue(answer.contains("misdirected_request"), answer);
        }
        // Look-alikes of allowed names are foreign too.
        for (String host : List.of(
                "localhost.evil.example",
                "127.0.0.1.evil.example",
                "review.example.com.evil.example",
                "evil-localhost")) {
            assertEquals(421, status(raw("GET", "/api/health", host + ":" + port)), host);
        }
    }

    @Test
    void loopbackAddressesThisMachineAndTheConfiguredNamesAreAnswered() throws Exception {
        int port = server.port();
        String machine = InetAddress.getLocalHost().getHostName();
        for (String host : List.of(
                "localhost:" + port,
                "LOCALHOST:" + port,
                "127.0.0.1:" + port,
                "[::1]:" + port,
                "192.168.1.20:" + port,
                "[fe80::1]:" + port,
                machine + ":" + port,
                machine + ".local:" + port,
                "review.example.com",
                "alias.example.org:" + port)) {
            assertEquals(200, status(raw("GET", "/api/health", host)), host);
        }
    }

    @Test
    void stateChangesFromAnotherOriginAreRefusedWhateverTheCredential() throws Exception {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (String origin : List.of(
                "http://localhost:1", "http://127.0.0.1:1", "https://evil.example", "null", "http://127.0.0.1")) {
            Map<String, String> headers = new LinkedHashMap<>(json);
            headers.put("Origin", origin);
            HttpResponse<String> r = asBrowser("POST", "/api/tokens", headers, "{\"name\":\"x\"}");
            assertEquals(403, r.statusCode(), origin + ": " + r.body());
            assertEquals(
                    "cross_origin",
                    JSON.readTree(r.body()).at("/error/details/reason").asText());
            // A bearer token does not make a cross-origin request acceptable either.
            headers.put("Authorization", "Bearer " + issueToken());
            assertEquals(
                    403,
                    send("POST", "/api/tokens", headers, "{\"name\":\"x\"}").statusCode(),
                    origin);
        }
        for (String site : List.of("cross-site", "same-site")) {
            Map<String, String> headers = new LinkedHashMap<>(json);
            headers.put("Sec-Fetch-Site", site);
            assertEquals(
                    403,
                    asBrowser("POST", "/api/tokens", headers, "{\"name\":\"x\"}")
                            .statusCode(),
                    site);
        }
        // A DELETE and a body-less POST are state changes too.
        assertEquals(
                403,
                asBrowser("POST", "/api/auth/logout", Map.of("Origin", "https://evil.example"), null)
                        .statusCode());
        assertEquals(
                403,
                asBrowser("DELETE", "/api/tokens/whatever", Map.of("Sec-Fetch-Site", "cross-site"), null)
                        .statusCode());
        // Reads are not refused by origin (no CORS headers: the page cannot read the answer).
        assertEquals(
                200,
                asBrowser("GET", "/api/me", Map.of("Origin", "https://evil.example"), null)
                        .statusCode());
    }

    @Test
    void theServersOwnOriginsAndClientsThatNameNoneMayChangeThings() throws Exception {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        List<Map<String, String>> fine = List.of(
                Map.of(),
                Map.of("Origin", own()),
                Map.of("Sec-Fetch-Site", "same-origin"),
                Map.of("Sec-Fetch-Site", "none"),
                Map.of("Origin", own(), "Sec-Fetch-Site", "same-origin"));
        for (Map<String, String> extra : fine) {
            Map<String, String> headers = new LinkedHashMap<>(json);
            headers.putAll(extra);
            HttpResponse<String> r = asBrowser("POST", "/api/tokens", headers, "{\"name\":\"ok\"}");
            assertEquals(201, r.statusCode(), extra + ": " + r.body());
        }
        // Behind the proxy: the browser's origin is the public URL, whatever Host the proxy sends.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            String body = "{\"name\":\"proxied\"}";
            socket.getOutputStream()
                    .write(("POST /api/tokens HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                                    + "\r\nOrigin: https://review.example.com\r\nContent-Type: application/json\r\n"
                                    + "Cookie: " + cookie + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Length: "
                                    + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(201, status(answer), answer);
        }
        // nginx passing the browser's Host on: the origin matches the request's own host.
        String origin = "https://alias.example.org";
        assertTrue(new RequestGuard(AllowedHosts.of(PublicAddresses.none()), List.of())
                .isOwn(origin, "alias.example.org"));
        assertFalse(new RequestGuard(AllowedHosts.of(PublicAddresses.none()), List.of())
                .isOwn(origin, "alias.example.org:8642"));
    }

    private String issueToken() {
        String ada =
                server.repositories().accounts().findByName("ada").orElseThrow().id();
        return server.tokens().issue(ada, "guard", null).token();
    }

    @Test
    void jsonEndpointsTakeOnlyJsonBodies() throws Exception {
        for (String type :
                List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> r = asBrowser("POST", "/api/tokens", Map.of("Content-Type", type), "{\"name\":\"t\"}");
            assertEquals(415, r.statusCode(), type + ": " + r.body());
            assertEquals("unsupported_media_type", code(r));
        }
        HttpResponse<String> untyped = asBrowser("POST", "/api/tokens", Map.of(), "{\"name\":\"t\"}");
        assertEquals(415, untyped.statusCode(), untyped.body());
        assertEquals(
                201,
                asBrowser(
                                "POST",
                                "/api/tokens",
                                Map.of("Content-Type", "application/json; charset=UTF-8"),
                                "{\"name\":\"t\"}")
                        .statusCode());
        // A body-less state change needs no type (logging out a second session of the same person).
        HttpResponse<String> login = send(
                "POST",
                "/api/auth/login",
                Map.of("Content-Type", "application/json"),
                "{\"username\":\"ada\",\"password\":\"" + AccessWorld.PASSWORD + "\"}");
        String other = AccessWorld.csrfCookie(login);
        HttpResponse<String> logout = send(
                "POST",
                "/api/auth/logout",
                Map.of("Cookie", AccessWorld.sessionCookie(login) + "; fw_csrf=" + other, "X-CSRF-Token", other),
                null);
        assertEquals(204, logout.statusCode(), logout.body());
    }

    @Test
    void uploadsKeepTheirOwnBodyTypesButNotCrossSite() throws Exception {
        byte[] file = "not really media".getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder upload = HttpRequest.newBuilder(server.baseUri().resolve("api/media?filename=a.mp4"))
                .header("Authorization", "Bearer " + issueToken())
                .header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file));
        HttpResponse<String> accepted = HTTP.send(upload.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, accepted.statusCode(), accepted.body());
        HttpResponse<String> crossSite = HTTP.send(
                upload.header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, crossSite.statusCode(), crossSite.body());
        // tus creation and a chunk in the tus body type.
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve("api/tus"))
                        .header("Authorization", "Bearer " + issueToken())
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Length", Integer.toString(file.length))
                        .header("Upload-Metadata", "filename YS5tcDQ=")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        URI location = server.baseUri()
                .resolve(created.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> chunk = HTTP.send(
                HttpRequest.newBuilder(location)
                        .header("Authorization", "Bearer " + issueToken())
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, chunk.statusCode(), chunk.body());
    }

    @Test
    void theWebSocketHandshakeChecksTheOrigin() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/api/ws");
        for (String origin : List.of("http://localhost:1", "https://evil.example", "null")) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> HTTP.newWebSocketBuilder()
                            .header("Cookie", cookie)
                            .header("Origin", origin)
                            .buildAsync(ws, new WebSocket.Listener() {})
                            .get(10, TimeUnit.SECONDS),
                    origin);
            assertTrue(e.getCause() instanceof WebSocketHandshakeException, origin + ": " + e.getCause());
            assertEquals(
                    403,
                    ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode(),
                    origin);
        }
        for (Map<String, String> fine : List.of(Map.<String, String>of(), Map.of("Origin", own()))) {
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().header("Cookie", cookie);
            fine.forEach(builder::header);
            builder.buildAsync(ws, new WebSocket.Listener() {})
                    .get(10, TimeUnit.SECONDS)
                    .abort();
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/index.html", "/review/x", "/api/health", "/api/no-such-route", "/api/me")) {
            HttpResponse<String> r = send("GET", path, Map.of(), null);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals(
                    "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals(
                    "same-origin", r.headers().firstValue("Referrer-Policy").orElse(""), path);
            if (path.startsWith("/api/")) {
                assertEquals(
                        "same-origin",
                        r.headers().firstValue("Cross-Origin-Resource-Policy").orElse(""),
                        path);
            } else {
                assertTrue(csp.contains("script-src 'self'"), path + ": " + csp);
            }
        }
        JsonNode refused = JSON.readTree(raw("GET", "/api/health", "evil.example")
                .split("\r\n\r\n", 2)[1]
                .lines()
                .filter(l -> l.startsWith("{"))
                .findFirst()
                .orElseThrow());
        assertEquals("misdirected_request", refused.at("/error/code").asText());
    }
}
