package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.crypto.AtRest;
import io.framewise.server.crypto.KeyRotation;
import io.framewise.server.crypto.MasterKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library encrypted at rest, end to end over HTTP with real FFmpeg: nothing of an upload or its
 * renditions lies on disk in plain, byte ranges and frame stills come back exact, and the key rules
 * (wrong key, no key, rotation) hold across restarts.
 */
class EncryptedLibraryTest {

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path data;

    private AtRest atRest;
    private MediaServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (atRest != null) {
            atRest.close();
        }
    }

    private static MasterKey randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return MasterKey.of(k);
    }

    private void start(MasterKey key) {
        start(key, null);
    }

    private void start(MasterKey key, MasterKey previous) {
        atRest = AtRest.open(data, key, previous);
        server = new MediaServer(data, MediaServer.fast());
    }

    private void stopServer() {
        server.close();
        server = null;
        atRest.close();
        atRest = null;
    }

    @Test
    void uploadsAndRenditionsAreSealedYetServeExactBytesAndFrames() throws Exception {
        start(randomKey());
        Path source = TestMedia.get(Variant.H264_LONG_GOP);
        byte[] plain = Files.readAllBytes(source);
        String id = server.uploadRaw(source, "long-gop.mp4").path("id").asText();
        server.awaitStatus(id, "ready");
        MediaServer.await("the seek proxy and poster", () -> ready(id, "seek_proxy") && ready(id, "poster"));

        String prores = server.uploadRaw(TestMedia.get(Variant.PRORES_23976), "prores.mov")
                .path("id")
                .asText();
        server.awaitStatus(prores, "ready");
        MediaServer.await("the ProRes proxy", () -> ready(prores, "proxy"));
        MediaServer.await(
                "all jobs finished",
                () -> server.jobs.listByMedia(id).stream()
                                .allMatch(j -> j.state().name().equals("DONE"))
                        && server.jobs.listByMedia(prores).stream()
                                .allMatch(j -> j.state().name().equals("DONE")));

        // Every file of both items is sealed; no 4 KiB of the upload, proxy or poster is on disk.
        for (String item : List.of(id, prores)) {
            try (Stream<Path> files = Files.walk(data.resolve("media").resolve(item))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (!f.getFileName().toString().equals("data.key")) {
                        assertTrue(AtRest.isSealed(f), f + " is not sealed");
                    }
                }
            }
        }
        byte[] proxyPlain =
                server.get("/api/media/" + prores + "/stream?rendition=proxy").body();
        byte[] posterPlain = server.get("/api/media/" + id + "/poster").body();
        assertTrue(proxyPlain.length > 8192 && posterPlain.length > 4096, "renditions served");
        assertNoPlainWindow(plain, "the upload");
        assertNoPlainWindow(proxyPlain, "the ProRes proxy");
        assertNoPlainWindow(posterPlain, "the poster");

        assertRangesExact(id, plain);
        for (int n : new int[] {0, 249, 124, 125, 7, 200}) {
            assertEquals(
                    n,
                    FrameCode.read(server.get("/api/media/" + id + "/frames/" + n + "?format=png")
                            .body()),
                    "exact still " + n);
        }
        for (int n : new int[] {0, 137, 249}) {
            assertEquals(
                    n,
                    FrameCode.read(server.get("/api/media/" + id + "/frames/" + n + "?source=seek")
                            .body()),
                    "seek still " + n);
        }
        assertEquals(
                47,
                FrameCode.read(server.get("/api/media/" + prores + "/frames/47").body()));
    }

    @Test
    void anImageSequenceIsSealedImageByImageYetShowsItsExactFrames() throws Exception {
        start(randomKey());
        Path frames = Files.createDirectories(data.resolveSibling(data.getFileName() + "-frames"));
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24,format=yuv420p," + FrameCode.drawFilter()),
                "-frames:v",
                "12",
                "-start_number",
                "1001",
                "-f",
                "image2",
                frames.resolve("plate.%04d.png").toString());
        Path zip = frames.resolveSibling(frames.getFileName() + ".zip");
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (int n = 1001; n <= 1012; n++) {
                byte[] png = Files.readAllBytes(frames.resolve("plate." + n + ".png"));
                out.putNextEntry(new java.util.zip.ZipEntry("plate." + n + ".png"));
                out.write(png);
                out.closeEntry();
                plain.write(png);
            }
        }
        String id = server.uploadRaw(zip, "plate.zip").path("id").asText();
        JsonNode item = server.awaitStatus(id, "ready");
        assertEquals(12, item.path("frameCount").asInt());
        assertEquals(1001, item.path("startFrame").asLong());
        assertEquals(
                "frames/plate.%04d.png", item.path("sequence").path("pattern").asText());
        MediaServer.await("the sequence's proxy", () -> ready(id, "proxy"));

        List<Path> onDisk;
        try (Stream<Path> files = Files.walk(data.resolve("media").resolve(id))) {
            onDisk = files.filter(Files::isRegularFile).toList();
        }
        assertTrue(onDisk.stream().anyMatch(f -> f.toString().endsWith("frames/plate.1012.png")), onDisk::toString);
        for (Path f : onDisk) {
            if (!f.getFileName().toString().equals("data.key")) {
                assertTrue(AtRest.isSealed(f), f + " is not sealed");
            }
        }
        assertNoPlainWindow(plain.toByteArray(), "an image of the sequence");
        for (int n : new int[] {11, 0, 5, 6}) {
            assertEquals(
                    n,
                    FrameCode.read(server.get("/api/media/" + id + "/frames/" + n + "?format=png")
                            .body()),
                    "exact still " + n + " (file " + (1001 + n) + ")");
        }
        byte[] proxy =
                server.get("/api/media/" + id + "/stream?rendition=proxy").body();
        Path proxyFile = frames.resolveSibling(frames.getFileName() + "-proxy.mp4");
        Files.write(proxyFile, proxy);
        assertEquals(
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                io.framewise.media.transcode.DecodedVideo.decode(proxyFile).codes(),
                "the proxy made from the sealed images");
    }

    @Test
    void aChangedChunkIsAnErrorNeverOtherBytes() throws Exception {
        start(randomKey());
        Path source = TestMedia.get(Variant.H264_LONG_GOP);
        String id = server.uploadRaw(source, "long-gop.mp4").path("id").asText();
        server.awaitStatus(id, "ready");
        Path original = data.resolve("media").resolve(id).resolve("original.mp4");
        long inChunk3 = 128 + 3L * (CHUNK + 16) + 1000;
        try (RandomAccessFile raf = new RandomAccessFile(original.toFile(), "rw")) {
            raf.seek(inChunk3);
            int b = raf.read();
            raf.seek(inChunk3);
            raf.write(b ^ 0x40);
        }
        String stream = "/api/media/" + id + "/stream?rendition=original";
        byte[] plain = Files.readAllBytes(source);
        HttpResponse<byte[]> before = server.get(stream, "Range", "bytes=0-" + (3 * CHUNK - 1));
        assertArrayEquals(Arrays.copyOf(plain, 3 * CHUNK), before.body(), "chunks before the change still read");
        String range = "bytes=" + (3 * CHUNK + 10) + "-" + (3 * CHUNK + 5000);
        try {
            HttpResponse<byte[]> r = server.get(stream, "Range", range);
            assertEquals(500, r.statusCode(), "an error, not bytes that do not authenticate");
            assertTrue(new String(r.body()).startsWith("{"), "the one JSON error shape");
        } catch (IOException e) {
            // Or the answer is cut short: the client sees it broken either way.
        }
        try {
            HttpResponse<byte[]> whole = server.get(stream);
            assertFalse(
                    Arrays.equals(plain, whole.body()) || whole.body().length == plain.length,
                    "the whole file cannot come back complete");
        } catch (IOException e) {
            // Cut short after the chunks that authenticate: the expected way.
        }
    }

    @Test
    void theWrongKeyOrNoKeyRefusesToStartAndARotatedKeyTakesOver() throws Exception {
        MasterKey old = randomKey();
        start(old);
        Path source = TestMedia.get(Variant.H264_LONG_GOP);
        byte[] plain = Files.readAllBytes(source);
        String id = server.uploadRaw(source, "long-gop.mp4").path("id").asText();
        server.awaitStatus(id, "ready");
        stopServer();

        IllegalArgumentException wrong =
                assertThrows(IllegalArgumentException.class, () -> AtRest.open(data, randomKey()));
        assertTrue(wrong.getMessage().contains("does not open the library"), wrong.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> FramewiseServer.start(
                        new ServerConfig(data, "127.0.0.1", 0, 1, 1L << 20, 0))
                .close());
        assertTrue(none.getMessage().contains("is encrypted at rest"), none.getMessage());

        MasterKey next = randomKey();
        IllegalArgumentException unrotated =
                assertThrows(IllegalArgumentException.class, () -> AtRest.open(data, next, randomKey()));
        assertTrue(unrotated.getMessage().contains("does not open the library"), unrotated.getMessage());

        // The server runs with the new key and the old one as previous; the rotation runs while it serves.
        start(next, old);
        String added = server.uploadRaw(TestMedia.get(Variant.PRORES_23976), "prores.mov")
                .path("id")
                .asText();
        server.awaitStatus(added, "ready");
        Path original = data.resolve("media").resolve(id).resolve("original.mp4");
        byte[] sealed = Files.readAllBytes(original);
        KeyRotation.Result result = KeyRotation.rotate(data, old, next);
        assertEquals(2, result.rewrapped(), "the first item's key and the library's own");
        assertEquals(1, result.alreadyNew(), "the item added meanwhile was wrapped by the new key");
        assertArrayEquals(sealed, Files.readAllBytes(original), "the media is not rewritten");
        assertEquals(
                222,
                FrameCode.read(server.get("/api/media/" + id + "/frames/222").body()),
                "served during the rotation");
        stopServer();
        assertThrows(IllegalArgumentException.class, () -> AtRest.open(data, old), "the old key is refused now");

        start(next);
        assertRangesExact(id, plain);
        assertEquals(
                222,
                FrameCode.read(server.get("/api/media/" + id + "/frames/222").body()));
        assertEquals(
                47,
                FrameCode.read(server.get("/api/media/" + added + "/frames/47").body()));
    }

    private boolean ready(String id, String kind) {
        try {
            JsonNode item = server.json("/api/media/" + id);
            for (JsonNode r : item.path("renditions")) {
                if (r.path("kind").asText().equals(kind)
                        && r.path("status").asText().equals("ready")) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ranges on and around chunk edges, and random ones, against the plain file. */
    private void assertRangesExact(String id, byte[] plain) throws Exception {
        String stream = "/api/media/" + id + "/stream?rendition=original";
        int size = plain.length;
        List<long[]> ranges = new ArrayList<>(List.of(
                new long[] {0, 0},
                new long[] {0, CHUNK - 1},
                new long[] {CHUNK - 1, CHUNK},
                new long[] {CHUNK, 2L * CHUNK - 1},
                new long[] {2L * CHUNK - 3, 5L * CHUNK + 2},
                new long[] {size - 1, size - 1},
                new long[] {size - CHUNK - 1, size - 1},
                new long[] {0, size - 1}));
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            long a = random.nextInt(size);
            long b = Math.min(size - 1, a + random.nextInt(300_000));
            ranges.add(new long[] {a, b});
        }
        for (long[] r : ranges) {
            HttpResponse<byte[]> res = server.get(stream, "Range", "bytes=" + r[0] + "-" + r[1]);
            assertEquals(206, res.statusCode(), "range " + r[0] + "-" + r[1]);
            assertEquals(
                    "bytes " + r[0] + "-" + r[1] + "/" + size,
                    res.headers().firstValue("Content-Range").orElse(""));
            assertEquals(
                    Long.toString(r[1] - r[0] + 1),
                    res.headers().firstValue("Content-Length").orElse(""));
            assertArrayEquals(
                    Arrays.copyOfRange(plain, (int) r[0], (int) r[1] + 1), res.body(), "range " + r[0] + "-" + r[1]);
        }
        HttpResponse<byte[]> suffix = server.get(stream, "Range", "bytes=-500");
        assertArrayEquals(Arrays.copyOfRange(plain, size - 500, size), suffix.body());
        HttpResponse<byte[]> whole = server.get(stream);
        assertEquals(200, whole.statusCode());
        assertEquals(
                Integer.toString(size),
                whole.headers().firstValue("Content-Length").orElse(""));
        assertArrayEquals(plain, whole.body());
        HttpResponse<byte[]> past = server.get(stream, "Range", "bytes=" + size + "-");
        assertEquals(416, past.statusCode());
        assertEquals(
                "bytes */" + size, past.headers().firstValue("Content-Range").orElse(""));
    }

    /**
     * No 4 KiB window of {@code plain} appears in any file under the data folder. Any such window
     * holds a whole 2 KiB block of {@code plain} aligned at a multiple of 2 KiB, so the aligned blocks
     * are looked for at every offset of every file (a rolling hash, checked byte for byte on a hit).
     */
    private void assertNoPlainWindow(byte[] plain, String what) throws IOException {
        int block = 2048;
        Map<Long, List<Integer>> blocks = new HashMap<>();
        for (int at = 0; at + block <= plain.length; at += block) {
            blocks.computeIfAbsent(hash(plain, at, block), h -> new ArrayList<>())
                    .add(at);
        }
        long power = 1;
        for (int i = 0; i < block - 1; i++) {
            power *= 31;
        }
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().startsWith("framewise.db")) {
                    continue;
                }
                byte[] disk = Files.readAllBytes(f);
                if (disk.length < block) {
                    continue;
                }
                long h = hash(disk, 0, block);
                for (int at = 0; ; at++) {
                    List<Integer> hits = blocks.get(h);
                    if (hits != null) {
                        for (int p : hits) {
                            assertFalse(
                                    Arrays.equals(disk, at, at + block, plain, p, p + block),
                                    what + " lies in plain in " + f + " at " + at);
                        }
                    }
                    if (at + block >= disk.length) {
                        break;
                    }
                    h = (h - (disk[at] & 0xff) * power) * 31 + (disk[at + block] & 0xff);
                }
            }
        }
    }

    private static long hash(byte[] b, int from, int length) {
        long h = 0;
        for (int i = from; i < from + length; i++) {
            h = h * 31 + (b[i] & 0xff);
        }
        return h;
    }
}
