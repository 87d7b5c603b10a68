package io.framewise.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.Feature;
import io.framewise.server.ServerConfig;
import io.framewise.server.testing.NotesServer;
import io.framewise.server.upload.TusUploads;
import io.javalin.config.JavalinState;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.websocket.WsHandlerEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document is OpenAPI 3 and documents every route the assembled server
 * registers, read back from Javalin's router: a route added without documentation fails here.
 */
class OpenApiFeatureTest {

    private static final Set<HandlerType> HTTP_METHODS = Set.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE,
            HandlerType.HEAD,
            HandlerType.OPTIONS);

    @TempDir
    Path data;

    @Test
    void everyRegisteredRouteIsDocumented() throws Exception {
        AtomicReference<JavalinState> state = new AtomicReference<>();
        // Registered last, it sees the router the other features filled.
        Feature routeSpy = cfg -> state.set(cfg.unsafe);
        ServerConfig uploads = new ServerConfig(data, "127.0.0.1", 0, 1, 1L << 20, 0);
        try (NotesServer server = new NotesServer(data, new TusUploads(uploads, file -> Map.of("id", "x")), routeSpy)) {
            HttpResponse<String> r = server.get(OpenApiFeature.PATH);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode doc = NotesServer.json(r);
            assertTrue(
                    doc.get("openapi").asText().matches("3\\.\\d+\\.\\d+"),
                    doc.get("openapi").asText());
            JsonNode paths = doc.get("paths");

            assertEquals(List.of(), undocumented(state.get(), paths), "routes registered but not in openapi.json");
            assertTrue(routeCount(state.get()) >= 16, "only " + routeCount(state.get()) + " routes seen");

            List<WsHandlerEntry> sockets = state.get().internalRouter.allWsHandlers();
            assertFalse(sockets.isEmpty());
            for (WsHandlerEntry socket : sockets) {
                assertEquals(socket.getPath(), doc.at("/x-websocket/path").asText());
            }
        }
    }

    @Test
    void anUndocumentedRouteIsCaught() throws Exception {
        AtomicReference<JavalinState> state = new AtomicReference<>();
        Feature extra = cfg -> cfg.routes.get("/api/media/{id}/secret", ctx -> ctx.result("x"));
        Feature routeSpy = cfg -> state.set(cfg.unsafe);
        try (NotesServer server = new NotesServer(data, extra, routeSpy)) {
            JsonNode paths = NotesServer.json(server.get(OpenApiFeature.PATH)).get("paths");
            assertEquals(List.of("GET /api/media/{id}/secret"), undocumented(state.get(), paths));
        }
    }

    /** The registered HTTP routes (method and path) that the document's paths do not describe. */
    static List<String> undocumented(JavalinState state, JsonNode paths) {
        List<String> missing = new ArrayList<>();
        for (ParsedEndpoint parsed : state.internalRouter.allHttpHandlers()) {
            HandlerType method = parsed.endpoint.method;
            String path = parsed.endpoint.path;
            // Paths outside /api/ are the web UI's files (WebUiFeature), not part of the API.
            if (HTTP_METHODS.contains(method)
                    && path.startsWith("/api/")
                    && !paths.path(path).has(method.name().toLowerCase(Locale.ROOT))) {
                missing.add(method + " " + path);
            }
        }
        return missing;
    }

    static long routeCount(JavalinState state) {
        return state.internalRouter.allHttpHandlers().stream()
                .filter(p -> HTTP_METHODS.contains(p.endpoint.method))
                .count();
    }

    @Test
    void theDocumentIsSelfConsistentAndCoversTheIssuesRoutes() throws Exception {
        JsonNode doc = NotesServer.JSON.readTree(OpenApiFeature.load());
        JsonNode paths = doc.get("paths");
        for (String path : List.of(
                "/api/health",
                "/api/media",
                "/api/media/{id}",
                "/api/media/{id}/stream",
                "/api/media/{id}/frames/{n}",
                "/api/media/{id}/poster",
                "/api/media/{id}/sprites",
                "/api/media/{id}/sprites.json",
                "/api/media/{id}/waveform.json",
                "/api/media/{id}/framemap",
                "/api/tus",
                "/api/tus/{id}",
                "/api/media/{id}/comments",
                "/api/comments/{id}")) {
            assertTrue(paths.has(path), path);
        }
        for (String schema : List.of("Error", "MediaItem", "Note", "Drawing")) {
            assertTrue(doc.at("/components/schemas").has(schema), schema);
        }
        // Every operation answers something, and every $ref points at a defined component.
        paths.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            assertTrue(op.getValue().get("responses").size() > 0, p.getKey() + " " + op.getKey());
        }));
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/([^\"]+)\"").matcher(doc.toString());
        int count = 0;
        while (refs.find()) {
            count++;
            assertFalse(doc.at("/" + refs.group(1)).isMissingNode(), "dangling $ref " + refs.group(1));
        }
        assertTrue(count > 20);
    }
}
