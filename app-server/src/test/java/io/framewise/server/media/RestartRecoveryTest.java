package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy interrupted by a shutdown resumes when the server comes back on the same data folder. */
class RestartRecoveryTest {

    @TempDir
    Path data;

    @Test
    void proxyStoppedMidwayResumesAfterRestart() throws Exception {
        CompletableFuture<String> midProxy = new CompletableFuture<>();
        Thread[] closer = new Thread[1];
        MediaServer first = new MediaServer(data, MediaServer.fast(), event -> {
            if (event.kind() == LibraryEvent.Kind.PROGRESS && event.progress() < 1 && !midProxy.isDone()) {
                midProxy.complete(event.mediaId());
                // Hold the transcoder here until the shutdown has cancelled it, so it is stopped mid-proxy.
                MediaServer.await(
                        "the shutdown to cancel the workers", () -> closer[0] != null && cancelling(closer[0]));
            }
        });
        String id = first.uploadRaw(TestMedia.get(Variant.PRORES_23976), "prores.mov")
                .path("id")
                .asText();
        assertEquals(id, midProxy.get(60, TimeUnit.SECONDS));
        Thread stop = new Thread(first::close, "test-shutdown");
        closer[0] = stop;
        stop.start();
        stop.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(!stop.isAlive(), "the shutdown finished");

        MediaServer second = new MediaServer(data, MediaServer.fast());
        try {
            Job proxy = second.jobs.listByMedia(id).stream()
                    .filter(j -> j.kind() == JobKind.PROXY)
                    .findFirst()
                    .orElseThrow();
            assertTrue(proxy.state() == JobState.RUNNING || proxy.state() == JobState.QUEUED, proxy.toString());
            assertEquals(
                    "processing", second.json("/api/media/" + id).path("status").asText());
            assertTrue(Files.notExists(data.resolve("media").resolve(id).resolve("proxy.mp4")));

            second.awaitStatus(id, "ready");
            assertEquals(
                    200,
                    second.get("/api/media/" + id + "/stream?rendition=proxy").statusCode());
            assertTrue(second.events.stream()
                    .anyMatch(e ->
                            e.kind() == LibraryEvent.Kind.READY && e.mediaId().equals(id)));
            assertEquals(
                    JobState.DONE, second.jobs.get(proxy.id()).orElseThrow().state());
        } finally {
            second.close();
        }
    }

    /** Whether the shutdown thread is past cancelling the running steps and waits for the workers. */
    private static boolean cancelling(Thread t) {
        return Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getClassName().endsWith("JobWorkers")
                                && f.getMethodName().equals("close"))
                && Arrays.stream(t.getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals("join"));
    }
}
