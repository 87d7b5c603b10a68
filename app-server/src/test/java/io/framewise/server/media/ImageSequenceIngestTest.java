package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.DecodedVideo;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image sequences through every way in: a zip and a tar upload, a resumable upload, the watched folder; and the archives
 * an attacker would send. Each picture carries its index as a frame code; file 1005 is missing, so
 * frame index 4 must show the black missing-frame picture, not file 1006.
 */
class ImageSequenceIngestTest {

    private static final int FILES = 12;

    @TempDir
    Path data;

    @TempDir
    Path work;

    MediaServer server;

    @BeforeEach
    void start() {
        // A small upload limit, so an archive that unpacks to more than 8x of it is a bomb.
        server = MediaServer.configured(data, MediaServer.fast(), c -> c.withMaxUploadBytes(4L * 1024 * 1024));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aZipOfNumberedPngsIsOneItemNumberedFrom1001WithItsGapShownAndAProxy() throws Exception {
        Path frames = pictures("png", "shot_v003.%04d.png");
        Files.delete(frames.resolve("shot_v003.1005.png"));
        Path zip = zip(frames, "shot_v003/");

        JsonNode created = upload(zip, "shot_v003.zip", "25");
        assertEquals("shot_v003.zip", created.path("name").asText());
        String id = created.path("id").asText();
        JsonNode item = server.awaitStatus(id, "ready");
        assertEquals(FILES, item.path("frameCount").asInt(), "1001..1012, the gap kept in place");
        assertEquals("25/1", item.path("frameRate").asText());
        assertEquals(1001, item.path("startFrame").asLong());
        assertEquals("00:00:40:01", item.path("startTimecode").asText(), "frame 1001 at 25 fps");
        assertEquals(
                "frames/shot_v003.%04d.png",
                item.path("sequence").path("pattern").asText());
        assertEquals(1012, item.path("sequence").path("last").asLong());
        assertEquals("[1005]", item.path("sequence").path("missing").toString(), "the gap is reported");

        assertEquals(
                0, FrameCode.read(server.get("/api/media/" + id + "/frames/0").body()));
        assertEquals(
                1, FrameCode.read(server.get("/api/media/" + id + "/frames/1").body()));
        assertEquals(
                5, FrameCode.read(server.get("/api/media/" + id + "/frames/5").body()), "file 1006");
        assertEquals(
                11, FrameCode.read(server.get("/api/media/" + id + "/frames/11").body()));

        MediaServer.await(
                "the proxy", () -> item(id).path("renditions").toString().contains("\"proxy\""));
        MediaServer.await("the proxy ready", () -> Files.isRegularFile(data.resolve("media/" + id + "/proxy.mp4")));
        DecodedVideo proxy = DecodedVideo.decode(data.resolve("media/" + id + "/proxy.mp4"));
        assertEquals(FILES, proxy.frameCount(), "the browser proxy has every frame, the missing one included");
        assertEquals(List.of(0, 1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11), proxy.codes(), "frame 4 is the black slate");
        assertEquals(List.of(), leftovers(), "the unpacked folder and the archive are gone from uploads");
    }

    @Test
    void aTarOfDpxFilesDefaultsTo24Fps() throws Exception {
        Path frames = pictures("dpx", "plate.%04d.dpx");
        Path tar = work.resolve("plate.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
            for (Path f : list(frames)) {
                TarArchiveEntry e =
                        new TarArchiveEntry(f.toFile(), f.getFileName().toString());
                out.putArchiveEntry(e);
                Files.copy(f, out);
                out.closeArchiveEntry();
            }
        }
        String id = upload(tar, "plate.tar", null).path("id").asText();
        JsonNode item = server.awaitStatus(id, "ready");
        assertEquals(FILES, item.path("frameCount").asInt());
        assertEquals("24/1", item.path("frameRate").asText());
        assertEquals(1001, item.path("startFrame").asLong());
        assertEquals("00:00:41:17", item.path("startTimecode").asText());
        assertEquals("[]", item.path("sequence").path("missing").toString());
        assertEquals(
                7, FrameCode.read(server.get("/api/media/" + id + "/frames/7").body()));
    }

    @Test
    void aResumableUploadCarriesItsRateInTusMetadata() throws Exception {
        Path zip = zip(pictures("jpg", "grade.%04d.jpg"), "");
        TusClient client = new TusClient();
        client.setUploadCreationURL(server.uri("/api/tus").toURL());
        TusUpload upload = new TusUpload(zip.toFile());
        upload.setMetadata(Map.of("filename", "grade.zip", "rate", "30000/1001"));
        TusUploader uploader = client.createUpload(upload);
        uploader.setChunkSize(64 * 1024);
        while (uploader.uploadChunk() > -1) {
            // Chunk by chunk to the end.
        }
        uploader.finish();
        MediaServer.await("the tus upload in the library", () -> total() == 1);
        String id = server.json("/api/media").path("items").path(0).path("id").asText();
        JsonNode item = server.awaitStatus(id, "ready");
        assertEquals("30000/1001", item.path("frameRate").asText());
        assertEquals(FILES, item.path("frameCount").asInt());
        assertEquals(1001, item.path("startFrame").asLong());
        assertEquals(
                9, FrameCode.read(server.get("/api/media/" + id + "/frames/9").body()));
    }

    @Test
    void hostileArchivesAreRefusedClearlyAndLeaveNothingBehind() throws Exception {
        Path frames = pictures("png", "a.%04d.png");
        byte[] png = Files.readAllBytes(frames.resolve("a.1001.png"));

        assertRefused(zipOf(List.of("../../evil.1001.png"), png), "slip.zip", 422, "unsafe path");
        assertRefused(zipOf(List.of("/tmp/evil.1001.png"), png), "abs.zip", 422, "unsafe path");
        assertRefused(zipOf(List.of("a.1001.png", "notes.txt"), png), "other.zip", 422, "notes.txt");
        assertRefused(zipOf(List.of("a.1001.png", "b.1002.png"), png), "mixed.zip", 422, "mixed");
        assertRefused(zipOf(List.of("x/a.1001.png", "y/a.1002.png"), png), "folders.zip", 422, "another folder");
        assertRefused("this is not an archive".getBytes(StandardCharsets.UTF_8), "garbage.zip", 422, "zip");
        assertRefused(new byte[10_000], "garbage.tar", 422, "no image files");
        assertRefused(java.util.Arrays.copyOf(tarOf("a.1001.png", png), 1200), "cut.tar", 422, "cannot be unpacked");
        assertRefused(zipOf(List.of("a".repeat(240) + ".1001.png"), png), "long.zip", 422, "longer than 200");
        assertRefused(zipOf(List.of("a.1001.png"), "not a png".getBytes(StandardCharsets.UTF_8)), "fake.zip", -1, "");

        ByteArrayOutputStream link = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(link)) {
            ZipArchiveEntry e = new ZipArchiveEntry("a.1001.png");
            e.setUnixMode(0120777);
            out.putArchiveEntry(e);
            out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        assertRefused(link.toByteArray(), "link.zip", 422, "link");

        ByteArrayOutputStream tarLink = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tarLink)) {
            TarArchiveEntry e = new TarArchiveEntry("a.1001.png", TarArchiveEntry.LF_SYMLINK);
            e.setLinkName("/etc/passwd");
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
        }
        assertRefused(tarLink.toByteArray(), "link.tar", 422, "link");

        // 40 MiB of zeros packs into a few KiB: it unpacks to more than 8x the 4 MiB upload limit.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bomb)) {
            out.putNextEntry(new ZipEntry("a.1001.png"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 40; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertTrue(bomb.size() < 200_000, "the bomb is small: " + bomb.size());
        assertRefused(bomb.toByteArray(), "bomb.zip", 413, "unpacks to more than");

        HttpResponse<byte[]> badRate = post(zip(frames, ""), "ok.zip", "fast");
        MediaLibraryTest.assertError(badRate, 400);
        HttpResponse<byte[]> rateOnAMovie = post(TestMedia.get(TestMedia.Variant.VP9_WEBM), "clip.webm", "25");
        MediaLibraryTest.assertError(rateOnAMovie, 400);

        assertEquals(0, server.json("/api/media").path("total").asLong(), "nothing entered the library");
        assertEquals(List.of(), leftovers(), "nothing stays in uploads");
        try (Stream<Path> all = Files.walk(data)) {
            assertFalse(all.anyMatch(p -> p.getFileName().toString().startsWith("evil")), "nothing escaped");
        }
        assertFalse(Files.exists(Path.of("/tmp/evil.1001.png")));
    }

    @Test
    void theWatchedFolderTakesASequenceFolderWithTheRateInItsNameAndRejectsAMixedOne() throws Exception {
        Path incoming = data.resolve("incoming");
        MediaServer.await("the watched folder", () -> Files.isDirectory(incoming));
        Path frames = pictures("exr", "comp_v001.%04d.exr");
        Files.move(frames, incoming.resolve("comp_v001@25"));
        Path mixed = Files.createDirectories(work.resolve("mixed"));
        Files.copy(incoming.resolve("comp_v001@25/comp_v001.1001.exr"), mixed.resolve("a.1001.exr"));
        Files.copy(incoming.resolve("comp_v001@25/comp_v001.1001.exr"), mixed.resolve("b.1001.exr"));
        Files.move(mixed, incoming.resolve("mixed"));

        MediaServer.await("the sequence in the library", () -> total() == 1);
        JsonNode first = server.json("/api/media").path("items").path(0);
        assertEquals("comp_v001", first.path("name").asText(), "the name without its rate");
        JsonNode item = server.awaitStatus(first.path("id").asText(), "ready");
        assertEquals(FILES, item.path("frameCount").asInt());
        assertEquals("25/1", item.path("frameRate").asText());
        assertEquals(1001, item.path("startFrame").asLong());
        assertFalse(Files.exists(incoming.resolve("comp_v001@25")));

        Path rejected = data.resolve("rejected");
        MediaServer.await("the mixed folder rejected", () -> Files.exists(rejected.resolve("mixed.reason.txt")));
        assertTrue(Files.readString(rejected.resolve("mixed.reason.txt")).contains("mixed"));
        assertTrue(Files.isDirectory(rejected.resolve("mixed")));
        assertEquals(1, total());
    }

    private void assertRefused(byte[] archive, String name, int status, String words) throws Exception {
        Path file = work.resolve("attack-" + name);
        Files.write(file, archive);
        HttpResponse<byte[]> r = post(file, name, null);
        if (status < 0) {
            // Accepted as a sequence, but its images do not decode: the item fails with a reason.
            assertEquals(201, r.statusCode(), () -> new String(r.body()));
            String id = MediaServer.JSON.readTree(r.body()).path("id").asText();
            assertFalse(server.awaitStatus(id, "failed").path("error").asText().isBlank());
            server.http.send(
                    HttpRequest.newBuilder(server.uri("/api/media/" + id))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return;
        }
        MediaLibraryTest.assertError(r, status);
        String message = MediaServer.JSON
                .readTree(r.body())
                .path("error")
                .path("message")
                .asText();
        assertTrue(message.contains(words), name + ": " + message);
        assertFalse(message.contains(data.toString()), "no server path in " + message);
    }

    private JsonNode upload(Path file, String name, String rate) throws Exception {
        HttpResponse<byte[]> r = post(file, name, rate);
        assertEquals(201, r.statusCode(), () -> new String(r.body()));
        return MediaServer.JSON.readTree(r.body());
    }

    private HttpResponse<byte[]> post(Path file, String name, String rate) throws Exception {
        String query = "?filename=" + name + (rate == null ? "" : "&rate=" + rate);
        return server.http.send(
                HttpRequest.newBuilder(server.uri("/api/media" + query))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Twelve 320x180 pictures numbered 1001..1012, each with its index drawn as a frame code. */
    private Path pictures(String ext, String pattern) throws IOException {
        Path frames = Files.createDirectories(work.resolve("frames-" + ext + "-" + System.nanoTime()));
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24,format=yuv420p," + FrameCode.drawFilter()),
                "-frames:v",
                String.valueOf(FILES),
                "-start_number",
                "1001",
                "-f",
                "image2",
                frames.resolve(pattern).toString());
        return frames;
    }

    private Path zip(Path frames, String folder) throws IOException {
        Path zip = work.resolve(frames.getFileName() + ".zip");
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file)) {
            if (!folder.isEmpty()) {
                out.putNextEntry(new ZipEntry(folder));
                out.closeEntry();
            }
            for (Path f : list(frames)) {
                out.putNextEntry(new ZipEntry(folder + f.getFileName()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    private static byte[] zipOf(List<String> names, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] tarOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            out.putArchiveEntry(e);
            out.write(content);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private List<String> leftovers() throws IOException {
        Path uploads = data.resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(uploads)) {
            s.filter(p -> !p.getFileName().toString().equals("tus"))
                    .forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    private JsonNode item(String id) {
        try {
            return server.json("/api/media/" + id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long total() {
        try {
            return server.json("/api/media").path("total").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
