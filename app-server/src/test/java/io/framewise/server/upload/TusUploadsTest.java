package io.framewise.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumable uploads with the real tus Java client, including a connection dropped mid-body. */
class TusUploadsTest {

    static final int SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    Path data;

    ServerApp app;
    final CompletableFuture<ReceivedFile> received = new CompletableFuture<>();

    @BeforeEach
    void start() {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 1, 64L * 1024 * 1024, 0);
        app = ServerApp.start(config, new TusUploads(config, file -> {
            received.complete(file);
            return null;
        }));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void resumesAfterADroppedConnectionAndHandsTheFileOver() throws Exception {
        byte[] content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Path source = data.resolve("source clip.mp4");
        Files.write(source, content);

        TusURLMemoryStore store = new TusURLMemoryStore();
        TusClient client = new TusClient();
        client.setUploadCreationURL(app.baseUri().resolve("api/tus").toURL());
        client.enableResuming(store);
        TusUpload upload = new TusUpload(source.toFile());
        TusUploader first = client.createUpload(upload);
        URL uploadUrl = first.getUploadURL();

        // Send one MiB of a PATCH that announces the whole file, then drop the connection.
        int sent = 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            String head = "PATCH " + uploadUrl.getPath() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Tus-Resumable: 1.0.0\r\n"
                    + "Upload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: " + SIZE + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, sent);
            out.flush();
        }
        long offset = awaitOffset(uploadUrl, o -> o > 0);
        assertTrue(offset > 0 && offset <= sent, "server kept " + offset + " bytes");
        assertTrue(!received.isDone());

        // A new client (as after a crash) finds the upload by fingerprint and continues from the server's offset.
        TusClient again = new TusClient();
        again.setUploadCreationURL(app.baseUri().resolve("api/tus").toURL());
        again.enableResuming(store);
        TusUploader resumed = again.resumeUpload(new TusUpload(source.toFile()));
        assertEquals(offset, resumed.getOffset());
        resumed.setChunkSize(256 * 1024);
        while (resumed.uploadChunk() > -1) {
            // each call sends one chunk
        }
        resumed.finish();

        ReceivedFile file = received.get(20, TimeUnit.SECONDS);
        assertEquals(SIZE, file.size());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), file.sha256());
        assertEquals("source clip.mp4", file.originalName());
        assertEquals(data.resolve("uploads"), file.path().getParent());
        try (InputStream in = Files.newInputStream(file.path())) {
            assertEquals(
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())),
                    file.sha256());
        }
        // The tus copy is gone once handed over.
        HttpResponse<Void> head = headUpload(uploadUrl);
        assertEquals(404, head.statusCode());
    }

    @Test
    void terminationDeletesAnUnfinishedUpload() throws Exception {
        TusUpload upload = new TusUpload();
        upload.setSize(1000);
        upload.setInputStream(new java.io.ByteArrayInputStream(new byte[1000]));
        upload.setFingerprint("termination-test");
        TusClient client = new TusClient();
        client.setUploadCreationURL(app.baseUri().resolve("api/tus").toURL());
        URL url = client.createUpload(upload).getUploadURL();
        HttpResponse<Void> before = headUpload(url);
        // tus allows 200 or 204 for HEAD; the offset header is what matters.
        assertTrue(before.statusCode() == 200 || before.statusCode() == 204, "HEAD " + before.statusCode());
        assertEquals(0, before.headers().firstValueAsLong("Upload-Offset").orElse(-1));
        HttpResponse<Void> delete = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url.toURI())
                                .header("Tus-Resumable", "1.0.0")
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertEquals(204, delete.statusCode());
        assertEquals(404, headUpload(url).statusCode());
    }

    static HttpResponse<Void> headUpload(URL url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.toString()))
                                .header("Tus-Resumable", "1.0.0")
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
    }

    /** Polls the upload's offset until it satisfies the condition or ten seconds pass. */
    static long awaitOffset(URL url, java.util.function.LongPredicate done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long offset = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<Void> res = headUpload(url);
            offset = res.headers().firstValueAsLong("Upload-Offset").orElse(-1);
            if (done.test(offset)) {
                return offset;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("Upload offset stayed at " + offset);
    }
}
