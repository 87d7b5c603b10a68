package io.framewise.server.storage;

import static io.framewise.server.testing.StoreNodes.awaitReady;
import static io.framewise.server.testing.StoreNodes.frameCode;
import static io.framewise.server.testing.StoreNodes.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.db.DatabaseLocation;
import io.framewise.server.testing.MediaReady;
import io.framewise.server.testing.PostgresPerDataFolder;
import io.framewise.server.testing.StoreNodes;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --storage file:DIR} with DIR outside the data folders (a shared or mounted folder): two
 * nodes, each with its own data folder, on one PostgreSQL database and one store folder.
 */
class FolderStoreTest {

    private static final Variant CLIP = Variant.H264_LONG_GOP;

    @TempDir
    Path dir;

    private Path store;
    private StoreNodes nodes;

    @BeforeEach
    void nodesOnOneDatabaseAndOneStoreFolder() {
        store = dir.resolve("store");
        DatabaseLocation.Postgres db = PostgresPerDataFolder.cluster().newDatabase("store");
        nodes = new StoreNodes(dir, db, "file:" + store, 64L << 20);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void anotherNodeServesExactStillsAndBytesFromTheStoreAndDeleteRemovesThem() throws Exception {
        Path clip = TestMedia.get(CLIP);
        byte[] original = Files.readAllBytes(clip);
        FramewiseServer a = nodes.start("a");
        String id = StoreNodes.upload(a, clip);
        awaitReady(a, id);

        Path stored = store.resolve("media").resolve(id);
        assertArrayEquals(original, Files.readAllBytes(stored.resolve("original.mp4")));
        assertTrue(Files.isRegularFile(stored.resolve("framemap.bin")), "the frame map is published");
        // Thumbnails come after ready: published when their step records them.
        Await.until(
                "the poster in the store",
                MediaReady.DEADLINE,
                () -> Files.isRegularFile(stored.resolve("poster.jpg")));
        assertFalse(Files.exists(stored.resolve("stills")), "the stills cache stays a node's own");

        FramewiseServer b = nodes.start("b");
        Path local = dir.resolve("b").resolve("media").resolve(id);
        assertFalse(Files.exists(local), "node b has none of the item's files before it is asked");
        for (long n : new long[] {0, 137, CLIP.frameCount() - 1}) {
            assertEquals(CLIP.expectedCode(n), frameCode(b, id, n), "frame " + n + " from node b");
        }
        assertTrue(Files.isRegularFile(local.resolve("original.mp4")), "fetched on first use");

        assertRangeExact(b, id, original, 1000, 4999);
        nodes.stop(b);
        deleteTree(local);
        b = nodes.start("b");
        assertRangeExact(b, id, original, original.length - 777, original.length - 1);
        assertEquals(CLIP.expectedCode(200), frameCode(b, id, 200));

        HttpResponse<String> removed = StoreNodes.delete(b, "/api/media/" + id);
        assertTrue(removed.statusCode() / 100 == 2, removed.body());
        assertFalse(Files.exists(stored), "deleting the item deletes its stored files");
        assertEquals(404, StoreNodes.get(a, "/api/media/" + id).statusCode());
    }

    @Test
    void aResumableUploadWhosePatchesAlternateBetweenNodesLandsOnce() throws Exception {
        Path clip = TestMedia.get(CLIP);
        FramewiseServer a = nodes.start("a");
        FramewiseServer b = nodes.start("b");

        HttpResponse<String> last = StoreNodes.tus(clip, 64 * 1024, a, b);

        String id = last.headers().firstValue("Upload-Media-Id").orElseThrow();
        awaitReady(b, id);
        assertEquals(
                1,
                StoreNodes.JSON
                        .readTree(StoreNodes.get(a, "/api/media").body())
                        .path("items")
                        .size());
        assertArrayEquals(
                Files.readAllBytes(clip),
                Files.readAllBytes(store.resolve("media").resolve(id).resolve("original.mp4")));
        assertEquals(CLIP.expectedCode(42), frameCode(a, id, 42));
        assertEquals(CLIP.expectedCode(42), frameCode(b, id, 42));
        try (Stream<Path> left = Files.list(store.resolve("tus").resolve("uploads"))) {
            assertEquals(0, left.count(), "the upload's parts are gone once it is in the library");
        }
    }

    private static void assertRangeExact(FramewiseServer node, String id, byte[] original, int from, int to)
            throws Exception {
        HttpResponse<byte[]> r = range(node, id, from, to);
        assertEquals(206, r.statusCode());
        assertEquals(
                "bytes " + from + "-" + to + "/" + original.length,
                r.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(original, from, to + 1), r.body());
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
