package io.framewise.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.events.EventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.jobs.JobRepository;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.ServiceFixture;
import io.framewise.server.upload.ReceivedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking files into the library without HTTP: one unit of work for the row, its job, its feed and audit entries. */
class IngestServiceTest {

    @TempDir
    Path data;

    ServiceFixture world;
    final AtomicInteger wakeUps = new AtomicInteger();

    @BeforeEach
    void open() {
        world = new ServiceFixture(data);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private IngestService service(JobRepository jobs, EventRepository feed) {
        return new IngestService(
                world.files,
                world.media,
                jobs,
                world.db,
                world.events(feed),
                world.permissions,
                wakeUps::incrementAndGet);
    }

    @Test
    void anUploadStoresItsRowJobFeedAndAuditEntriesThenPublishesAndWakesTheWorkers() throws Exception {
        IngestService ingest = service(world.jobs, world.feed);
        // Published only after the commit: by then a reader sees the row and its job.
        world.onPublish =
                e -> assertEquals(1, world.count("SELECT COUNT(*) FROM jobs WHERE media_id = ?", e.mediaId()));

        MediaItem item = ingest.upload(world.admin(), world.received("Take 1.mov"));

        assertEquals("Take 1.mov", item.originalName());
        assertEquals(List.of("probe"), world.column("SELECT kind FROM jobs WHERE media_id = ?", item.id()));
        assertEquals(List.of("media.added"), world.column("SELECT kind FROM events WHERE media_id = ?", item.id()));
        assertEquals(
                List.of("media.uploaded"),
                world.column("SELECT action FROM audit_log WHERE resource_id = ?", item.id()));
        assertEquals(
                List.of("127.0.0.1"),
                world.column("SELECT source_address FROM audit_log WHERE resource_id = ?", item.id()));
        assertEquals(List.of(LibraryEvent.added(item.id(), null, "Take 1.mov")), world.published);
        assertEquals(1, wakeUps.get());
        assertTrue(Files.isRegularFile(world.files.resolve(item.storedPath())));
    }

    @Test
    void aFailureBetweenTheRowAndItsJobRollsBackBothAndTakesTheFileBackOut() {
        IllegalStateException injected = new IllegalStateException("the job queue broke");
        IngestService ingest =
                service(ServiceFixture.failing(JobRepository.class, world.jobs, "enqueue", injected), world.feed);
        ReceivedFile file = world.received("Take 2.mov");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> ingest.upload(world.admin(), file));

        assertSame(injected, rootCause(thrown));
        assertNothingStored();
        assertTrue(Files.notExists(file.path()), "the received file was moved into the library first");
    }

    @Test
    void aFeedThatFailsAfterTheRowAndJobRollsBackBoth() {
        IllegalStateException injected = new IllegalStateException("the feed broke");
        IngestService ingest =
                service(world.jobs, ServiceFixture.failing(EventRepository.class, world.feed, "append", injected));

        RuntimeException thrown =
                assertThrows(RuntimeException.class, () -> ingest.resumableUpload(null, world.received("Take 3.mov")));

        assertSame(injected, rootCause(thrown));
        assertNothingStored();
    }

    @Test
    void aResumableUploadIsAuditedForItsOwnerAndADroppedFileForNobody() throws Exception {
        IngestService ingest = service(world.jobs, world.feed);
        String owner = world.person("ana").principal().userIdOrNull();

        MediaItem resumed = ingest.resumableUpload(owner, world.received("Tus.mov"));
        MediaItem dropped = ingest.dropped(world.received("Dropped.mov"));

        assertEquals(
                List.of(owner), world.column("SELECT actor_id FROM audit_log WHERE resource_id = ?", resumed.id()));
        assertTrue(world.column("SELECT details_json FROM audit_log WHERE resource_id = ?", resumed.id())
                .get(0)
                .contains("\"resumable\":true"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM audit_log WHERE resource_id = ?", dropped.id()));
        assertEquals(
                owner,
                world.column("SELECT uploaded_by FROM media_items WHERE id = ?", resumed.id())
                        .get(0));
        assertEquals(2, world.count("SELECT COUNT(*) FROM jobs WHERE kind = 'probe'"));
        assertEquals(2, world.published.size());
    }

    private void assertNothingStored() {
        assertEquals(0, world.count("SELECT COUNT(*) FROM media_items"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM jobs"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM events"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM audit_log"));
        assertEquals(List.of(), world.published);
        assertEquals(0, wakeUps.get());
        try (var left = Files.list(Files.createDirectories(data.resolve("media")))) {
            assertEquals(List.of(), left.toList(), "no item folder is left");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
