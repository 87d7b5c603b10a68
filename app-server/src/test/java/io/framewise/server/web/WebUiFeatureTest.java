package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built UI as the assembled server serves it: fallback, cache headers, and the API left alone. */
class WebUiFeatureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;

    static FramewiseServer server;

    @BeforeAll
    static void start() {
        server = FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.baseUri().resolve(URI.create(path)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientRoutesGetTheAppPageUncached() throws Exception {
        for (String path : new String[] {"/", "/review/abc?v=2", "/projects/x", "/admin", "/some/deep/link"}) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""), path);
            assertTrue(r.body().contains("<div id=\"app\">"), path);
            assertTrue(
                    r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"), path);
        }
    }

    @Test
    void hashedAssetsAreImmutableAndTyped() throws Exception {
        String index = get("/").body();
        Matcher js = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertTrue(js.find(), "index.html names its script: " + index);
        HttpResponse<String> r = get(js.group(1));
        assertEquals(200, r.statusCode());
        assertEquals(
                WebUiFeature.IMMUTABLE, r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(r.body().length() > 1000);
        // Not only the page: every file of the UI carries the policy.
        for (String path : new String[] {js.group(1), "/index.html", "/assets/index-0000.js"}) {
            HttpResponse<String> file = get(path);
            assertEquals(
                    WebUiFeature.CSP,
                    file.headers().firstValue("Content-Security-Policy").orElse(""),
                    path);
            assertEquals(
                    "nosniff",
                    file.headers().firstValue("X-Content-Type-Options").orElse(""),
                    path);
            assertEquals(
                    "same-origin", file.headers().firstValue("Referrer-Policy").orElse(""), path);
        }
    }

    @Test
    void unknownApiPathsStayJsonErrors() throws Exception {
        HttpResponse<String> r = get("/api/no-such-thing");
        assertEquals(404, r.statusCode());
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("not_found", body.at("/error/code").asText());
        assertEquals("/api/no-such-thing", body.at("/error/details/path").asText());
        // The API's own routes still answer.
        assertEquals(200, get("/api/health").statusCode());
    }

    @Test
    void aMissingAssetIsA404NotThePage() throws Exception {
        HttpResponse<String> r = get("/assets/index-0000.js");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("not_found"));
    }

    @Test
    void traversalNamesAreRefused() {
        assertNull(WebUiFeature.safeFile("/../secret"));
        assertNull(WebUiFeature.safeFile("/assets/../../x"));
        assertNull(WebUiFeature.safeFile("/a//b"));
        assertNull(WebUiFeature.safeFile("/a\\b"));
        assertEquals("assets/app.js", WebUiFeature.safeFile("/assets/app.js"));
        assertEquals("text/css; charset=utf-8", WebUiFeature.typeOf("assets/x.CSS"));
    }
}
