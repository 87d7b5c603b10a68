package io.framewise.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.Feature;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.contract.OutsideTheContract;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@OutsideTheContract("mounts the upload receiver alone on POST /api/media, answering what it received, not a media item")
class UploadReceiverTest {

    static final long LIMIT = 80L * 1024 * 1024;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    ServerApp app;
    final List<ReceivedFile> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 1, LIMIT, 0);
        UploadReceiver receiver = new UploadReceiver(config);
        // At the real upload route's path: the request guard lets only upload routes take file bodies.
        Feature testUpload = cfg -> cfg.routes.post(
                "/api/media",
                ctx -> receiver.handle(ctx, file -> {
                    received.add(file);
                    return java.util.Map.of("size", file.size(), "sha256", file.sha256(), "name", file.safeName());
                }));
        app = ServerApp.start(config, testUpload);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** A repeatable pseudo-random stream of {@code size} bytes, generated as it is read. */
    static InputStream generated(long size, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
        };
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    HttpRequest.Builder upload(String name) {
        String q = name == null ? "" : "?filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(app.baseUri().resolve("api/media" + q)).timeout(Duration.ofSeconds(60));
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rawBodyStreamsToDiskWithSizeAndHash() throws Exception {
        long size = 64L * 1024 * 1024 + 7;
        HttpResponse<String> res = send(upload("clip.mp4")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> generated(size, 1)), size)));
        assertEquals(201, res.statusCode(), res.body());
        ReceivedFile file = received.get(0);
        assertEquals(size, file.size());
        assertEquals(size, Files.size(file.path()));
        String expected = sha256(generated(size, 1));
        assertEquals(expected, file.sha256());
        assertEquals(expected, sha256(Files.newInputStream(file.path())));
        assertEquals(data.resolve("uploads"), file.path().getParent());
        assertEquals("clip.mp4", file.originalName());
        assertEquals(expected, JSON.readTree(res.body()).get("sha256").asText());
    }

    @Test
    void rawBodyOfUnknownLengthIsCounted() throws Exception {
        long size = 3 * 1024 * 1024 + 11;
        HttpResponse<String> res =
                send(upload("chunked.bin").POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated(size, 2))));
        assertEquals(201, res.statusCode(), res.body());
        assertEquals(size, received.get(0).size());
        assertEquals(sha256(generated(size, 2)), received.get(0).sha256());
    }

    @Test
    void multipartFilePartIsStreamedWithFieldsIgnored() throws Exception {
        long size = 5 * 1024 * 1024 + 3;
        String boundary = "----framewise" + System.nanoTime();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "hello\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"../../etc/My Clip.mov\"\r\n"
                + "Content-Type: video/quicktime\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> res = send(upload(null)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(java.util.Collections.enumeration(List.of(
                                new java.io.ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                                generated(size, 3),
                                new java.io.ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8))))))));
        assertEquals(201, res.statusCode(), res.body());
        ReceivedFile file = received.get(0);
        assertEquals(size, file.size());
        assertEquals(sha256(generated(size, 3)), file.sha256());
        assertEquals("../../etc/My Clip.mov", file.originalName());
        assertEquals("My Clip.mov", file.safeName());
    }

    @Test
    void multipartWithoutAFileOrCutShortIsA400() throws Exception {
        String boundary = "xyz";
        String onlyField = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n";
        HttpResponse<String> res = send(upload("a.bin")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(onlyField)));
        assertEquals(400, res.statusCode(), res.body());
        String cut = "--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n1234";
        res = send(upload("a.bin")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(cut)));
        assertEquals(400, res.statusCode(), res.body());
        assertTrue(received.isEmpty());
        assertNoPartFilesLeft();
    }

    @Test
    void declaredLengthOverTheLimitIs413BeforeTheBodyIsRead() throws Exception {
        // A raw socket: JDK 17's HttpClient waits forever when Expect: 100-continue gets a final answer.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/media?filename=big.bin HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Content-Length: " + (LIMIT + 1) + "\r\n"
                    + "Expect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // No body byte was sent: the answer can only come from the declared length.
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            JsonNode error = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4))
                    .get("error");
            assertEquals("payload_too_large", error.get("code").asText());
            assertEquals(LIMIT, error.get("details").get("limitBytes").asLong());
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void undeclaredLengthOverTheLimitIs413WhileStreaming() throws Exception {
        // The client sends a little more than the limit, chunked; the server stops at the limit.
        HttpResponse<String> res = send(upload("big.bin")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated(LIMIT + 1024 * 1024, 5))));
        assertEquals(413, res.statusCode(), res.body());
        assertTrue(received.isEmpty());
        assertNoPartFilesLeft();
    }

    @Test
    void freeDiskReserveIs507() throws Exception {
        app.close();
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 1, LIMIT, Long.MAX_VALUE / 2);
        UploadReceiver receiver = new UploadReceiver(config);
        app = ServerApp.start(config, cfg -> cfg.routes.post("/api/media", ctx -> receiver.handle(ctx, f -> null)));
        HttpResponse<String> res = send(upload("a.bin").POST(HttpRequest.BodyPublishers.ofString("abc")));
        assertEquals(507, res.statusCode(), res.body());
        assertEquals(
                "insufficient_storage",
                JSON.readTree(res.body()).get("error").get("code").asText());
    }

    @Test
    void hostileFileNamesAreSanitisedAndKeptAsData() throws Exception {
        String[] names = {"../../../etc/passwd", "a\u0001b\u202E.mp4", "x".repeat(400) + ".mov", ".."};
        for (String name : names) {
            HttpResponse<String> res = send(upload(name).POST(HttpRequest.BodyPublishers.ofString("data")));
            assertEquals(201, res.statusCode(), res.body());
        }
        assertEquals("passwd", received.get(0).safeName());
        assertEquals("../../../etc/passwd", received.get(0).originalName());
        assertEquals("ab.mp4", received.get(1).safeName());
        assertTrue(received.get(2).safeName().endsWith(".mov"));
        assertTrue(received.get(2).safeName().length() <= FileNames.MAX_BYTES);
        assertEquals("upload", received.get(3).safeName());
        for (ReceivedFile f : received) {
            assertEquals(data.resolve("uploads"), f.path().getParent());
        }
    }

    void assertNoPartFilesLeft() throws Exception {
        // The server deletes a refused upload's temp file as it answers; the answer is already here.
        try (Stream<Path> files = Files.list(data.resolve("uploads"))) {
            assertEquals(List.of(), files.toList());
        }
    }
}
