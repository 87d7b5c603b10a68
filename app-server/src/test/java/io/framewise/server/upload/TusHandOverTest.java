package io.framewise.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.ServerApp;
import io.framewise.server.ServerConfig;
import io.framewise.server.contract.OutsideTheContract;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload whose last byte arrived but whose server stopped before taking it into the library is
 * handed over by the next start ({@link TusUploads#handOverCompleted()}), not left stranded.
 */
class TusHandOverTest {

    @TempDir
    Path data;

    @Test
    @OutsideTheContract("the first server's hand-over fails on purpose, so its last answer is a 500")
    void aCompleteUploadNotYetHandedOverIsTakenInAtTheNextStart() throws Exception {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, 1, 64L * 1024 * 1024, 0);
        byte[] content = new byte[700_001];
        new Random(11).nextBytes(content);
        Path source = data.resolve("clip.mov");
        Files.write(source, content);

        // The first server receives every byte, then is held in its hand-over: the state a kill leaves.
        CountDownLatch inHandOver = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServerApp first = ServerApp.start(config, new TusUploads(config, file -> {
            inHandOver.countDown();
            release.await(60, TimeUnit.SECONDS);
            throw new IllegalStateException("this server is gone");
        }));
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
            try {
                TusClient tus = new TusClient();
                tus.setUploadCreationURL(first.baseUri().resolve("api/tus").toURL());
                TusUploader uploader = tus.createUpload(new TusUpload(source.toFile()));
                uploader.setChunkSize(content.length);
                while (uploader.uploadChunk() > -1) {
                    // one chunk
                }
                uploader.finish();
            } catch (Exception e) {
                // The first server never answers the last PATCH well; the next start is what is tested.
            }
        });
        try {
            assertTrue(inHandOver.await(30, TimeUnit.SECONDS), "the first server got every byte");

            List<ReceivedFile> received = new ArrayList<>();
            TusUploads next = new TusUploads(config, file -> {
                received.add(file);
                return null;
            });
            next.handOverCompleted();

            assertEquals(1, received.size());
            ReceivedFile file = received.get(0);
            assertEquals("clip.mov", file.originalName());
            assertEquals(content.length, file.size());
            assertEquals(
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
                    file.sha256());
            assertEquals(content.length, Files.size(file.path()));
            try (var uploads = Files.list(config.tusDir().resolve("uploads"))) {
                assertEquals(0, uploads.count(), "the tus copy is removed once handed over");
            }
            next.handOverCompleted();
            assertEquals(1, received.size(), "handed over once");
        } finally {
            release.countDown();
            client.get(30, TimeUnit.SECONDS);
            first.close();
        }
    }
}
