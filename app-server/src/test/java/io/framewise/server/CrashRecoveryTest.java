package io.framewise.server;

import static io.framewise.model.testing.Await.until;
import static io.framewise.server.testing.DataFolder.integrityCheck;
import static io.framewise.server.testing.DataFolder.partFiles;
import static io.framewise.server.testing.DataFolder.sizeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.ServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server process killed with SIGKILL at the worst moments, then started again on the same
 * data folder: what was acknowledged is still there, interrupted work resumes and finishes, nothing
 * half-written is left behind, and the database is intact after every kill.
 */
class CrashRecoveryTest {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Short enough that a job killed with the server resumes within seconds of the restart. */
    static final Map<String, String> PROPS = Map.of(MediaOptions.JOB_LEASE_PROPERTY, "3");

    /**
     * These tests are about the jobs interrupted by the kill; the ProRes source is above the HLS
     * bitrate threshold, and its ladder (queued last) would still be writing its temporary files
     * when the tests look for leftovers.
     */
    static final List<String> NO_HLS = List.of("--hls-min-duration", "24h", "--hls-min-bitrate", "1000g");

    /** How soon after a restart an interrupted job of the node must run again: well under its lease. */
    static final Duration RESUME_BOUND = Duration.ofSeconds(30);

    /** 8 s of 1280x720 ProRes 422 at 24 fps: needs a proxy, and takes a few seconds to transcode. */
    static final int LONG_PRORES_FRAMES = 192;

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedMidTranscodeTheProxyResumesAndCompletes(TestInfo info) throws Exception {
        Path source = longProres();
        String id;
        Path itemDir;
        try (ServerProcess first = ServerProcess.start(data, log(info), PROPS, NO_HLS)) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(first.uri("/api/media?filename=long-prores.mov"))
                            .POST(HttpRequest.BodyPublishers.ofFile(source))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            id = JSON.readTree(created.body()).path("id").asText();
            itemDir = data.resolve("media").resolve(id);
            // The transcoder writes the proxy under a hidden temporary name: once it has grown, it is midway.
            until("the proxy transcode to be under way", DEADLINE, () -> partialProxies(itemDir).stream()
                    .anyMatch(p -> sizeOf(p) > 64 * 1024));
            assertEquals(ServerProcess.SIGKILL_EXIT, first.kill(), "killed by SIGKILL");
        }
        assertEquals("ok", integrityCheck(data));
        assertTrue(Files.notExists(itemDir.resolve("proxy.mp4")), "no proxy yet");
        assertTrue(!partialProxies(itemDir).isEmpty(), "the kill left the partial proxy behind");

        try (ServerProcess second = ServerProcess.start(data, log(info), PROPS, NO_HLS)) {
            assertEquals(
                    id,
                    getJson(second, "/api/media")
                            .path("items")
                            .path(0)
                            .path("id")
                            .asText());
            JsonNode item = awaitStatus(second, id, "ready");
            assertEquals(LONG_PRORES_FRAMES, item.path("frameCount").asInt());
            Path proxy = itemDir.resolve("proxy.mp4");
            assertEquals(LONG_PRORES_FRAMES, FrameMapBuilder.build(proxy).frameCount(), "proxy frame count");
            assertTrue(
                    Arrays.stream(
                                    item.path("renditions").isArray()
                                            ? toArray(item.path("renditions"))
                                            : new JsonNode[0])
                            .anyMatch(r -> r.path("kind").asText().equals("proxy")
                                    && r.path("status").asText().equals("ready")),
                    item.toString());
            assertEquals(List.of(), partFiles(itemDir), "no temporary files left in the media folder");
            assertEquals(LONG_PRORES_FRAMES - 1, frameCode(second, id, LONG_PRORES_FRAMES - 1));
            assertEquals(ServerProcess.SIGKILL_EXIT, second.kill());
        }
        assertEquals("ok", integrityCheck(data));
    }

    /**
     * With the default lease of two minutes, the job a kill interrupted is this node's own: the
     * restarted server queues it again at once instead of waiting for the lease to lapse.
     */
    @Test
    void killedMidTranscodeTheNodesOwnJobResumesAtOnceNotAfterItsLease(TestInfo info) throws Exception {
        assertEquals(Duration.ofMinutes(2), MediaOptions.DEFAULT.jobLease());
        Path source = longProres();
        String id;
        Path itemDir;
        List<Path> before;
        try (ServerProcess first = ServerProcess.start(data, log(info), Map.of())) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(first.uri("/api/media?filename=long-prores.mov"))
                            .POST(HttpRequest.BodyPublishers.ofFile(source))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            id = JSON.readTree(created.body()).path("id").asText();
            itemDir = data.resolve("media").resolve(id);
            until("the proxy transcode to be under way", DEADLINE, () -> partialProxies(itemDir).stream()
                    .anyMatch(p -> sizeOf(p) > 64 * 1024));
            before = partialProxies(itemDir);
            assertEquals(ServerProcess.SIGKILL_EXIT, first.kill(), "killed by SIGKILL");
        }
        assertEquals(
                Files.readString(data.resolve("node-id")).strip(),
                nodeOfRunningJob(data),
                "the interrupted job is recorded as this data folder's node's");

        try (ServerProcess second = ServerProcess.start(data, log(info), Map.of())) {
            long restarted = System.nanoTime();
            // Well under the two-minute lease: the transcode starts over in a new temporary file.
            until(
                    "the proxy transcode to run again",
                    RESUME_BOUND,
                    () -> Files.exists(itemDir.resolve("proxy.mp4"))
                            || partialProxies(itemDir).stream().anyMatch(p -> !before.contains(p)));
            Duration resumedAfter = Duration.ofNanos(System.nanoTime() - restarted);
            assertTrue(resumedAfter.compareTo(RESUME_BOUND) < 0, "resumed after " + resumedAfter);
            JsonNode item = awaitStatus(second, id, "ready");
            assertEquals(LONG_PRORES_FRAMES, item.path("frameCount").asInt());
            assertEquals(LONG_PRORES_FRAMES - 1, frameCode(second, id, LONG_PRORES_FRAMES - 1));
            assertEquals(ServerProcess.SIGKILL_EXIT, second.kill());
        }
        assertEquals("ok", integrityCheck(data));
    }

    /** The lease_node of the one running job in the killed server's database. */
    private static String nodeOfRunningJob(Path data) throws java.sql.SQLException {
        try (java.sql.Connection c = io.framewise.server.testing.DirectSql.connect(data);
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT lease_node FROM jobs WHERE state = 'running'")) {
            assertTrue(rs.next(), "a job was running when the server was killed");
            String node = rs.getString(1);
            assertTrue(!rs.next(), "only one job was running");
            return node;
        }
    }

    @Test
    void killedMidPlainUploadLeavesNoItemAndNoTempFile(TestInfo info) throws Exception {
        Path uploads = data.resolve("uploads");
        try (ServerProcess first = ServerProcess.start(data, log(info), PROPS, NO_HLS);
                Socket socket =
                        new Socket(first.baseUri().getHost(), first.baseUri().getPort())) {
            OutputStream out = socket.getOutputStream();
            long announced = 256L * 1024 * 1024;
            out.write(("POST /api/media?filename=big.mov HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: " + announced + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            Random random = new Random(7);
            long sent = 0;
            long end = System.nanoTime() + DEADLINE.toNanos();
            // Streams until the server holds several MB of the body in its temp file (never all of it).
            while (partFiles(uploads).stream().mapToLong(p -> sizeOf(p)).sum() < 8L * 1024 * 1024) {
                assertTrue(sent + chunk.length < announced && System.nanoTime() < end, "the body reached disk");
                random.nextBytes(chunk);
                out.write(chunk);
                out.flush();
                sent += chunk.length;
            }
            assertEquals(ServerProcess.SIGKILL_EXIT, first.kill(), "killed by SIGKILL");
        }
        assertEquals("ok", integrityCheck(data));
        assertEquals(1, partFiles(uploads).size(), "the kill left the partial upload behind");

        try (ServerProcess second = ServerProcess.start(data, log(info), PROPS, NO_HLS)) {
            JsonNode list = getJson(second, "/api/media");
            assertEquals(0, list.path("total").asInt(), list.toString());
            assertEquals(List.of(), partFiles(uploads), "the partial upload is removed at start");
            assertEquals(List.of(), partFiles(data.resolve("media")));
            assertEquals(ServerProcess.SIGKILL_EXIT, second.kill());
        }
        assertEquals("ok", integrityCheck(data));
    }

    @Test
    void killedMidTusUploadTheAcknowledgedBytesRemainAndTheUploadResumes(TestInfo info) throws Exception {
        Variant variant = Variant.H264_LONG_GOP;
        byte[] file = Files.readAllBytes(TestMedia.get(variant));
        int acknowledged = file.length / 2;
        String location;
        try (ServerProcess first = ServerProcess.start(data, log(info), PROPS, NO_HLS)) {
            HttpResponse<String> created = http.send(
                    tus(first.uri("/api/tus"))
                            .header("Upload-Length", Integer.toString(file.length))
                            .header(
                                    "Upload-Metadata",
                                    "filename "
                                            + Base64.getEncoder()
                                                    .encodeToString("long-gop.mp4".getBytes(StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            location = URI.create(first.uri("/api/tus/").toString())
                    .resolve(created.headers().firstValue("Location").orElseThrow())
                    .getPath();
            HttpResponse<String> patched = patch(first, location, 0, Arrays.copyOfRange(file, 0, acknowledged));
            assertEquals(204, patched.statusCode(), patched.body());
            assertEquals(acknowledged, offset(first, location));

            // A second PATCH is streaming when the server dies: its bytes reached the disk, unacknowledged.
            Path bytes = data.resolve("tus")
                    .resolve("uploads")
                    .resolve(location.substring(location.lastIndexOf('/') + 1))
                    .resolve("data");
            try (Socket socket =
                    new Socket(first.baseUri().getHost(), first.baseUri().getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                                + "Upload-Offset: " + acknowledged + "\r\n"
                                + "Content-Type: application/offset+octet-stream\r\nContent-Length: "
                                + (file.length - acknowledged) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(file, acknowledged, (file.length - acknowledged) / 2);
                out.flush();
                until("the unacknowledged bytes to reach the disk", DEADLINE, () -> sizeOf(bytes) > acknowledged);
                assertEquals(ServerProcess.SIGKILL_EXIT, first.kill(), "killed by SIGKILL");
            }
        }
        assertEquals("ok", integrityCheck(data));

        try (ServerProcess second = ServerProcess.start(data, log(info), PROPS, NO_HLS)) {
            long resumeAt = offset(second, location);
            assertEquals(acknowledged, resumeAt, "the acknowledged bytes are kept, the unacknowledged tail dropped");
            HttpResponse<String> rest =
                    patch(second, location, resumeAt, Arrays.copyOfRange(file, (int) resumeAt, file.length));
            assertEquals(204, rest.statusCode(), rest.body());
            JsonNode list = getJson(second, "/api/media");
            assertEquals(1, list.path("total").asInt(), list.toString());
            String id = list.path("items").path(0).path("id").asText();
            JsonNode item = awaitStatus(second, id, "ready");
            assertEquals(variant.frameCount(), item.path("frameCount").asInt());
            for (int n : new int[] {0, 137, variant.frameCount() - 1}) {
                assertEquals(variant.expectedCode(n), frameCode(second, id, n), "frame " + n);
            }
            assertEquals(ServerProcess.SIGKILL_EXIT, second.kill());
        }
        assertEquals("ok", integrityCheck(data));
    }

    private HttpRequest.Builder tus(URI uri) {
        return HttpRequest.newBuilder(uri).header("Tus-Resumable", "1.0.0");
    }

    private HttpResponse<String> patch(ServerProcess server, String location, long offset, byte[] body)
            throws IOException, InterruptedException {
        return http.send(
                tus(server.uri(location))
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long offset(ServerProcess server, String location) throws IOException, InterruptedException {
        HttpResponse<Void> head = http.send(
                tus(server.uri(location))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertTrue(head.statusCode() == 200 || head.statusCode() == 204, "HEAD " + location + ": " + head.statusCode());
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private JsonNode getJson(ServerProcess server, String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode awaitStatus(ServerProcess server, String id, String status) {
        return MediaReady.awaitStatus(id, status, () -> getJson(server, "/api/media/" + id));
    }

    private int frameCode(ServerProcess server, String id, int n) throws IOException, InterruptedException {
        HttpResponse<byte[]> still = http.send(
                HttpRequest.newBuilder(server.uri("/api/media/" + id + "/frames/" + n + "?format=png"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, still.statusCode(), "frame " + n);
        return FrameCode.read(still.body());
    }

    private static JsonNode[] toArray(JsonNode array) {
        JsonNode[] out = new JsonNode[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i);
        }
        return out;
    }

    private static List<Path> partialProxies(Path itemDir) {
        try (Stream<Path> files = Files.isDirectory(itemDir) ? Files.list(itemDir) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().startsWith(".proxy.mp4."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One log per test under target/, appended to by every start of its server. */
    private static Path log(TestInfo info) {
        return Path.of(
                "target", "crash-logs", info.getTestMethod().orElseThrow().getName() + ".log");
    }

    /** Generated once per build next to the other test media; frame N carries code N. */
    private static synchronized Path longProres() {
        Path target = TestMedia.directory().resolve("prores-720p-8s.mov");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tmp = TestMedia.directory().resolve("tmp-prores-720p-8s.mov");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=1280x720:rate=24,trim=end_frame=" + LONG_PRORES_FRAMES + ",format=yuv420p,"
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
