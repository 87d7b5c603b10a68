package io.framewise.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.auth.AuthSettings;
import io.framewise.server.db.Database;
import io.framewise.server.db.DatabaseLocation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/metrics} and {@code /api/health/ready} on a real server (port 0, local accounts). */
class MetricsFeatureTest {

    private static final String TOKEN = "scraper-secret-0123456789abcdef";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private FramewiseServer server;
    private final Map<String, String> tokens = new java.util.HashMap<>();

    @BeforeEach
    void start() throws Exception {
        Path tokenFile = dir.resolve("metrics.token");
        Files.writeString(tokenFile, TOKEN + "\n");
        server = FramewiseServer.start(
                ServerConfig.defaults(dir.resolve("data"))
                        .withPort(0)
                        .withWorkers(1)
                        .withAuth(AuthSettings.local()),
                Clock.systemUTC(),
                null,
                MetricsToken.fromFile(tokenFile));
        for (String name : new String[] {"admin", "editor", "reviewer"}) {
            var account = server.repositories().accounts().create(name, "correct horse battery", name.equals("admin"));
            tokens.put(name, server.tokens().issue(account.id(), "tests", null).token());
        }
        HttpResponse<String> project = get("/api/projects", "admin");
        assertEquals(200, project.statusCode(), project.body());
        String projectId = server.repositories()
                .projects()
                .create(
                        "Show",
                        server.repositories()
                                .accounts()
                                .findByName("admin")
                                .orElseThrow()
                                .id())
                .id();
        server.repositories()
                .members()
                .put(
                        projectId,
                        server.repositories()
                                .accounts()
                                .findByName("editor")
                                .orElseThrow()
                                .id(),
                        ProjectRole.EDITOR);
        server.repositories()
                .members()
                .put(
                        projectId,
                        server.repositories()
                                .accounts()
                                .findByName("reviewer")
                                .orElseThrow()
                                .id(),
                        ProjectRole.REVIEWER);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void administratorsReadPrometheusTextWithRouteTemplatesAndQueueGauges() throws Exception {
        assertEquals(404, get("/api/media/no-such-media", "admin").statusCode());
        assertEquals(404, get("/api/media/another-missing-one", "admin").statusCode());

        HttpResponse<String> metrics = get("/api/metrics", "admin");

        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        assertTrue(
                Pattern.compile("framewise_http_requests_seconds_count\\{method=\"GET\",route=\"/api/media/\\{id}\","
                                + "status=\"4xx\"} 2(\\.0)?\n")
                        .matcher(text)
                        .find(),
                text);
        assertFalse(text.contains("no-such-media"), "raw paths never become labels");
        assertTrue(text.contains("framewise_jobs_queue_depth "), text);
        assertTrue(text.contains("framewise_jobs_queue_oldest_age_seconds "), text);
        assertTrue(text.contains("framewise_jobs{state=\"failed\"} 0.0"), text);
        assertTrue(text.contains("framewise_websocket_clients 0.0"), text);
        assertTrue(text.contains("framewise_live_sessions 0.0"), text);
        assertTrue(text.contains("framewise_db_writer_busy "), text);
        if (server.config().database() instanceof DatabaseLocation.Postgres) {
            // HikariCP's own meters, one series per pool.
            assertTrue(text.contains("hikaricp_connections_active{pool=\"framewise-readers\"}"), text);
        } else {
            assertTrue(text.contains("framewise_db_readers_idle "), text);
        }
    }

    @Test
    void membersAndStrangersAreRefused() throws Exception {
        assertEquals(403, get("/api/metrics", "editor").statusCode());
        assertEquals(403, get("/api/metrics", "reviewer").statusCode());
        HttpResponse<String> anonymous = get("/api/metrics", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body().contains("\"code\""), anonymous.body());
    }

    @Test
    void theMetricsTokenWorksOnlyInTheHeader() throws Exception {
        HttpResponse<String> scraped =
                send(HttpRequest.newBuilder(server.baseUri().resolve("api/metrics"))
                        .header("Authorization", "Bearer " + TOKEN));
        assertEquals(200, scraped.statusCode(), scraped.body());
        assertTrue(scraped.body().contains("framewise_jobs_queue_depth"));
        HttpResponse<String> again =
                send(HttpRequest.newBuilder(server.baseUri().resolve("api/metrics"))
                        .header("Authorization", "Bearer " + TOKEN));
        assertTrue(
                again.body()
                        .contains("framewise_http_requests_seconds_count{method=\"GET\",route=\"/api/metrics\","
                                + "status=\"2xx\"}"),
                again.body());

        assertEquals(
                401,
                send(HttpRequest.newBuilder(server.baseUri().resolve("api/metrics"))
                                .header("Authorization", "Bearer " + TOKEN + "x"))
                        .statusCode());
        assertEquals(
                401,
                send(HttpRequest.newBuilder(server.baseUri().resolve("api/metrics?access_token=" + TOKEN)))
                        .statusCode());
    }

    @Test
    void readinessNeedsNoSignIn() throws Exception {
        HttpResponse<String> ready = get("/api/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\":\"ready\""), ready.body());
    }

    @Test
    void readinessFailsOnceTheDatabaseIsGone(@TempDir Path other) throws Exception {
        Database db = Database.open(other);
        try (ServerApp app =
                ServerApp.start(ServerConfig.defaults(other).withPort(0), new ReadinessFeature(db, other))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(app.baseUri().resolve("api/health/ready"));
            assertEquals(200, send(request).statusCode());

            db.close();

            HttpResponse<String> down = send(request);
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"code\":\"unavailable\""), down.body());
            assertTrue(down.body().contains("\"database\":false"), down.body());
            assertFalse(down.body().contains(other.toString()), "no server paths in the answer");
            assertEquals(
                    200,
                    send(HttpRequest.newBuilder(app.baseUri().resolve("api/health")))
                            .statusCode());
        }
    }

    private HttpResponse<String> get(String path, String who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path.substring(1)));
        if (who != null) {
            request.header("Authorization", "Bearer " + tokens.get(who));
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
