package io.framewise.server.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.testing.Await;
import io.framewise.server.NodeIdentity;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.NginxProcess;
import io.framewise.server.testing.OwnBackends;
import io.framewise.server.testing.PostgresCluster;
import io.framewise.server.testing.PostgresPerDataFolder;
import io.framewise.server.testing.S3Proxy;
import io.framewise.server.testing.ServerProcess;
import io.framewise.server.ws.WsTestClient;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Three real server processes, each with its own data folder, on one PostgreSQL database and one
 * shared store (an S3 server: s3proxy), behind a real nginx configured from installers/nginx/framewise-nodes.conf (issue 18).
 * What a house running several nodes relies on is asserted through nginx: an upload whose chunks
 * land on different nodes is one item, every node answers exact frames, and a node killed with
 * SIGKILL mid-job leaves the job to another node once its lease lapses. The nodes start once for
 * the class (in parallel) and the tests run in order, the kill last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag(OwnBackends.TAG)
class ThreeNodesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Short, so a dead node's job is taken over within seconds (the default is two minutes). */
    static final int LEASE_SECONDS = 5;

    static final String BUCKET = "nodes";

    /** What the nodes skip to stay cheap: the HLS ladder and scene detection are not what is tested. */
    static final List<String> CHEAP =
            List.of("--hls-min-duration", "24h", "--hls-min-bitrate", "1000g", "--scenes", "off");

    /**
     * 6 s of 640x360 ProRes (no browser plays it, so it gets a proxy): its proxy transcode runs long
     * enough to kill the node doing it, and short enough to run twice within the test's budget.
     */
    static final int PRORES_FRAMES = 144;

    @TempDir
    static Path dir;

    final HttpClient http = HttpClient.newHttpClient();
    DatabaseLocation.Postgres database;
    final List<ServerProcess> nodes = new ArrayList<>();
    final List<String> nodeIds = new ArrayList<>();
    NginxProcess nginx;
    S3Proxy s3;
    final List<WsTestClient> sockets = new ArrayList<>();
    String uploadedId;

    @BeforeAll
    void threeNodesBehindNginx() throws Exception {
        // The S3 server (its own JVM) starts while PostgreSQL does: both take seconds on busy cores.
        CompletableFuture<S3Proxy> s3Starting = CompletableFuture.supplyAsync(() -> {
            try {
                return S3Proxy.start(dir.resolve("s3"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // The test JVM's one throwaway cluster (SharedQueueTest uses it too): no second initdb.
        database = PostgresPerDataFolder.cluster().newDatabase("nodes");
        s3 = s3Starting.join();
        try (S3Client client = s3.client()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
        List<String> options = new ArrayList<>(CHEAP);
        options.addAll(List.of("--storage", s3.storage(BUCKET, "library", "")));
        options.addAll(List.of("--db", "postgresql://127.0.0.1:" + database.port() + "/" + database.database()));
        Map<String, String> props = Map.of(MediaOptions.JOB_LEASE_PROPERTY, Integer.toString(LEASE_SECONDS));
        // As in production: the database user and the store's credentials from the environment.
        Map<String, String> env = Map.of(
                DatabaseLocation.USER_VARIABLE,
                PostgresCluster.USER,
                "AWS_ACCESS_KEY_ID",
                S3Proxy.IDENTITY,
                "AWS_SECRET_ACCESS_KEY",
                S3Proxy.CREDENTIAL);
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
        sockets.forEach(WsTestClient::close);
        if (nginx != null) {
            nginx.close();
        }
        for (ServerProcess node : nodes) {
            node.close();
        }
        if (s3 != null) {
            s3.close();
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

    @Test
    @Order(2)
    void aTusUploadWhoseChunksLandOnDifferentNodesIsOneItemWithItsJobsDone() throws Exception {
        Variant variant = Variant.H264_LONG_GOP;
        byte[] file = Files.readAllBytes(TestMedia.get(variant));
        // As the web UI uploads: a creation with an idempotency key and the file's name, then PATCHes.
        HttpResponse<String> created = http.send(
                tus(nginx.uri("/api/tus"))
                        .header("Upload-Length", Integer.toString(file.length))
                        .header(
                                "Upload-Metadata",
                                "filename " + base64("three nodes.mp4") + ",filetype " + base64("video/mp4"))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        URI upload = nginx.baseUri().resolve(URI.create(location).getRawPath());
        int chunk = 128 * 1024;
        String mediaId = null;
        for (int offset = 0; offset < file.length; offset += chunk) {
            byte[] body = Arrays.copyOfRange(file, offset, Math.min(file.length, offset + chunk));
            HttpResponse<String> patched = http.send(
                    tus(upload)
                            .header("Upload-Offset", Integer.toString(offset))
                            .header("Content-Type", "application/offset+octet-stream")
                            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, patched.statusCode(), "PATCH at " + offset + ": " + patched.body());
            assertEquals(
                    offset + body.length,
                    Long.parseLong(patched.headers().firstValue("Upload-Offset").orElseThrow()));
            mediaId = patched.headers().firstValue("Upload-Media-Id").orElse(mediaId);
        }
        Map<String, Integer> patches = nginx.answeredBy("PATCH", "/api/tus");
        assertEquals(addresses(nodes), patches.keySet(), "the chunks went to every node: " + patches);
        assertTrue(mediaId != null, "the last chunk names the media item");
        uploadedId = mediaId;

        String id = mediaId;
        JsonNode item = MediaReady.await(id, () -> json(nginx.uri("/api/media/" + id)));
        assertEquals(variant.frameCount(), item.path("frameCount").asInt());
        JsonNode list = json(nginx.uri("/api/media"));
        assertEquals(1, list.path("total").asInt(), "one item: " + list);
        assertEquals(1, count("SELECT count(*) FROM media_items"));
        // Thumbnails and the seek proxy may still run after ready; each ends done, none failed.
        Await.until(
                "every job of the item to be done",
                DEADLINE,
                () -> uncheckedCount("SELECT count(*) FROM jobs WHERE media_id = '" + id + "' AND state <> 'done'")
                        == 0);
        assertTrue(count("SELECT count(*) FROM jobs WHERE media_id = '" + id + "'") > 1, "its jobs ran");
        // One original in the shared bucket, byte for byte the file; every object is this item's.
        try (S3Client client = s3.client()) {
            List<String> keys =
                    client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("library/media/")).contents().stream()
                            .map(o -> o.key())
                            .toList();
            assertTrue(keys.stream().allMatch(k -> k.startsWith("library/media/" + id + "/")), keys.toString());
            List<String> originals = keys.stream()
                    .filter(k -> k.substring(k.lastIndexOf('/') + 1).startsWith("original"))
                    .toList();
            assertEquals(1, originals.size(), "one original: " + keys);
            byte[] stored = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(originals.get(0)))
                    .asByteArray();
            assertTrue(Arrays.equals(file, stored), "the original is the file uploaded");
        }
    }

    @Test
    @Order(3)
    void everyFrameAskedIsExactFromEveryNodeAndThroughNginx() throws Exception {
        Variant variant = Variant.H264_LONG_GOP;
        String id = uploadedIdOrSkip();
        int last = variant.frameCount() - 1;
        List<URI> askWhere =
                new ArrayList<>(nodes.stream().map(ServerProcess::baseUri).toList());
        for (int i = 0; i < 3; i++) {
            askWhere.add(nginx.baseUri());
        }
        for (URI base : askWhere) {
            for (int n : new int[] {0, 1, 137, last}) {
                assertEquals(variant.expectedCode(n), frameCode(base, id, n), "frame " + n + " from " + base);
            }
        }
    }

    @Test
    @Order(9)
    void aJobOfANodeKilledMidWayIsFinishedByAnotherAfterItsLease() throws Exception {
        Path source = longProres();
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(nginx.uri("/api/media?filename=prores-360p.mov"))
                        .POST(HttpRequest.BodyPublishers.ofFile(source))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).path("id").asText();

        // The proxy transcode takes seconds: kill the node that claimed it while it runs.
        String[] running = Await.value(
                "the proxy job to run on a node",
                DEADLINE,
                () -> row("SELECT id, lease_node FROM jobs WHERE media_id = '" + id
                        + "' AND kind = 'proxy' AND state = 'running'"));
        int victim = nodeIds.indexOf(running[1]);
        assertTrue(victim >= 0, "the job's node " + running[1] + " is one of " + nodeIds);
        assertEquals(ServerProcess.SIGKILL_EXIT, nodes.get(victim).kill(), "killed by SIGKILL");
        String jobId = running[0];
        String[] killedState = row("SELECT state, lease_node FROM jobs WHERE id = '" + jobId + "'");
        assertEquals("running", killedState[0], "the job was still running when its node died");

        String[] takenOver = Await.value(
                "another node to claim the job after its lease",
                DEADLINE,
                () -> row("SELECT lease_node, attempts FROM jobs WHERE id = '" + jobId
                        + "' AND state = 'running' AND lease_node <> '" + running[1] + "'"));
        assertTrue(nodeIds.contains(takenOver[0]), takenOver[0]);
        assertEquals("1", takenOver[1], "the lapsed lease counts one attempt");
        // The proxy step makes the item ready as it ends (MediaPipeline), and then the job is done.
        JsonNode item = MediaReady.await(id, () -> json(nginx.uri("/api/media/" + id)));
        assertEquals(PRORES_FRAMES, item.path("frameCount").asInt());
        String[] done = Await.value(
                "the taken-over job to be done",
                DEADLINE,
                () -> row(
                        "SELECT state, attempts, last_error FROM jobs WHERE id = '" + jobId + "' AND state = 'done'"));
        assertEquals("1", done[1], "one attempt lost with the node");
        assertTrue(done[2].contains("lease expired"), done[2]);

        // nginx passes over the dead node; the two left answer exact frames of the new item.
        for (int i = 0; i < 3; i++) {
            assertEquals(PRORES_FRAMES - 1, frameCode(nginx.baseUri(), id, PRORES_FRAMES - 1));
        }
        for (int i = 0; i < 3; i++) {
            if (i != victim) {
                assertEquals(0, frameCode(nodes.get(i).baseUri(), id, 0));
                assertEquals(PRORES_FRAMES - 1, frameCode(nodes.get(i).baseUri(), id, PRORES_FRAMES - 1));
            }
        }
        assertNotEquals(running[1], takenOver[0]);
    }

    private String uploadedIdOrSkip() {
        org.junit.jupiter.api.Assumptions.assumeTrue(uploadedId != null, "the upload test did not run");
        return uploadedId;
    }

    @Test
    @Order(4)
    void aLiveSessionDrivenThroughNodeOneIsFollowedOnTheOthersAndALateJoinerGetsItsSnapshot() throws Exception {
        String media = uploadedIdOrSkip();
        WsTestClient driver = socket(nodes.get(0).baseUri().getPort(), "Ann");
        driver.send("session.create", "media", media);
        String session = driver.await("session.snapshot").get("session").asText();
        WsTestClient onTwo = socket(nodes.get(1).baseUri().getPort(), "Bob");
        onTwo.send("session.join", "session", session);
        assertEquals(media, onTwo.await("session.snapshot").at("/state/media").asText());
        WsTestClient onThree = socket(nodes.get(2).baseUri().getPort(), "Cy");
        onThree.send("session.join", "session", session);
        onThree.await("session.snapshot");
        // And one more through nginx, on whichever node it picks (the WebSocket location of the example).
        WsTestClient throughNginx = socket(nginx.baseUri().getPort(), "Di");
        throughNginx.send("session.join", "session", session);
        throughNginx.await("session.snapshot");
        List<WsTestClient> everyone = List.of(driver, onTwo, onThree, throughNginx);
        for (WsTestClient c : everyone) {
            c.await("session.presence", m -> m.get("members").size() == 4);
        }
        driver.send("session.play", "session", session, "frame", 10);
        expectState(everyone, "play", true, 10);
        driver.send("session.pause", "session", session, "frame", 137);
        expectState(everyone, "pause", false, 137);
        driver.send("session.seek", "session", session, "frame", 200);
        expectState(everyone, "seek", false, 200);

        // A late joiner on node 3 gets the session as it is now, from the database.
        WsTestClient late = socket(nodes.get(2).baseUri().getPort(), "Ed");
        late.send("session.join", "session", session);
        JsonNode snapshot = late.await("session.snapshot");
        assertEquals(200, snapshot.at("/state/frame").asLong(), snapshot.toString());
        assertEquals(false, snapshot.at("/state/playing").asBoolean(), snapshot.toString());
        assertEquals(5, snapshot.get("members").size(), snapshot.toString());
        // What the followers are shown is the picture of that frame, from any node.
        assertEquals(
                Variant.H264_LONG_GOP.expectedCode(200), frameCode(nodes.get(2).baseUri(), media, 200));
    }

    private WsTestClient socket(int port, String name) throws Exception {
        WsTestClient c = new WsTestClient(http, port, name, Map.of());
        sockets.add(c);
        c.await("welcome");
        return c;
    }

    private static void expectState(List<WsTestClient> clients, String cause, boolean playing, long frame)
            throws InterruptedException {
        for (WsTestClient c : clients) {
            JsonNode m =
                    c.await("session.state", s -> cause.equals(s.path("cause").asText()));
            assertEquals(playing, m.at("/state/playing").asBoolean(), m.toString());
            assertEquals(frame, m.at("/state/frame").asLong(), m.toString());
        }
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

    private long uncheckedCount(String query) {
        try {
            return count(query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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

    /** Made once per build next to the other test media; frame N carries code N. */
    private static synchronized Path longProres() {
        Path target = TestMedia.directory().resolve("prores-360p-6s.mov");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tmp = TestMedia.directory().resolve("tmp-prores-360p-6s.mov");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=640x360:rate=24,trim=end_frame=" + PRORES_FRAMES + ",format=yuv420p,"
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
