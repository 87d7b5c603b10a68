package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.time.FrameRate;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.MutableClock;
import io.framewise.server.db.Paging;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaRepositoryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private Database db;
    private MediaRepository media;

    @BeforeEach
    void open() {
        db = Database.open(dir, clock);
        media = new JooqMediaRepository(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private MediaItem create(String name) {
        String id = Ids.newId();
        return media.create(new NewMediaItem(id, name, "media/" + id + "/" + name, 4096, "ab".repeat(32)));
    }

    @Test
    void itemsRoundTripThroughProcessingToReady() {
        MediaItem item = create("dailies.mov");
        assertEquals(MediaStatus.PROCESSING, item.status());
        assertEquals(Optional.of(item), media.get(item.id()));

        clock.advance(Duration.ofSeconds(3));
        ProbeSummary probe = new ProbeSummary(
                1798,
                FrameRate.FPS_29_97,
                "01:00:00;00",
                true,
                1920,
                1080,
                60_026_633,
                true,
                "{\"container\":\"mov\"}");
        assertTrue(media.setProbe(item.id(), probe));
        assertTrue(media.setFrameMapPath(item.id(), "media/" + item.id() + "/framemap.bin"));
        assertTrue(media.markReady(item.id()));

        MediaItem ready = media.get(item.id()).orElseThrow();
        assertEquals(MediaStatus.READY, ready.status());
        assertEquals(probe, ready.probe());
        assertEquals(FrameRate.FPS_29_97, ready.probe().frameRate());
        assertEquals("media/" + item.id() + "/framemap.bin", ready.frameMapPath());
        assertEquals(item.created(), ready.created());
        assertEquals(clock.instant(), ready.updated());
        assertNull(ready.error());
    }

    @Test
    void failedItemsKeepTheirReasonCutToSize() {
        MediaItem item = create("broken.mp4");
        assertTrue(media.markFailed(item.id(), "moov atom not found"));
        MediaItem failed = media.get(item.id()).orElseThrow();
        assertEquals(MediaStatus.FAILED, failed.status());
        assertEquals("moov atom not found", failed.error());

        assertTrue(media.markFailed(item.id(), "x".repeat(10_000)));
        assertEquals(
                MediaItem.MAX_ERROR, media.get(item.id()).orElseThrow().error().length());
        assertFalse(media.markReady(Ids.newId()), "no such item");
    }

    @Test
    void listingPagesByCreationTimeBothWays() {
        List<MediaItem> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(create("clip" + i + ".mov"));
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(7, media.count());
        assertEquals(made.subList(0, 3), media.list(new Paging(0, 3, false)));
        assertEquals(made.subList(3, 6), media.list(new Paging(3, 3, false)));
        assertEquals(made.subList(6, 7), media.list(new Paging(6, 3, false)));
        assertEquals(List.of(made.get(6), made.get(5)), media.list(Paging.newest(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Paging(0, 0, true));
        assertTrue(e.getMessage().startsWith("limit"), e.getMessage());
    }

    @Test
    void renditionsAreOnePerKindAndReplaceable() {
        MediaItem item = create("a.mov");
        Rendition poster =
                media.putRendition(item.id(), RenditionKind.POSTER, "media/x/poster.jpg", MediaStatus.READY, null);
        Rendition proxy =
                media.putRendition(item.id(), RenditionKind.PROXY, "media/x/proxy.mp4", MediaStatus.PROCESSING, null);
        clock.advance(Duration.ofSeconds(9));
        Rendition proxyDone = media.putRendition(
                item.id(), RenditionKind.PROXY, "media/x/proxy.mp4", MediaStatus.READY, "{\"height\":720}");
        assertEquals(proxy.id(), proxyDone.id(), "replacing keeps the rendition's id");
        assertEquals(MediaStatus.READY, proxyDone.status());
        assertEquals(clock.instant(), proxyDone.updated());
        assertEquals(List.of(proxyDone, poster), media.renditions(item.id()));
    }

    @Test
    void deleteRemovesTheItemAndItsRenditions() {
        MediaItem item = create("a.mov");
        media.putRendition(item.id(), RenditionKind.POSTER, "p.jpg", MediaStatus.READY, null);
        assertTrue(media.delete(item.id()));
        assertFalse(media.delete(item.id()));
        assertEquals(Optional.empty(), media.get(item.id()));
        assertEquals(List.of(), media.renditions(item.id()));
        assertEquals(Optional.empty(), media.get("../../etc/passwd"));
    }

    @Test
    void invalidInputNamesTheField() {
        String id = Ids.newId();
        assertField("originalName", () -> new NewMediaItem(id, "", "p", 1, null));
        assertField("originalName", () -> new NewMediaItem(id, "n".repeat(256), "p", 1, null));
        assertField("sizeBytes", () -> new NewMediaItem(id, "n", "p", -1, null));
        assertField("sha256", () -> new NewMediaItem(id, "n", "p", 1, "ABC"));
        assertField("id", () -> new NewMediaItem("1", "n", "p", 1, null));
        assertField("width", () -> new ProbeSummary(1, FrameRate.FPS_24, null, false, -1, 1, 1, false, "{}"));
        assertField("status", () -> MediaStatus.fromWire("done"));
    }

    private static void assertField(String field, Runnable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }
}
