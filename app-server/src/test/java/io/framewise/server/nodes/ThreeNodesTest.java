package io.framewise.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.NodeIdentity;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.testing.NginxProcess;
import io.framewise.server.testing.PostgresCluster;
import io.framewise.server.testing.PostgresPerDataFolder;
import io.framewise.server.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real server processes, each with its own data folder, on one PostgreSQL database and one
 * shared store, behind a real nginx configured from installers/nginx/framewise-nodes.conf (issue 18).
 * What a house running several nodes relies on is asserted through nginx: an upload whose chunks
 * land on different nodes is one item, every node answers exact frames, and a node killed with
 * SIGKILL mid-job leaves the job to another node once its lease lapses. The nodes start once for
 * the class (in parallel) and the tests run in order, the kill last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Short, so a dead node's job is taken over within seconds (the default is two minutes). */
    static final int LEASE_SECONDS = 3;

    /** What the nodes skip to stay cheap: the HLS ladder and scene detection are not what is tested. */
    static final List<String> CHEAP =
            List.of("--hls-min-duration", "24h", "--hls-min-bitrate", "1000g", "--scenes", "off");

    /** 8 s of 1280x720 ProRes: its proxy transcode runs long enough to kill the node doing it. */
    static final int PRORES_FRAMES = 192;

    @TempDir
    static Path dir;

    final HttpClient http = HttpClient.newHttpClient();
    DatabaseLocation.Postgres database;
    final List<ServerProcess> nodes = new ArrayList<>();
    final List<String> nodeIds = new ArrayList<>();
    NginxProcess nginx;
    String uploadedId;

    @BeforeAll
    void threeNodesBehindNginx() throws Exception {
        // The test JVM's one throwaway cluster (SharedQueueTest uses it too): no second initdb.
        database = PostgresPerDataFolder.cluster().newDatabase("nodes");
        Path store = dir.resolve("store");
        Files.createDirectories(store);
        List<String> options = new ArrayList<>(CHEAP);
        options.addAll(List.of("--db", "postgresql://127.0.0.1:" + database.port() + "/" + database.database()));
        Map<String, String> props = Map.of(MediaOptions.JOB_LEASE_PROPERTY, Integer.toString(LEASE_SECONDS));
        Map<String, String> env = Map.of(DatabaseLocation.USER_VARIABLE, PostgresCluster.USER);
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path data = dir.resolve("node" + i);
            Path log = Path.of("target", "nodes-logs", "node" + i + ".log");
            Files.deleteIfExists(log);
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ServerProcess.start(data, log, props, options, env);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        for (CompletableFuture<ServerProcess> f : starting) {
            try {
                nodes.add(f.join());
            } catch (CompletionException e) {
                throw new AssertionError("a node did not start: " + e.getCause(), e.getCause());
            }
        }
        for (int i = 1; i <= 3; i++) {
            nodeIds.add(Files.readString(dir.resolve("node" + i).resolve(NodeIdentity.ID_FILE))
                    .strip());
        }
        assertEquals(3, nodeIds.stream().distinct().count(), "three nodes, three ids: " + nodeIds);
        nginx = NginxProcess.start(
                dir.resolve("nginx"), nodes.stream().map(ServerProcess::baseUri).toList());
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        for (ServerProcess node : nodes) {
            node.close();
        }
    }

    /**
     * nginx gives a location the server's proxy_set_header lines only when it sets none itself: one
     * line there would drop the Host the nodes check and the clearing of X-Remote-User-* (a client
     * naming itself under --auth proxy). Requests through nginx show the first; this shows the second.
     */
    @Test
    @Order(0)
    void noLocationOfTheExampleSetsHeadersOfItsOwn() throws IOException {
        String example = Files.readString(NginxProcess.example());
        java.util.regex.Matcher location = java.util.regex.Pattern.compile("(?s)\\n\\s*location [^{]*\\{(.*?)\\n    }")
                .matcher(example);
        int locations = 0;
        while (location.find()) {
            locations++;
            assertTrue(!location.group(1).contains("proxy_set_header"), "a location sets headers: " + location.group());
        }
        assertTrue(locations >= 4, "the example's locations were found: " + locations);
        assertTrue(example.contains("proxy_set_header X-Remote-User-Id \"\";"), "identity headers are cleared");
    }

    @Test
    @Order(1)
    void readinessThroughNginxReachesEveryNodeAndMetricsStayPerNode() throws Exception {
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> ready = get(nginx.uri("/api/health/ready"));
            assertEquals(200, ready.statusCode(), ready.body());
        }
        Map<String, Integer> answered = nginx.answeredBy("GET", "/api/health/ready");
        assertEquals(addresses(nodes), answered.keySet(), "round robin over the three nodes: " + answered);
        assertEquals(404, get(nginx.uri("/api/metrics")).statusCode(), "metrics are scraped per node, not here");
    }

    private static java.util.Set<String> addresses(List<ServerProcess> servers) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        servers.forEach(s -> out.add(s.baseUri().getHost() + ":" + s.baseUri().getPort()));
        return out;
    }

    private HttpRequest.Builder tus(URI uri) {
        return HttpRequest.newBuilder(uri).header("Tus-Resumable", "1.0.0");
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = get(uri);
        assertEquals(200, r.statusCode(), uri + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private int frameCode(URI base, String id, int n) throws IOException, InterruptedException {
        HttpResponse<byte[]> still = http.send(
                HttpRequest.newBuilder(base.resolve("api/media/" + id + "/frames/" + n + "?format=png"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, still.statusCode(), "frame " + n + " from " + base);
        return FrameCode.read(still.body());
    }

    private Connection sql() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private long count(String query) throws SQLException {
        try (Connection c = sql();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first row's columns as text, or null when there is none. */
    private String[] row(String query) throws SQLException {
        try (Connection c = sql();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) {
                return null;
            }
            String[] out = new String[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getString(i + 1);
            }
            return out;
        }
    }

    /** The crash tests' 8 s ProRes (same file name and content, so a build makes it once). */
    private static synchronized Path longProres() {
        Path target = TestMedia.directory().resolve("prores-720p-8s.mov");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tmp = TestMedia.directory().resolve("tmp-nodes-prores-720p-8s.mov");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=1280x720:rate=24,trim=end_frame=" + PRORES_FRAMES + ",format=yuv420p,"
                                + FrameCode.drawFilter()),
                "-c:v",
                "prores_ks",
                "-profile:v",
                "2",
                "-pix_fmt",
                "yuv422p10le",
                tmp.toString());
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
