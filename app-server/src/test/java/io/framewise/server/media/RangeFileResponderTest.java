package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.Feature;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Range answers checked byte for byte against the file, for both ways of writing the body. */
class RangeFileResponderTest {

    /** Larger than one mapping window so the mapped path crosses a window boundary. */
    static final int SIZE = (int) RangeFileResponder.MAP_WINDOW + 123_457;

    static Path data;
    static Path files;
    static byte[] content;
    static ServerApp app;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("range-test");
        files = Files.createDirectories(data.resolve("files"));
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
        Files.write(files.resolve("clip.mp4"), content);
        Files.write(files.resolve("empty.bin"), new byte[0]);
        RangeFileResponder mapped = new RangeFileResponder(RangeFileResponder.Transfer.MAPPED);
        RangeFileResponder copy = new RangeFileResponder(RangeFileResponder.Transfer.COPY);
        Feature testFiles = cfg -> {
            // Test-only routes; names are checked so a test cannot read outside the folder.
            cfg.routes.get("/api/files/{name}", ctx -> mapped.respond(ctx, file(ctx.pathParam("name"))));
            cfg.routes.head("/api/files/{name}", ctx -> mapped.respond(ctx, file(ctx.pathParam("name"))));
            cfg.routes.get("/api/copy/{name}", ctx -> copy.respond(ctx, file(ctx.pathParam("name"))));
        };
        app = ServerApp.start(new ServerConfig(data, "127.0.0.1", 0, 1, 1024, 0), testFiles);
    }

    static Path file(String name) {
        if (name.contains("/") || name.startsWith(".")) {
            throw new io.framewise.server.http.ApiException.BadRequest("bad name");
        }
        return files.resolve(name);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        try (var walk = Files.walk(data)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    static HttpResponse<byte[]> get(String route, String... headers) throws Exception {
        return send("GET", route, headers);
    }

    static HttpResponse<byte[]> send(String method, String route, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUri().resolve(route))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String route(RangeFileResponder.Transfer t) {
        return (t == RangeFileResponder.Transfer.MAPPED ? "api/files/" : "api/copy/") + "clip.mp4";
    }

    static void assertPartial(HttpResponse<byte[]> res, long first, long last) {
        assertEquals(206, res.statusCode());
        assertEquals(
                "bytes " + first + "-" + last + "/" + SIZE,
                res.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(
                last - first + 1,
                res.headers().firstValueAsLong("Content-Length").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(content, (int) first, (int) last + 1), res.body());
    }

    @ParameterizedTest
    @EnumSource(RangeFileResponder.Transfer.class)
    void fullFileWithoutRange(RangeFileResponder.Transfer t) throws Exception {
        HttpResponse<byte[]> res = get(route(t));
        assertEquals(200, res.statusCode());
        assertEquals("bytes", res.headers().firstValue("Accept-Ranges").orElseThrow());
        assertEquals("video/mp4", res.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(SIZE, res.headers().firstValueAsLong("Content-Length").orElseThrow());
        assertArrayEquals(content, res.body());
    }

    @ParameterizedTest
    @EnumSource(RangeFileResponder.Transfer.class)
    void singleRanges(RangeFileResponder.Transfer t) throws Exception {
        assertPartial(get(route(t), "Range", "bytes=100-199"), 100, 199);
        assertPartial(get(route(t), "Range", "bytes=0-0"), 0, 0);
        assertPartial(get(route(t), "Range", "bytes=" + (SIZE - 1) + "-" + (SIZE - 1)), SIZE - 1, SIZE - 1);
        assertPartial(get(route(t), "Range", "bytes=1000-"), 1000, SIZE - 1);
        assertPartial(get(route(t), "Range", "bytes=-500"), SIZE - 500, SIZE - 1);
        assertPartial(get(route(t), "Range", "bytes=-1"), SIZE - 1, SIZE - 1);
        // A suffix larger than the file is the whole file, as a 206.
        assertPartial(get(route(t), "Range", "bytes=-" + (SIZE * 2L)), 0, SIZE - 1);
        // The last byte position is clamped to the end.
        assertPartial(get(route(t), "Range", "bytes=" + (SIZE - 10) + "-" + (SIZE + 1000)), SIZE - 10, SIZE - 1);
        // Crossing the mapping window boundary.
        long w = RangeFileResponder.MAP_WINDOW;
        assertPartial(get(route(t), "Range", "bytes=" + (w - 5) + "-" + (w + 5)), w - 5, w + 5);
    }

    @Test
    void rangePastTheEndIs416QuicklyWithTheSize() throws Exception {
        for (String range :
                new String[] {"bytes=" + SIZE + "-", "bytes=" + (SIZE + 10) + "-" + (SIZE + 20), "bytes=-0"}) {
            long start = System.nanoTime();
            HttpResponse<byte[]> res = get(route(RangeFileResponder.Transfer.MAPPED), "Range", range);
            assertEquals(416, res.statusCode(), range);
            assertEquals(
                    "bytes */" + SIZE, res.headers().firstValue("Content-Range").orElseThrow());
            assertTrue(new String(res.body()).contains("range_not_satisfiable"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        }
        HttpResponse<byte[]> empty = get("api/files/empty.bin", "Range", "bytes=0-");
        assertEquals(416, empty.statusCode());
        assertEquals("bytes */0", empty.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void invalidRangesAreIgnoredPerRfc9110() throws Exception {
        // last < first makes the header invalid: ignored, the whole file with 200.
        for (String range : new String[] {"bytes=500-100", "bytes=abc", "items=0-5", "bytes=1-2-3"}) {
            HttpResponse<byte[]> res = get(route(RangeFileResponder.Transfer.MAPPED), "Range", range);
            assertEquals(200, res.statusCode(), range);
            assertArrayEquals(content, res.body());
        }
    }

    @Test
    void multipleRangesAnswerTheFirstSatisfiableOne() throws Exception {
        assertPartial(get(route(RangeFileResponder.Transfer.MAPPED), "Range", "bytes=10-19, 50-59"), 10, 19);
        assertPartial(
                get(route(RangeFileResponder.Transfer.MAPPED), "Range", "bytes=" + SIZE + "-, -5"), SIZE - 5, SIZE - 1);
    }

    @Test
    void conditionalRequests() throws Exception {
        HttpResponse<byte[]> first = get(route(RangeFileResponder.Transfer.MAPPED));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String modified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);

        HttpResponse<byte[]> notModified = get(route(RangeFileResponder.Transfer.MAPPED), "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
        assertEquals(
                304,
                get(route(RangeFileResponder.Transfer.MAPPED), "If-None-Match", "\"other\", W/" + etag)
                        .statusCode());
        assertEquals(
                200,
                get(route(RangeFileResponder.Transfer.MAPPED), "If-None-Match", "\"other\"")
                        .statusCode());
        assertEquals(
                304,
                get(route(RangeFileResponder.Transfer.MAPPED), "If-Modified-Since", modified)
                        .statusCode());
        assertEquals(
                200,
                get(route(RangeFileResponder.Transfer.MAPPED), "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")
                        .statusCode());

        // If-Range: the range only while the validator still matches.
        assertPartial(get(route(RangeFileResponder.Transfer.MAPPED), "Range", "bytes=5-9", "If-Range", etag), 5, 9);
        assertPartial(get(route(RangeFileResponder.Transfer.MAPPED), "Range", "bytes=5-9", "If-Range", modified), 5, 9);
        HttpResponse<byte[]> changed =
                get(route(RangeFileResponder.Transfer.MAPPED), "Range", "bytes=5-9", "If-Range", "\"stale\"");
        assertEquals(200, changed.statusCode());
        assertArrayEquals(content, changed.body());
    }

    @Test
    void headSendsHeadersOnly() throws Exception {
        HttpResponse<byte[]> head = send("HEAD", route(RangeFileResponder.Transfer.MAPPED));
        assertEquals(200, head.statusCode());
        assertEquals(SIZE, head.headers().firstValueAsLong("Content-Length").orElseThrow());
        assertEquals(0, head.body().length);
        HttpResponse<byte[]> headRange = send("HEAD", route(RangeFileResponder.Transfer.MAPPED), "Range", "bytes=0-9");
        assertEquals(206, headRange.statusCode());
        assertEquals(
                "bytes 0-9/" + SIZE,
                headRange.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(0, headRange.body().length);
    }

    @Test
    void missingFileIsA404InTheErrorShape() throws Exception {
        HttpResponse<byte[]> res = get("api/files/nothing.mp4");
        assertEquals(404, res.statusCode());
        assertTrue(new String(res.body()).contains("\"not_found\""));
    }
}
