package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.testing.Await;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobKind;
import io.framewise.server.jobs.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clip job stopped midway by a shutdown resumes when the server comes back on the same data folder. */
class ClipRestartTest {

    @TempDir
    Path data;

    @Test
    void aClipStoppedMidwayResumesAfterRestartAndEndsReady() throws Exception {
        CompletableFuture<String> midClip = new CompletableFuture<>();
        Thread[] closer = new Thread[1];
        ClipsServer first = new ClipsServer(data, event -> {
            if (event.kind() == LibraryEvent.Kind.PROGRESS
                    && ClipJob.STAGE.equals(event.stage())
                    && event.progress() < 1
                    && !midClip.isDone()) {
                midClip.complete(event.mediaId());
                // Hold the cut here until the shutdown has cancelled it, so it is stopped mid-clip.
                Await.until(
                        "the shutdown to cancel the workers",
                        Duration.ofSeconds(60),
                        () -> closer[0] != null && cancelling(closer[0]));
            }
        });
        String clipId;
        String jobId;
        try {
            String source = first.readySource(Variant.H264_LONG_GOP, "Shot");
            JsonNode started = first.clip(source, Map.of("in", 20, "out", 220, "mode", "reencode"));
            clipId = started.path("id").asText();
            jobId = started.path("jobId").asText();
            assertEquals(clipId, midClip.get(60, TimeUnit.SECONDS));
        } finally {
            Thread stop = new Thread(first::close, "test-shutdown");
            closer[0] = stop;
            stop.start();
            stop.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!stop.isAlive(), "the shutdown finished");
        }

        try (ClipsServer second = new ClipsServer(data)) {
            Job clipJob = second.jobs.get(jobId).orElseThrow();
            assertTrue(clipJob.state() == JobState.QUEUED || clipJob.state() == JobState.RUNNING, clipJob::toString);
            assertEquals(0, clipJob.attempts(), "a shutdown is not a failed attempt");
            assertTrue(Files.notExists(second.feature.files().file(clipId, "original.mp4")), "not cut yet");

            JsonNode clip = second.awaitStatus(clipId, "ready");
            assertEquals(200, clip.path("frameCount").asLong());
            assertEquals(20, clip.at("/clipOf/actualIn").asLong());
            for (long k : new long[] {0, 99, 199}) {
                assertEquals(Variant.H264_LONG_GOP.expectedCode(20 + k), second.frameCode(clipId, k));
            }
            assertEquals(JobState.DONE, second.jobs.get(jobId).orElseThrow().state());
            assertEquals(
                    1,
                    second.jobs.listByMedia(clipId).stream()
                            .filter(j -> j.kind() == JobKind.PROBE)
                            .count(),
                    "handed to the pipeline once");
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
