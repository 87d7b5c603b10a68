package io.framewise.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.FrameCode;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.jobs.JobState;
import io.framewise.server.storage.StorageLocation;
import io.framewise.server.storage.StorageSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Server nodes, each with its own data folder, on one database and one media store (ADR 0060), with
 * the HTTP calls the storage tests make of them (auth mode none: the local administrator).
 */
public final class StoreNodes implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final DatabaseLocation db;
    private final String storage;
    private final long cacheBytes;
    private final List<FramewiseServer> nodes = new ArrayList<>();

    /** Nodes under {@code dir} on {@code db}, with {@code --storage storage}. */
    public StoreNodes(Path dir, DatabaseLocation db, String storage, long cacheBytes) {
        this.dir = dir;
        this.db = db;
        this.storage = storage;
        this.cacheBytes = cacheBytes;
    }

    /** A new node with the data folder {@code <dir>/<name>}. */
    /** The database the nodes share. */
    public DatabaseLocation database() {
        return db;
    }

    public FramewiseServer start(String name) {
        Path data = dir.resolve(name);
        FramewiseServer node = FramewiseServer.start(ServerConfig.defaults(data)
                .withPort(0)
                .withWorkers(1)
                .withDatabase(db)
                .withStorage(new StorageSettings(StorageLocation.parse(storage, data), cacheBytes)));
        nodes.add(node);
        return node;
    }

    /** Stops {@code node} (as a node taken out of the balancer). */
    public void stop(FramewiseServer node) {
        nodes.remove(node);
        node.close();
    }

    @Override
    public void close() {
        for (FramewiseServer node : nodes) {
            node.close();
        }
        nodes.clear();
    }

    public static HttpResponse<byte[]> get(FramewiseServer node, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static HttpResponse<String> delete(FramewiseServer node, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(node, path))
                        .timeout(Duration.ofSeconds(60))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST path} with {@code body} as {@code type}. */
    public static HttpResponse<byte[]> post(FramewiseServer node, String path, byte[] body, String type)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(node, path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Uploads {@code file} in one request; answers the new media item's id. */
    public static String upload(FramewiseServer node, Path file) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(uri(node, "/api/media?filename=" + file.getFileName()))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("id").asText();
    }

    /**
     * Uploads {@code file} over tus in {@code chunk}-byte PATCHes, each sent to the next of {@code
     * to} in turn (a round-robin balancer); answers the final PATCH's answer.
     */
    public static HttpResponse<String> tus(Path file, int chunk, FramewiseServer... to) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String path = tusCreate(to[0], file.getFileName().toString(), bytes.length);
        HttpResponse<String> last = null;
        int turn = 1;
        for (int at = 0; at < bytes.length; at += chunk, turn++) {
            byte[] part = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk));
            last = HTTP.send(
                    HttpRequest.newBuilder(uri(to[turn % to.length], path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Tus-Resumable", "1.0.0")
                            .header("Upload-Offset", Integer.toString(at))
                            .header("Content-Type", "application/offset+octet-stream")
                            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(part))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, last.statusCode(), "PATCH at " + at + ": " + last.body());
        }
        return last;
    }

    /** Creates a resumable upload of {@code length} bytes named {@code name} on {@code node}; answers its path. */
    public static String tusCreate(FramewiseServer node, String name, long length) throws Exception {
        String metadata = "filename " + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(uri(node, "/api/tus"))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Length", Long.toString(length))
                        .header("Upload-Metadata", metadata)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return URI.create(created.headers().firstValue("Location").orElseThrow())
                .getPath();
    }

    /** The item once it is ready, asked of {@code node}. */
    public static JsonNode awaitReady(FramewiseServer node, String id) {
        JsonNode ready = MediaReady.await(
                id, () -> JSON.readTree(get(node, "/api/media/" + id).body()));
        // Ready comes before the last renditions (seek proxy, thumbnails): a node started now would
        // take those jobs and fetch the original for them, so what a test then says of its local copy
        // would depend on timing. Every job of the item settles first.
        Await.until(
                "every job of " + id + " settled",
                Duration.ofMinutes(3),
                () -> node.repositories().jobs().listByMedia(id).stream()
                        .allMatch(j -> j.state() == JobState.DONE || j.state() == JobState.FAILED));
        return ready;
    }

    /** The frame code drawn in the still of frame {@code n} that {@code node} serves. */
    public static int frameCode(FramewiseServer node, String id, long n) throws Exception {
        HttpResponse<byte[]> still = get(node, "/api/media/" + id + "/frames/" + n);
        assertEquals(200, still.statusCode(), new String(still.body(), StandardCharsets.UTF_8));
        return FrameCode.read(still.body());
    }

    /** The bytes {@code from} to {@code to} of the item's original as {@code node} serves them (206). */
    public static HttpResponse<byte[]> range(FramewiseServer node, String id, long from, long to) throws Exception {
        return get(node, "/api/media/" + id + "/stream?rendition=original", "Range", "bytes=" + from + "-" + to);
    }

    public static URI uri(FramewiseServer node, String path) {
        return URI.create(node.baseUri().toString().replaceAll("/+$", "") + path);
    }
}
