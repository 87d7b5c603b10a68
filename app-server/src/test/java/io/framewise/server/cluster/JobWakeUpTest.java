package io.framewise.server.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.media.MediaOptions;
import io.framewise.server.testing.OwnBackends;
import io.framewise.server.testing.PostgresPerDataFolder;
import io.framewise.server.testing.StoreNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job queued on one node wakes the idle workers of the others through the cluster bus (ADR 0063).
 * Both nodes' idle workers look at the queue only every ten minutes here, so a job of node A that
 * node B takes within the test's deadline can only have reached B by the bus.
 *
 * <p>Without the bus this fails: B would first look at the queue ten minutes after it started.
 */
@Tag(OwnBackends.TAG)
class JobWakeUpTest {

    @TempDir
    Path dir;

    @Test
    void aJobQueuedOnOneNodeIsTakenAtOnceByAnIdleNode() throws Exception {
        System.setProperty(
                MediaOptions.JOB_POLL_PROPERTY,
                Long.toString(Duration.ofMinutes(10).toMillis()));
        try (StoreNodes nodes = new StoreNodes(
                dir, PostgresPerDataFolder.cluster().newDatabase("wake"), "file:" + dir.resolve("store"), 64L << 20)) {
            FramewiseServer a = nodes.start("a");
            nodes.start("b");
            // Node A has one worker: while it works on one item's steps, the next queued jobs wait
            // for whoever hears of them.
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(StoreNodes.upload(a, TestMedia.get(TestMedia.Variant.H264_LONG_GOP)));
            }
            // Node B serves no request here: an original in its data folder was fetched for a job it took.
            Await.until("node b to take a job node a queued", Duration.ofMinutes(2), () -> ids.stream()
                    .anyMatch(id ->
                            Files.isDirectory(dir.resolve("b").resolve("media").resolve(id))));
            for (String id : ids) {
                StoreNodes.awaitReady(a, id);
            }
            assertTrue(
                    ids.stream()
                            .flatMap(id -> a.repositories().jobs().listByMedia(id).stream())
                            .noneMatch(j -> j.attempts() > 1),
                    "no job needed a second attempt");
        } finally {
            System.clearProperty(MediaOptions.JOB_POLL_PROPERTY);
        }
    }
}
