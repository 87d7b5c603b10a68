package io.framewise.server.storage;

import static io.framewise.server.testing.StoreNodes.awaitReady;
import static io.framewise.server.testing.StoreNodes.frameCode;
import static io.framewise.server.testing.StoreNodes.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.templates.TemplateRequests;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.OwnBackends;
import io.framewise.server.testing.PostgresPerDataFolder;
import io.framewise.server.testing.S3Proxy;
import io.framewise.server.testing.StoreNodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code --storage s3://...} against a real S3 server (s3proxy in its own process): nodes with their
 * own data folders on one PostgreSQL database and one bucket.
 */
@Tag(OwnBackends.TAG)
class S3StoreTest {

    private static final Variant CLIP = Variant.H264_LONG_GOP;
    private static final String BUCKET = "framewise-media";
    private static final Pattern FETCH_ERRORS =
            Pattern.compile("framewise_storage_errors_total\\{operation=\"fetch\"} (\\d+)");
    private static final Pattern RANGED_GETS = Pattern.compile("framewise_storage_ranged_gets_total (\\d+)");

    @TempDir
    static Path shared;

    private static S3Proxy s3;
    private static S3Client client;

    @TempDir
    Path dir;

    private StoreNodes nodes;

    @BeforeAll
    static void anS3Server() throws Exception {
        s3 = S3Proxy.start(shared.resolve("s3"));
        S3Proxy.lendCredentials();
        client = s3.client();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3() {
        client.close();
        s3.close();
    }

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private StoreNodes nodes(String prefix, String extra) {
        nodes = new StoreNodes(
                dir, PostgresPerDataFolder.cluster().newDatabase("s3"), s3.storage(BUCKET, prefix, extra), 64L << 20);
        return nodes;
    }

    @Test
    void anotherNodeStreamsExactRangesFromTheBucketAndFetchesWhatStillsNeed() throws Exception {
        Path clip = TestMedia.get(CLIP);
        byte[] original = Files.readAllBytes(clip);
        StoreNodes nodes = nodes("stream", "");
        FramewiseServer a = nodes.start("a");
        String id = StoreNodes.upload(a, clip);
        awaitReady(a, id);

        String prefix = "stream/media/" + id + "/";
        assertArrayEquals(original, object(prefix + "original.mp4"));
        assertTrue(keys(prefix).contains(prefix + "framemap.bin"), keys(prefix).toString());

        FramewiseServer b = nodes.start("b");
        Path local = dir.resolve("b").resolve("media").resolve(id);
        HttpResponse<byte[]> bytes = range(b, id, 1000, 65_535);
        assertEquals(206, bytes.statusCode());
        assertEquals(
                "bytes 1000-65535/" + original.length,
                bytes.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(original, 1000, 65_536), bytes.body());
        assertFalse(Files.exists(local.resolve("original.mp4")), "a Range is streamed, not fetched whole");
        HttpResponse<byte[]> sameOnA = range(a, id, 0, 9);
        assertEquals(
                bytes.headers().firstValue("Accept-Ranges"), sameOnA.headers().firstValue("Accept-Ranges"));
        HttpResponse<byte[]> whole = StoreNodes.get(b, "/api/media/" + id + "/stream?rendition=original");
        assertEquals(200, whole.statusCode());
        assertArrayEquals(original, whole.body());

        for (long n : new long[] {0, 99, CLIP.frameCount() - 1}) {
            assertEquals(CLIP.expectedCode(n), frameCode(b, id, n), "frame " + n + " from node b");
        }
        assertTrue(Files.isRegularFile(local.resolve("original.mp4")), "stills read a fetched copy");

        HttpResponse<String> removed = StoreNodes.delete(b, "/api/media/" + id);
        assertTrue(removed.statusCode() / 100 == 2, removed.body());
        assertEquals(List.of(), keys(prefix), "deleting the item deletes its objects");
    }

    @Test
    void redirectModeSendsTheClientToAShortLivedPresignedAddress() throws Exception {
        Path clip = TestMedia.get(CLIP);
        byte[] original = Files.readAllBytes(clip);
        StoreNodes nodes = nodes("redirect", "&serve=redirect");
        FramewiseServer a = nodes.start("a");
        String id = StoreNodes.upload(a, clip);
        awaitReady(a, id);
        FramewiseServer b = nodes.start("b");

        HttpResponse<byte[]> answer = range(b, id, 5000, 5999);

        assertEquals(302, answer.statusCode());
        URI presigned = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertTrue(presigned.getQuery().contains("X-Amz-Expires=300"), presigned.toString());
        HttpResponse<byte[]> bytes = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(presigned)
                                .header("Range", "bytes=5000-5999")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, bytes.statusCode());
        assertArrayEquals(Arrays.copyOfRange(original, 5000, 6000), bytes.body());
    }

    /**
     * With {@code sse=s3} every write asks the store to encrypt. s3proxy's filesystem backend does not
     * implement server-side encryption and refuses the header (501), which shows the header is sent:
     * the upload is refused with the usual error and nothing lands in the bucket unencrypted.
     */
    @Test
    void serverSideEncryptionIsAskedOfEveryWriteAndAStoreWithoutItKeepsNothing() throws Exception {
        Path clip = TestMedia.get(CLIP);
        StoreNodes nodes = nodes("sse", "&sse=s3");
        FramewiseServer a = nodes.start("a");
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(a.baseUri() + "api/media?filename=clip.mp4"))
                                .POST(HttpRequest.BodyPublishers.ofFile(clip))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("media store"), refused.body());
        assertEquals(List.of(), keys("sse/"), "nothing stored without the encryption asked for");
        assertEquals(
                List.of(),
                a.repositories().media().list(io.framewise.server.db.Paging.newest(10)),
                "no item without its original in the store");
    }

    @Test
    void aStoreThatIsDownAnswersAClearErrorAndCountsIt() throws Exception {
        Path clip = TestMedia.get(CLIP);
        StoreNodes nodes = nodes("down", "");
        FramewiseServer a = nodes.start("a");
        String id = StoreNodes.upload(a, clip);
        awaitReady(a, id);
        FramewiseServer b = nodes.start("b");
        long before = fetchErrors(b);

        s3.stop();
        HttpResponse<byte[]> still;
        try {
            still = StoreNodes.get(b, "/api/media/" + id + "/frames/10");
        } finally {
            s3.start();
        }

        assertEquals(503, still.statusCode());
        JsonNode error = StoreNodes.JSON.readTree(still.body()).path("error");
        assertEquals("unavailable", error.path("code").asText(), error.toString());
        assertTrue(error.path("message").asText().contains("media store"), error.toString());
        assertTrue(fetchErrors(b) > before, "framewise_storage_errors_total{operation=\"fetch\"} rises");
        Await.until("node b to serve again once the store is back", MediaReady.DEADLINE, () -> {
            try {
                return frameCode(b, id, 10) == CLIP.expectedCode(10);
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }

    @Test
    void aResumableUploadWhosePatchesAlternateBetweenNodesLandsOnce() throws Exception {
        Path clip = TestMedia.get(CLIP);
        StoreNodes nodes = nodes("tus", "");
        FramewiseServer a = nodes.start("a");
        FramewiseServer b = nodes.start("b");

        HttpResponse<String> last = StoreNodes.tus(clip, 100 * 1024, a, b);

        String id = last.headers().firstValue("Upload-Media-Id").orElseThrow();
        awaitReady(a, id);
        assertEquals(
                1,
                StoreNodes.JSON
                        .readTree(StoreNodes.get(b, "/api/media").body())
                        .path("items")
                        .size());
        assertArrayEquals(Files.readAllBytes(clip), object("tus/media/" + id + "/original.mp4"));
        assertEquals(List.of(), keys("tus/tus/"), "the upload's stored parts go once it is in the library");
        assertEquals(CLIP.expectedCode(77), frameCode(b, id, 77));
    }

    @Test
    void aPatchOfAnUploadAnotherNodeIsWritingIsToldToSendItAgain() throws Exception {
        StoreNodes nodes = nodes("locked", "");
        FramewiseServer a = nodes.start("a");
        byte[] bytes = new byte[4096];
        new java.util.Random(18).nextBytes(bytes);
        HttpClient http = HttpClient.newHttpClient();
        String path = StoreNodes.tusCreate(a, "noise.bin", bytes.length);
        String id = path.substring(path.lastIndexOf('/') + 1);
        HttpRequest patch = HttpRequest.newBuilder(StoreNodes.uri(a, path))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(bytes, 1024)))
                .build();

        // Another node's PATCH of the same upload holds its lock while it runs.
        io.framewise.server.db.NodeLocks locks =
                io.framewise.server.db.NodeLocks.of(nodes.database()).orElseThrow();
        try (AutoCloseable otherNode = locks.tryLock("tus", id)) {
            assertTrue(otherNode != null, "the lock was free");
            HttpResponse<String> refused = http.send(patch, HttpResponse.BodyHandlers.ofString());
            assertEquals(423, refused.statusCode(), refused.body());
            assertEquals(
                    "locked",
                    StoreNodes.JSON
                            .readTree(refused.body())
                            .path("error")
                            .path("code")
                            .asText());
            assertEquals(null, locks.tryLock("tus", id), "held until that PATCH ends");
        }
        HttpResponse<String> offset = http.send(
                HttpRequest.newBuilder(StoreNodes.uri(a, path))
                        .header("Tus-Resumable", "1.0.0")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "0", offset.headers().firstValue("Upload-Offset").orElseThrow(), "the refused PATCH wrote nothing");

        HttpResponse<String> sentAgain = http.send(patch, HttpResponse.BodyHandlers.ofString());
        assertEquals(204, sentAgain.statusCode(), sentAgain.body());
        assertEquals("1024", sentAgain.headers().firstValue("Upload-Offset").orElseThrow());
        try (AutoCloseable free = locks.tryLock("tus", id)) {
            assertTrue(free != null, "the node let the lock go when its PATCH ended");
        }
    }

    @Test
    void aColdNodeAnswersTheFirstStillsOfALargeOriginalThroughRangedGetsWhileItFetchesIt() throws Exception {
        StoreNodes nodes = nodes("ranged", "");
        FramewiseServer a = nodes.start("a");
        String id = clipReadyOn(a);

        // Every original counts as large here (the threshold is 32 MiB; the test file is smaller).
        System.setProperty(io.framewise.server.media.FrameStills.RANGED_PROPERTY, "1");
        FramewiseServer b;
        try {
            b = nodes.start("b");
        } finally {
            System.clearProperty(io.framewise.server.media.FrameStills.RANGED_PROPERTY);
        }
        Path local = dir.resolve("b").resolve("media").resolve(id).resolve("original.mp4");
        assertEquals(0, rangedGets(b));
        assertEquals(CLIP.expectedCode(137), frameCode(b, id, 137), "the first still, through ranged GETs");
        assertTrue(rangedGets(b) > 0, "node b read the original in place");
        Await.until(
                "the whole original fetched in the background",
                java.time.Duration.ofSeconds(60),
                () -> Files.isRegularFile(local));
        assertArrayEquals(Files.readAllBytes(TestMedia.get(CLIP)), Files.readAllBytes(local));
        for (long n : new long[] {0, 136, CLIP.frameCount() - 1}) {
            assertEquals(CLIP.expectedCode(n), frameCode(b, id, n), "frame " + n + " from node b");
        }
    }

    /**
     * A clip template's watermark uploaded through node a is found by node b, which never saw it:
     * template files live in the store like media (ADR 0060), not only in the data folder of the node
     * that took them.
     */
    @Test
    void aTemplateFileUploadedOnOneNodeBrandsPreviewsOnAnother() throws Exception {
        StoreNodes nodes = nodes("templates", "");
        FramewiseServer a = nodes.start("a");
        String media = clipReadyOn(a);
        HttpResponse<byte[]> uploaded =
                StoreNodes.post(a, "/api/templates/files?filename=logo.png", TemplateRequests.png(), "image/png");
        assertEquals(201, uploaded.statusCode(), new String(uploaded.body(), StandardCharsets.UTF_8));
        String file = StoreNodes.JSON.readTree(uploaded.body()).path("id").asText();
        assertEquals(List.of("templates/templates/" + file), keys("templates/templates/"));

        FramewiseServer b = nodes.start("b");
        String steps =
                "[{\"type\":\"image\",\"imageId\":\"" + file + "\",\"position\":\"bottom-right\",\"scale\":0.25}]";
        String template =
                "{\"projectId\":null,\"name\":\"Branded\",\"steps\":" + steps + ",\"output\":{\"format\":\"mp4\"}}";
        HttpResponse<byte[]> preview = StoreNodes.post(
                b,
                "/api/templates/preview?mediaId=" + media + "&frame=12&width=640",
                template.getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals(200, preview.statusCode(), new String(preview.body(), StandardCharsets.UTF_8));
        assertTrue(
                Files.isRegularFile(dir.resolve("b").resolve("templates").resolve(file)),
                "node b fetched the watermark from the bucket");
        BufferedImage branded = ImageIO.read(new ByteArrayInputStream(preview.body()));
        BufferedImage plain = ImageIO.read(
                new ByteArrayInputStream(StoreNodes.get(b, "/api/media/" + media + "/frames/12?width=640&format=png")
                        .body()));
        assertEquals(plain.getWidth(), branded.getWidth());
        int turnedRed = TemplateRequests.turnedRed(plain, branded);
        // The logo is a quarter of the width (160 x 80 of a 64 x 32 red PNG): thousands of pixels.
        assertTrue(turnedRed > 4000, "pixels the watermark turned red: " + turnedRed);
    }

    /** The test clip uploaded through {@code node}, once it is ready; its media id. */
    private static String clipReadyOn(FramewiseServer node) throws Exception {
        String id = StoreNodes.upload(node, TestMedia.get(CLIP));
        awaitReady(node, id);
        return id;
    }

    private static long fetchErrors(FramewiseServer node) throws Exception {
        return counter(node, FETCH_ERRORS);
    }

    private static long rangedGets(FramewiseServer node) throws Exception {
        return counter(node, RANGED_GETS);
    }

    /** A whole-number counter of the node's metrics scrape. */
    private static long counter(FramewiseServer node, Pattern meter) throws Exception {
        String text = new String(StoreNodes.get(node, "/api/metrics").body(), StandardCharsets.UTF_8);
        Matcher m = meter.matcher(text.replace(".0\n", "\n"));
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }

    private static byte[] object(String key) {
        return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    private static List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}
