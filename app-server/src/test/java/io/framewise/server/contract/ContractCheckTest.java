package io.framewise.server.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.Feature;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.ServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract check itself: what the document allows passes, anything else fails, with its reason. */
class ContractCheckTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    @TempDir
    Path data;

    @Test
    void aDocumentedAnswerPasses() {
        assertEquals(
                List.of(),
                check(exchange(
                        "GET", "/api/health", 200, "{\"status\":\"ok\",\"version\":\"1\",\"uptimeSeconds\":3}")));
    }

    @Test
    void aFieldTheDocumentDoesNotNameFails() {
        List<String> found = check(exchange(
                "GET", "/api/health", 200, "{\"status\":\"ok\",\"version\":\"1\",\"uptimeSeconds\":3,\"secret\":42}"));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("GET /api/health -> 200: "), found.get(0));
        assertTrue(found.get(0).contains("secret"), found.get(0));
    }

    @Test
    void aWrongTypeAMissingFieldAndAnUndocumentedStatusFail() {
        List<String> wrongType = check(exchange("GET", "/api/health", 200, "{\"status\":7}"));
        assertTrue(wrongType.toString().contains("status"), wrongType.toString());
        List<String> missing = check(exchange("GET", "/api/health", 200, "{\"version\":\"1\"}"));
        assertTrue(missing.toString().contains("required"), missing.toString());
        List<String> teapot = check(exchange("GET", "/api/health", 418, "{\"status\":\"ok\"}"));
        assertTrue(teapot.toString().contains("validation.response.status.unknown"), teapot.toString());
    }

    @Test
    void anErrorMustHaveTheErrorShape() {
        String wrong = "{\"message\":\"no such media\"}";
        List<String> found = check(exchange("GET", "/api/media/x", 404, wrong));
        assertTrue(found.toString().contains("\"message\""), found.toString());
        String right = "{\"error\":{\"code\":\"not_found\",\"message\":\"No such media\",\"details\":{}}}";
        assertEquals(List.of(), check(exchange("GET", "/api/media/x", 404, right)));
    }

    @Test
    void aMethodThePathDoesNotHaveMayOnlyAnswerNotFound() {
        String notFound = "{\"error\":{\"code\":\"not_found\",\"message\":\"Not found\",\"details\":{}}}";
        assertEquals(List.of(), check(exchange("PUT", "/api/health", 404, notFound)));
        List<String> found = check(exchange("PUT", "/api/health", 200, "{\"status\":\"ok\"}"));
        assertTrue(found.toString().contains("validation.request.operation.notAllowed"), found.toString());
    }

    @Test
    void aRouteOnlyATestRegisteredIsNotTheApis() {
        // OpenApiFeatureTest fails when a route of the assembled server is missing from the document.
        assertEquals(List.of(), check(exchange("GET", "/api/test-probe", 200, "{\"anything\":1}")));
    }

    /** The whole path: the server's extension hook, the filter, the validator and the recorder. */
    @Test
    void aServerAnsweringAnUndocumentedFieldIsRecorded() throws Exception {
        String before = System.getProperty(ServerExtension.PROPERTY);
        System.setProperty(ServerExtension.PROPERTY, "true");
        // Runs after the health handler and replaces its answer with one that says too much.
        Feature leak = cfg -> cfg.routes.after("/api/health", ctx -> {
            if ("1".equals(ctx.header("X-Leak"))) {
                ctx.json(Map.of("status", "ok", "version", "1", "uptimeSeconds", 3, "secret", 42));
            }
        });
        try (ServerApp app = ServerApp.start(new ServerConfig(data, "127.0.0.1", 0, 1, 1L << 20, 0), leak)) {
            assertEquals(200, get(app.baseUri().resolve("api/health")).statusCode());
            assertEquals(List.of(), ContractViolations.drain());

            HttpResponse<String> leaked = HTTP.send(
                    HttpRequest.newBuilder(app.baseUri().resolve("api/health"))
                            .header("X-Leak", "1")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, leaked.statusCode());
            assertTrue(leaked.body().contains("secret"), leaked.body());
            List<String> found = ContractViolations.drain();
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).startsWith("GET /api/health -> 200: "), found.get(0));
            assertTrue(found.get(0).contains("secret"), found.get(0));
        } finally {
            if (before == null) {
                System.clearProperty(ServerExtension.PROPERTY);
            } else {
                System.setProperty(ServerExtension.PROPERTY, before);
            }
        }
    }

    private static List<String> check(Exchange e) {
        return ContractValidator.shared().check(e);
    }

    private static Exchange exchange(String method, String path, int status, String body) {
        return new Exchange(method, path, null, Map.of(), null, status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
