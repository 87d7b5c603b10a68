package io.framewise.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.ingest.IngestService;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.testing.ServiceFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processing's state changes without HTTP or worker threads: each one unit with its feed entry. */
class PipelineServiceTest {

    @TempDir
    Path data;

    ServiceFixture world;
    IngestService ingest;

    @BeforeEach
    void open() {
        world = new ServiceFixture(data);
        ingest = new IngestService(
                world.files, world.media, world.jobs, world.db, world.events(), world.permissions, () -> {});
    }

    @AfterEach
    void close() {
        world.close();
    }

    private PipelineService states(EventRepository feed) {
        return new PipelineService(world.media, world.jobs, world.db, world.events(feed), () -> {});
    }

    @Test
    void aRealClipRunsThroughEveryStepAndBecomesReadyOnceWithItsFeedEntry() throws Exception {
        MediaItem item = ingest.upload(world.admin(), world.received(TestMedia.get(Variant.H264_2997_DF), "df.mp4"));
        MediaPipeline pipeline =
                new MediaPipeline(world.files, world.media, world.jobs, world.db, world.events(), () -> {});

        // The steps as a worker runs them, one claimed job at a time, until none is queued.
        for (Optional<Job> job; (job = world.jobs.claimNext("test", Duration.ofMinutes(1))).isPresent(); ) {
            pipeline.run(job.get(), Cancellation.NEVER);
            assertTrue(world.jobs.complete(job.get().id(), "test"));
        }
        // A step run again after a crash announces nothing twice.
        states(world.feed).becomeReady(item.id());

        MediaItem ready = world.media.get(item.id()).orElseThrow();
        assertEquals(MediaStatus.READY, ready.status());
        assertEquals(Variant.H264_2997_DF.frameCount(), ready.probe().frameCount());
        String stored = world.column("SELECT probe_json FROM media_items WHERE id = ?", item.id())
                .get(0);
        assertTrue(stored.contains("\"fieldOrder\":\"progressive\""), stored);
        assertTrue(stored.contains("\"videoStreams\":1"), stored);
        assertTrue(stored.contains("\"channelLayout\":\"mono\""), stored);
        assertEquals(
                List.of("media.added", "media.ready"),
                world.column("SELECT kind FROM events WHERE media_id = ? ORDER BY seq", item.id()));
        assertEquals(
                List.of(LibraryEvent.Kind.ADDED, LibraryEvent.Kind.READY),
                world.published.stream()
                        .map(LibraryEvent::kind)
                        .filter(k -> k != LibraryEvent.Kind.PROGRESS)
                        .toList());
        assertEquals(world.queueOrder(List.of("probe", "framemap", "thumbs", "seek_proxy")), world.jobKinds(item.id()));
    }

    @Test
    void readyWhoseFeedEntryFailsLeavesTheItemProcessingAndPublishesNothing() throws Exception {
        MediaItem item = ingest.upload(world.admin(), world.received("clip.mov"));
        world.published.clear();
        PipelineService states = states(ServiceFixture.failing(
                EventRepository.class, world.feed, "append", new IllegalStateException("the feed broke")));

        assertThrows(IllegalStateException.class, () -> states.becomeReady(item.id()));

        assertEquals(
                MediaStatus.PROCESSING, world.media.get(item.id()).orElseThrow().status());
        assertEquals(List.of(), world.published);
    }

    @Test
    void failingStoresTheReasonWithItsFeedEntryOnce() throws Exception {
        MediaItem item = ingest.upload(world.admin(), world.received("broken.mov"));
        PipelineService states = states(world.feed);

        assertTrue(states.fail(item.id(), "x".repeat(MediaItem.MAX_ERROR + 10)));
        assertFalse(states.fail(item.id(), "again"));

        MediaItem failed = world.media.get(item.id()).orElseThrow();
        assertEquals(MediaStatus.FAILED, failed.status());
        assertEquals(MediaItem.MAX_ERROR, failed.error().length());
        assertTrue(failed.error().endsWith("..."));
        assertEquals(
                List.of("media.added", "media.failed"),
                world.column("SELECT kind FROM events WHERE media_id = ? ORDER BY seq", item.id()));
        assertEquals(LibraryEvent.failed(item.id(), null, failed.error()), world.published.get(1));
    }

    @Test
    void queueOnceLeavesALiveJobOfTheKindAlone() throws Exception {
        MediaItem item = ingest.upload(world.admin(), world.received("clip.mov"));
        PipelineService states = states(world.feed);

        states.queueOnce(item.id(), JobKind.FRAMEMAP, 8);
        states.queueOnce(item.id(), JobKind.FRAMEMAP, 8);
        states.queueOnce(item.id(), JobKind.PROBE, 10);

        assertEquals(world.queueOrder(List.of("probe", "framemap")), world.jobKinds(item.id()));
    }
}
