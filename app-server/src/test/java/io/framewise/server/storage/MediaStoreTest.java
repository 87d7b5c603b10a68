package io.framewise.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's publish, fetch and local-copy rules on a folder store (real files, no server). */
class MediaStoreTest {

    @TempDir
    Path dir;

    private MediaStore store(long cacheBytes) {
        return MediaStore.open(
                new StorageLocation.Folder(dir.resolve("store"), false), dir.resolve("data"), cacheBytes);
    }

    private Path file(String name, int size) throws Exception {
        Path p = dir.resolve("data/media/item1").resolve(name);
        Files.createDirectories(p.getParent());
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (name.hashCode() + i);
        }
        Files.write(p, bytes);
        return p;
    }

    private Path stored(String name) {
        return dir.resolve("store/media/item1").resolve(name);
    }

    @Test
    void theLeastRecentlyUsedCopiesGoBeyondTheLimitAndComeBackOnUse() throws Exception {
        try (MediaStore store = store(250)) {
            Path a = file("a.bin", 100);
            byte[] aBytes = Files.readAllBytes(a);
            Path b = file("b.bin", 100);
            Path c = file("c.bin", 100);
            store.publish(a);
            store.publish(b);
            store.publish(c);

            assertFalse(Files.exists(a), "the oldest copy went beyond 250 bytes");
            assertTrue(Files.exists(b) && Files.exists(c));
            assertArrayEquals(aBytes, Files.readAllBytes(stored("a.bin")), "it is safe in the store");

            store.localize(a);
            assertArrayEquals(aBytes, Files.readAllBytes(a), "fetched back on use");
            assertFalse(Files.exists(b), "now b is the least recently used");
            assertTrue(Files.exists(c));
        }
    }

    @Test
    void stillsAndPartFilesStayLocalAndDeleteRemovesTheItemsObjects() throws Exception {
        try (MediaStore store = store(1 << 20)) {
            Path original = file("original.mp4", 1000);
            Path still = file("stills/000010-0.jpg", 10);
            Path part = file(".proxy.mp4.x1.part", 10);
            store.publishItem("item1");

            assertTrue(Files.isRegularFile(stored("original.mp4")));
            assertFalse(Files.exists(stored("stills/000010-0.jpg")), "the stills cache is each node's own");
            assertFalse(Files.exists(stored(".proxy.mp4.x1.part")), "a file being written is not published");
            assertTrue(Files.exists(still) && Files.exists(part) && Files.exists(original));

            store.deleteItem("item1");
            assertFalse(Files.exists(dir.resolve("store/media/item1")));
        }
    }

    @Test
    void manyReadersOfAMissingFileGetItWholeFromOneDownload() throws Exception {
        Path p = file("proxy.mp4", 3 << 20);
        byte[] bytes = Files.readAllBytes(p);
        try (MediaStore store = store(64L << 20)) {
            store.publish(p);
            Files.delete(p);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<byte[]>> reads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    reads.add(pool.submit(() -> Files.readAllBytes(store.localize(p))));
                }
                for (Future<byte[]> read : reads) {
                    assertArrayEquals(bytes, read.get());
                }
            } finally {
                pool.shutdown();
            }
            try (var left = Files.list(p.getParent())) {
                assertEquals(
                        List.of(),
                        left.filter(f -> f.getFileName().toString().endsWith(".part"))
                                .toList());
            }
            assertEquals(0, store.errors().total(StorageErrors.Operation.FETCH));
        }
    }

    @Test
    void theDataFolderItselfCopiesNothing() throws Exception {
        MediaStore store = MediaStore.dataFolder(dir.resolve("data"));
        Path p = file("original.mp4", 10);
        store.publish(p);
        store.deleteItem("item1");
        assertTrue(Files.exists(p), "the default store never deletes through the store path");
        assertFalse(Files.exists(dir.resolve("store")));
    }
}
