package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.access.Caller;
import io.framewise.server.events.EventRepository;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.http.ApiException;
import io.framewise.server.ingest.IngestService;
import io.framewise.server.testing.ServiceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looking up, listing and removing media items without HTTP. */
class MediaServiceTest {

    @TempDir
    Path data;

    ServiceFixture world;
    IngestService ingest;
    final List<String> stopped = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();

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

    private MediaService service(EventRepository feed) {
        return new MediaService(world.media, world.db, world.events(feed), world.permissions, stopped::add, id -> {
            dropped.add(id);
            world.files.deleteAll(id);
        });
    }

    @Test
    void removalStoresItsFeedAndAuditEntriesWithTheDeletionAndAnnouncesItWhileTheItemStillExists() throws Exception {
        MediaItem item = ingest.upload(world.admin(), world.received("Gone.mov"));
        world.published.clear();
        List<Boolean> existedWhenAnnounced = new ArrayList<>();
        world.onPublish =
                e -> existedWhenAnnounced.add(world.media.get(e.mediaId()).isPresent());

        service(world.feed).remove(world.admin(), item.id());

        assertEquals(List.of(LibraryEvent.removed(item.id(), null)), world.published);
        assertEquals(List.of(true), existedWhenAnnounced, "who may hear of it is decided against the item");
        assertEquals(0, world.count("SELECT COUNT(*) FROM media_items"));
        assertEquals(0, world.count("SELECT COUNT(*) FROM jobs"), "its jobs go with it");
        assertEquals(
                List.of("media.added", "media.removed"),
                world.column("SELECT kind FROM events WHERE media_id = ? ORDER BY seq", item.id()));
        assertEquals(
                List.of("media.uploaded", "media.deleted"),
                world.column("SELECT action FROM audit_log WHERE resource_id = ? ORDER BY seq", item.id()));
        assertEquals(List.of(item.id()), stopped);
        assertEquals(List.of(item.id()), dropped);
        assertTrue(Files.notExists(world.files.resolve(item.storedPath())));
    }

    @Test
    void aRemovalWhoseFeedEntryFailsKeepsTheItemItsFilesAndItsAuditTrail() throws Exception {
        MediaItem item = ingest.upload(world.admin(), world.received("Kept.mov"));
        IllegalStateException injected = new IllegalStateException("the feed broke");
        MediaService media = service(ServiceFixture.failing(EventRepository.class, world.feed, "append", injected));

        assertThrows(IllegalStateException.class, () -> media.remove(world.admin(), item.id()));

        assertTrue(world.media.get(item.id()).isPresent());
        assertEquals(1, world.count("SELECT COUNT(*) FROM jobs WHERE media_id = ?", item.id()));
        assertEquals(0, world.count("SELECT COUNT(*) FROM audit_log WHERE action = 'media.deleted'"));
        assertEquals(List.of(), dropped);
        assertTrue(Files.isRegularFile(world.files.resolve(item.storedPath())));
    }

    @Test
    void unknownAndMalformedIdsAreTheSameNotFound() {
        MediaService media = service(world.feed);
        assertThrows(ApiException.NotFound.class, () -> media.get(world.admin(), "not-an-id"));
        assertThrows(ApiException.NotFound.class, () -> media.get(world.admin(), "0123456789abcdef0123456789abcdef"));
        assertThrows(ApiException.NotFound.class, () -> media.remove(world.admin(), "not-an-id"));
        assertEquals(List.of(), stopped);
    }

    @Test
    void theServiceItselfHidesAndKeepsSomeoneElsesUnfiledMedia() throws Exception {
        MediaItem anas = ingest.upload(world.owner("ana"), world.received("ana.mov"));
        MediaService media = service(world.feed);
        Caller ben = world.person("ben");

        assertThrows(ApiException.NotFound.class, () -> media.get(ben, anas.id()));
        assertThrows(ApiException.NotFound.class, () -> media.remove(ben, anas.id()));

        assertTrue(world.media.get(anas.id()).isPresent());
        assertEquals(List.of(), stopped);
        assertEquals(anas.id(), media.get(world.person("ana"), anas.id()).id());
    }

    @Test
    void listsPageThroughWhatTheCallerMaySeeWithAStableCursor() throws Exception {
        Caller ana = world.owner("ana");
        Caller ben = world.owner("ben");
        List<String> anas = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            anas.add(ingest.upload(ana, world.received("ana " + i + ".mov")).id());
            ingest.upload(ben, world.received("ben " + i + ".mov"));
        }
        MediaService media = service(world.feed);

        MediaService.Page first = media.list(ana, 2, null);
        MediaService.Page second = media.list(ana, 2, first.next());
        MediaService.Page last = media.list(ana, 2, second.next());

        assertEquals(5, first.total(), "unfiled media are their uploader's only");
        List<String> seen = new ArrayList<>();
        for (MediaService.Page page : List.of(first, second, last)) {
            page.items().forEach(item -> seen.add(item.id()));
        }
        assertEquals(anas, seen);
        assertNull(last.next());
        assertEquals(10, media.list(world.admin(), 50, null).total());
        assertThrows(ApiException.BadRequest.class, () -> media.list(ana, 2, "not-a-cursor"));
    }
}
