package io.framewise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.testing.StoreNodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code framewise storage push}: a one-folder library's media files go into a shared store. */
class StorageCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FramewiseCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aLibrarysFilesArePushedToTheStoreOnceAndAgainWithoutHarm() throws Exception {
        Path data = dir.resolve("data");
        Path clip = TestMedia.get(TestMedia.Variant.H264_LONG_GOP);
        String id;
        try (FramewiseServer server =
                FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1))) {
            id = StoreNodes.upload(server, clip);
            StoreNodes.awaitReady(server, id);
            // A still in the cache: stills are the node's own, never pushed.
            assertEquals(
                    200,
                    StoreNodes.get(server, "/api/media/" + id + "/frames/3").statusCode());
        }
        Path store = dir.resolve("store");

        Run pushed = run("storage", "push", "--data", data.toString(), "--storage", "file:" + store);
        assertEquals(0, pushed.exit(), pushed.err());
        assertTrue(pushed.out().contains("1 media item"), pushed.out());
        Path item = store.resolve("media").resolve(id);
        assertArrayEquals(Files.readAllBytes(clip), Files.readAllBytes(item.resolve("original.mp4")));
        assertArrayEquals(
                Files.readAllBytes(data.resolve("media").resolve(id).resolve(MediaFiles.FRAME_MAP)),
                Files.readAllBytes(item.resolve(MediaFiles.FRAME_MAP)));
        assertTrue(Files.isRegularFile(item.resolve(MediaFiles.SEEK_PROXY)), "renditions too");
        assertFalse(Files.exists(item.resolve(MediaFiles.STILLS)), "the stills cache stays on the node");

        Run again = run("storage", "push", "--data", data.toString(), "--storage", "file:" + store);
        assertEquals(0, again.exit(), again.err());
        assertArrayEquals(Files.readAllBytes(clip), Files.readAllBytes(item.resolve("original.mp4")));

        Run itself = run("storage", "push", "--data", data.toString(), "--storage", "file:" + data);
        assertNotEquals(0, itself.exit());
        assertTrue(itself.err().contains("nothing to push"), itself.err());
        Run inside = run("storage", "push", "--data", data.toString(), "--storage", "file:" + data.resolve("x"));
        assertNotEquals(0, inside.exit());
        assertTrue(inside.err().contains("outside"), inside.err());
    }
}
