package io.framewise.server.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumable uploads cannot be used to fill the disk: a chunked PATCH (no Content-Length) is held to
 * the free-disk reserve and to the upload's length as it streams, and uploads left idle are removed
 * with their bytes. Every test runs the attack against a real server on a real socket.
 */
class TusLimitsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long MIB = 1024 * 1024;

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newHttpClient();
    final List<ReceivedFile> received = new CopyOnWriteArrayList<>();
    ServerApp app;
    TusUploads tus;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void start(long maxUpload, long reserve, Duration expiry, Duration sweep) {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 1, maxUpload, reserve);
        tus = new TusUploads(
                config,
                (file, owner) -> {
                    received.add(file);
                    return null;
                },
                ctx -> "ed",
                expiry,
                sweep);
        app = ServerApp.start(config, tus);
    }

    private void start(long maxUpload, long reserve) {
        start(maxUpload, reserve, TusUploads.DEFAULT_EXPIRY, TusUploads.DEFAULT_SWEEP);
    }

    @Test
    void aChunkedBodyStopsAtTheFreeDiskReserveAndKeepsWhatWasStored() throws Exception {
        start(4L << 30, 0);
        URI upload = create(1L << 30);
        byte[] first = pattern(0, 1000);
        assertEquals(204, patch(upload, 0, first).statusCode());
        app.close();

        // Room for 8 MiB more on this disk, then a chunked body of 128 MiB that declares no length.
        long usable = Files.getFileStore(data).getUsableSpace();
        start(4L << 30, usable - 8 * MIB);
        RawResponse r = chunkedPatch(upload, 1000, 128 * MIB);

        assertEquals(507, r.status(), r::text);
        assertEquals("insufficient_storage", r.json().path("error").path("code").asText(), r.text());
        long offset = offset(upload);
        assertEquals(Long.toString(offset), r.headers().get("Upload-Offset"), "the refusal tells where to resume");
        assertTrue(offset >= 1000, "the bytes stored before are kept: offset " + offset);
        assertTrue(offset - 1000 < 64 * MIB, "the body ran " + (offset - 1000) / MIB + " MiB into the reserve");
        byte[] stored = Files.readAllBytes(dataFile(upload));
        assertEquals(offset, stored.length, "the file holds exactly the acknowledged bytes");
        assertArrayEquals(first, Arrays.copyOf(stored, 1000));
        assertArrayEquals(pattern(1000, (int) (offset - 1000)), Arrays.copyOfRange(stored, 1000, stored.length));
        assertTrue(received.isEmpty());
    }

    @Test
    void aChunkedBodyIsRefusedWhenTheReserveIsAlreadyGone() throws Exception {
        start(1L << 30, 0);
        URI upload = create(10_000);
        byte[] first = pattern(0, 1000);
        assertEquals(204, patch(upload, 0, first).statusCode());
        app.close();

        start(1L << 30, Long.MAX_VALUE / 2);
        RawResponse r = chunkedPatch(upload, 1000, 9000);
        assertEquals(507, r.status(), r::text);
        assertEquals("insufficient_storage", r.json().path("error").path("code").asText());
        assertEquals(1000, offset(upload));
        assertArrayEquals(first, Files.readAllBytes(dataFile(upload)));
    }

    @Test
    void aChunkedBodyLongerThanTheUploadIsRefusedAndNeverCompletesIt() throws Exception {
        start(1L << 30, 0);
        URI upload = create(5000);
        assertEquals(204, patch(upload, 0, pattern(0, 1000)).statusCode());

        RawResponse r = chunkedPatch(upload, 1000, 20_000);
        assertEquals(413, r.status(), r::text);
        assertEquals("payload_too_large", r.json().path("error").path("code").asText(), r.text());
        long offset = offset(upload);
        assertEquals(Long.toString(offset), r.headers().get("Upload-Offset"));
        assertTrue(offset >= 1000 && offset < 5000, "the upload must stay incomplete, offset " + offset);
        assertTrue(received.isEmpty(), "an over-long body must not be handed over as the upload");

        // The rest, sent properly and chunked, completes it exactly.
        RawResponse rest = chunkedPatch(upload, offset, 5000 - offset);
        assertEquals(204, rest.status(), rest::text);
        await("hand-over", () -> received.size() == 1);
        assertArrayEquals(pattern(0, 5000), Files.readAllBytes(received.get(0).path()));
    }

    @Test
    void aChunkedBodyPastTheServersLargestUploadIsRefused() throws Exception {
        start(3 * MIB, 0);
        URI upload = createDeferred();
        RawResponse r = chunkedPatch(upload, 0, 16 * MIB);
        assertEquals(413, r.status(), r::text);
        assertEquals(
                3 * MIB,
                r.json().path("error").path("details").path("limitBytes").asLong(),
                r.text());
        assertTrue(offset(upload) < 3 * MIB);
    }

    @Test
    void expiredUploadsAreRemovedWithTheirBytes() throws Exception {
        start(1L << 30, 0, Duration.ofSeconds(2), Duration.ofMillis(50));
        tus.startSweeping();
        URI idle = create(10_000);
        assertEquals(204, patch(idle, 0, pattern(0, 1000)).statusCode());
        Path dir = dataFile(idle).getParent();
        Path ownerNote =
                data.resolve("tus").resolve("owners").resolve(dir.getFileName().toString());
        assertTrue(Files.isRegularFile(ownerNote));

        await("the idle upload removed", () -> !Files.exists(dir) && !Files.exists(ownerNote));
        assertEquals(404, head(idle).statusCode());
    }

    @Test
    void uploadsThatExpiredWhileTheServerWasDownAreRemovedAtStart() throws Exception {
        start(1L << 30, 0, Duration.ofSeconds(2), Duration.ofHours(1));
        URI idle = create(10_000);
        HttpResponse<Void> patched = patch(idle, 0, pattern(0, 1000));
        assertEquals(204, patched.statusCode());
        ZonedDateTime expires = ZonedDateTime.parse(
                patched.headers().firstValue("Upload-Expires").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Path dir = dataFile(idle).getParent();
        app.close();
        // HTTP dates have whole seconds: a second past the header's time the upload has expired.
        long due = expires.toInstant().toEpochMilli() + 1000;
        await("the upload's expiry", () -> System.currentTimeMillis() > due);
        assertTrue(Files.isDirectory(dir), "nothing removes uploads while the server is down");

        start(1L << 30, 0, Duration.ofSeconds(2), Duration.ofHours(1));
        tus.startSweeping();
        assertFalse(Files.exists(dir), "the first sweep runs at start");
        assertEquals(404, head(idle).statusCode());
    }

    // --- the client side ---------------------------------------------------------------------------

    /** Bytes {@code from..from+length} of a fixed, position-dependent sequence. */
    static byte[] pattern(long from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            long p = from + i;
            out[i] = (byte) (p * 31 + (p >> 8));
        }
        return out;
    }

    private URI create(long length) throws Exception {
        return create(HttpRequest.newBuilder(app.baseUri().resolve("api/tus")).header("Upload-Length", "" + length));
    }

    private URI createDeferred() throws Exception {
        return create(HttpRequest.newBuilder(app.baseUri().resolve("api/tus")).header("Upload-Defer-Length", "1"));
    }

    private URI create(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(
                b.header("Tus-Resumable", "1.0.0")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r::body);
        // Only the path: a test restarts the server on another port and goes on with the same upload.
        return URI.create(
                URI.create(r.headers().firstValue("Location").orElseThrow()).getPath());
    }

    /** Where the upload is on the server running now. */
    private URI at(URI upload) {
        return app.baseUri().resolve(upload.getPath());
    }

    private HttpResponse<Void> patch(URI upload, long offset, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(at(upload))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private HttpResponse<Void> head(URI upload) throws Exception {
        return http.send(
                HttpRequest.newBuilder(at(upload))
                        .header("Tus-Resumable", "1.0.0")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private long offset(URI upload) throws Exception {
        HttpResponse<Void> r = head(upload);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 204, "HEAD " + r.statusCode());
        return r.headers().firstValueAsLong("Upload-Offset").orElseThrow();
    }

    private Path dataFile(URI upload) {
        String path = upload.getPath();
        return data.resolve("tus")
                .resolve("uploads")
                .resolve(path.substring(path.lastIndexOf('/') + 1))
                .resolve("data");
    }

    record RawResponse(int status, java.util.Map<String, String> headers, byte[] body) {
        String text() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /**
     * A PATCH whose body of {@code length} pattern bytes from {@code offset} goes out in 1 MiB chunks
     * with {@code Transfer-Encoding: chunked}. The body is written on its own thread while the answer
     * is read here, so a server that answers early (and stops reading) is heard, not just reset.
     */
    private RawResponse chunkedPatch(URI upload, long offset, long length) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(60));
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(
                    () -> {
                        try {
                            String head = "PATCH " + upload.getPath() + " HTTP/1.1\r\n"
                                    + "Host: 127.0.0.1\r\n"
                                    + "Tus-Resumable: 1.0.0\r\n"
                                    + "Upload-Offset: " + offset + "\r\n"
                                    + "Content-Type: application/offset+octet-stream\r\n"
                                    + "Transfer-Encoding: chunked\r\n"
                                    + "Connection: close\r\n\r\n";
                            out.write(head.getBytes(StandardCharsets.US_ASCII));
                            for (long sent = 0; sent < length; ) {
                                int n = (int) Math.min(MIB, length - sent);
                                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                                out.write(pattern(offset + sent, n));
                                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                                sent += n;
                            }
                            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } catch (IOException e) {
                            // The server answered and closed before the whole body went out: expected
                            // when it refuses.
                        }
                    },
                    "chunked-patch");
            writer.setDaemon(true);
            writer.start();
            RawResponse response = readResponse(new BufferedInputStream(socket.getInputStream()));
            writer.join(TimeUnit.SECONDS.toMillis(60));
            return response;
        }
    }

    private static RawResponse readResponse(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h; !(h = line(in)).isEmpty(); ) {
            headers.put(
                    h.substring(0, h.indexOf(':')).strip(),
                    h.substring(h.indexOf(':') + 1).strip());
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(h.indexOf(':') + 1).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int n; (n = Integer.parseInt(line(in).strip(), 16)) > 0; ) {
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (length > 0) {
            body.write(in.readNBytes((int) length));
        }
        return new RawResponse(code, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
