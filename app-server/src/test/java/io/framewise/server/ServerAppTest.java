package io.framewise.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.MediaException;
import io.framewise.server.http.ApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAppTest {

    /** A note-like body to check JSON binding and its errors. */
    record Echo(String text, int frame) {}

    @TempDir
    static Path data;

    static ServerApp app;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        Feature testRoutes = cfg -> {
            cfg.routes.post("/api/test-echo", ctx -> {
                Echo echo = ctx.bodyAsClass(Echo.class);
                if (echo.frame() < 0) {
                    throw new ApiException.Invalid(
                            "Frame " + echo.frame() + " is outside the media", Map.of("frame", echo.frame()));
                }
                ctx.json(echo);
            });
            cfg.routes.get("/api/test-conflict", ctx -> {
                throw new ApiException.Conflict("Already approved", Map.of("status", "approved"));
            });
            cfg.routes.get("/api/test-boom", ctx -> {
                throw new IllegalStateException("secret internal detail");
            });
            cfg.routes.get("/api/test-corrupt", ctx -> {
                throw new MediaException.Corrupt(data.resolve("x.mp4"), "not media");
            });
            cfg.routes.get(
                    "/api/test-int",
                    ctx -> ctx.json(Map.of(
                            "n", ctx.queryParamAsClass("n", Integer.class).get())));
        };
        app = ServerApp.start(new ServerConfig(data, "127.0.0.1", 0, 1, 1024, 0), testRoutes);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request as JSON clients send it (the server refuses JSON bodies of any other type: 415). */
    static HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(app.baseUri().resolve(path)).header("Content-Type", "application/json");
    }

    static JsonNode error(HttpResponse<String> res, int status, String code) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode root = JSON.readTree(res.body());
        assertEquals(1, root.size(), "only the error object: " + res.body());
        JsonNode error = root.get("error");
        assertEquals(code, error.get("code").asText());
        assertFalse(error.get("message").asText().isBlank());
        assertTrue(error.get("details").isObject());
        return error;
    }

    @Test
    void healthAnswersOkWithVersionAndUptime() throws Exception {
        HttpResponse<String> res = send(req("api/health"));
        assertEquals(200, res.statusCode());
        JsonNode body = JSON.readTree(res.body());
        assertEquals("ok", body.get("status").asText());
        assertTrue(body.get("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), body.toString());
        assertTrue(body.get("uptimeSeconds").asLong() >= 0);
        assertTrue(app.port() > 0);
        assertEquals(URI.create("http://127.0.0.1:" + app.port() + "/"), app.baseUri());
    }

    @Test
    void unknownRouteIsA404InTheErrorShape() throws Exception {
        JsonNode e = error(send(req("api/nope/123")), 404, "not_found");
        assertEquals("/api/nope/123", e.get("details").get("path").asText());
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        error(
                send(req("api/test-echo").POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"hi\", "))),
                400,
                "bad_request");
        error(send(req("api/test-echo").POST(HttpRequest.BodyPublishers.ofString("not json"))), 400, "bad_request");
    }

    @Test
    void wrongFieldTypeAndUnknownFieldName400WithTheField() throws Exception {
        JsonNode e = error(
                send(req("api/test-echo")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"a\",\"frame\":\"x\"}"))),
                400,
                "bad_request");
        assertEquals("frame", e.get("details").get("field").asText());
        e = error(
                send(req("api/test-echo")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"a\",\"frame\":1,\"frme\":1}"))),
                400,
                "bad_request");
        assertEquals("frme", e.get("details").get("field").asText());
    }

    @Test
    void validJsonRoundTrips() throws Exception {
        HttpResponse<String> res =
                send(req("api/test-echo").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\",\"frame\":12}")));
        assertEquals(200, res.statusCode());
        assertEquals(12, JSON.readTree(res.body()).get("frame").asInt());
    }

    @Test
    void apiExceptionsKeepTheirStatusCodeAndDetails() throws Exception {
        JsonNode e = error(
                send(req("api/test-echo").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\",\"frame\":-3}"))),
                422,
                "invalid");
        assertEquals(-3, e.get("details").get("frame").asInt());
        e = error(send(req("api/test-conflict")), 409, "conflict");
        assertEquals("approved", e.get("details").get("status").asText());
    }

    @Test
    void badQueryParameterIsA400() throws Exception {
        error(send(req("api/test-int?n=abc")), 400, "bad_request");
    }

    @Test
    void mediaExceptionsMapWithoutServerPaths() throws Exception {
        JsonNode e = error(send(req("api/test-corrupt")), 422, "corrupt_media");
        assertFalse(e.get("message").asText().contains(data.toString()), e.toString());
    }

    @Test
    void unexpectedFailureIsAGeneric500() throws Exception {
        HttpResponse<String> res = send(req("api/test-boom"));
        JsonNode e = error(res, 500, "internal_error");
        assertFalse(res.body().contains("secret"), res.body());
        assertFalse(res.body().contains("IllegalStateException"), res.body());
        assertTrue(e.get("details").isEmpty());
    }

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig(data, "127.0.0.1", 70_000, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig(data, " ", 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig(data, "127.0.0.1", 0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig(data, "127.0.0.1", 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig(data, "127.0.0.1", 0, 1, 1, -1));
        assertEquals(8642, ServerConfig.defaults(data).port());
    }
}
