package io.framewise.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.ServiceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence folder copied into the watched folder is taken only once its listing stops changing:
 * poll by poll, with no timing involved, so a copy in progress is never cut short.
 */
class WatchedSequenceFolderTest {

    @TempDir
    Path data;

    @TempDir
    Path source;

    ServiceFixture world;
    WatchedFolder watched;

    @BeforeEach
    void open() throws Exception {
        world = new ServiceFixture(data);
        IngestService ingest = new IngestService(
                world.files, world.media, world.jobs, world.db, world.events(world.feed), world.permissions, () -> {});
        watched = new WatchedFolder(
                Files.createDirectories(data.resolve("incoming")),
                Files.createDirectories(data.resolve("rejected")),
                ingest,
                Duration.ofHours(1));
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=24,format=yuv420p," + FrameCode.drawFilter()),
                "-frames:v",
                "6",
                "-start_number",
                "1001",
                "-f",
                "image2",
                source.resolve("plate.%04d.png").toString());
    }

    @AfterEach
    void close() {
        watched.close();
        world.close();
    }

    @Test
    void aGrowingFolderWaitsUntilItsListingStaysTheSame() throws Exception {
        Path folder = Files.createDirectories(watched.incoming().resolve("plate@23.976"));
        Files.copy(source.resolve("plate.1001.png"), folder.resolve("plate.1001.png"));
        Files.copy(source.resolve("plate.1002.png"), folder.resolve("plate.1002.png"));
        watched.pollOnce();
        watched.pollOnce();
        // A file arrives on every poll: the folder is still being copied.
        for (long n = 1003; n <= 1006; n++) {
            Files.copy(source.resolve("plate." + n + ".png"), folder.resolve("plate." + n + ".png"));
            watched.pollOnce();
            assertTrue(Files.isDirectory(folder), "not taken while it grows (file " + n + ")");
            assertEquals(0, world.count("SELECT COUNT(*) FROM media_items"));
        }
        watched.pollOnce();
        assertTrue(Files.isDirectory(folder), "one quiet poll is not enough");
        watched.pollOnce();
        assertFalse(Files.exists(folder), "taken after " + WatchedFolder.STABLE_POLLS + " quiet polls");

        List<String> ids = world.column("SELECT id FROM media_items");
        assertEquals(1, ids.size());
        MediaItem item = world.media.get(ids.get(0)).orElseThrow();
        assertEquals("plate", item.originalName(), "the name without its rate");
        assertTrue(item.storedPath().endsWith("/original.imgseq"), item.storedPath());
        Path manifest = world.files.resolve(item.storedPath());
        String text = Files.readString(manifest);
        assertTrue(text.contains("\"rate\" : \"24000/1001\""), text);
        assertTrue(text.contains("\"first\" : 1001") && text.contains("\"last\" : 1006"), text);
        try (var frames = Files.list(manifest.resolveSibling(IngestService.SEQUENCE_FRAMES))) {
            assertEquals(6, frames.count());
        }
        assertEquals(List.of("probe"), world.column("SELECT kind FROM jobs WHERE media_id = ?", item.id()));
    }

    @Test
    void aFolderWithABadRateOrALinkIsRejectedWhole() throws Exception {
        Path fast = Files.createDirectories(watched.incoming().resolve("plate@9000"));
        Files.copy(source.resolve("plate.1001.png"), fast.resolve("plate.1001.png"));
        Path linked = Files.createDirectories(watched.incoming().resolve("linked"));
        Files.copy(source.resolve("plate.1001.png"), linked.resolve("plate.1001.png"));
        Files.createSymbolicLink(linked.resolve("plate.1002.png"), Path.of("/etc/passwd"));
        for (int i = 0; i <= WatchedFolder.STABLE_POLLS; i++) {
            watched.pollOnce();
        }
        assertTrue(Files.readString(watched.rejected().resolve("plate@9000.reason.txt"))
                .contains("240"));
        assertTrue(Files.isDirectory(watched.rejected().resolve("plate@9000")));
        assertTrue(Files.readString(watched.rejected().resolve("linked.reason.txt"))
                .contains("not a plain file"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM media_items"));
    }
}
