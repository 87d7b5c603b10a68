package io.framewise.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.still.StillFormat;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open frame readers are bounded by bytes, not only by count (ADR 0054): stepping back and forth
 * through several items with a budget smaller than their readers together leaves the readers' memory
 * within it once requests and background work settle (kept pictures dropped, readers closed, no
 * decoder left outside the pool), and every still is still the asked frame.
 */
class ReaderMemoryBudgetTest {

    @TempDir
    java.nio.file.Path data;

    @Test
    void readersStayWithinTheirMemoryBudgetAcrossSeveralItems() throws Exception {
        try (MediaServer server = new MediaServer(data, MediaServer.fast())) {
            List<MediaItem> items = new ArrayList<>();
            for (Variant v : List.of(Variant.H264_LONG_GOP, Variant.H264_2997_DF, Variant.VP9_WEBM)) {
                String id = server.uploadRaw(
                                TestMedia.get(v),
                                v.name().toLowerCase() + "." + v.fileName().replaceAll(".*\\.", ""))
                        .path("id")
                        .asText();
                server.awaitStatus(id, "ready");
                items.add(server.media.get(id).orElseThrow());
            }
            // 6 MB: a 640x360 reader with its kept pictures takes about 5 MB, a 320x240 one about 2.6 MB.
            long budget = 6L << 20;
            try (FrameStills stills = new FrameStills(server.feature.files(), 8, 1L << 30, budget)) {
                for (int round = 0; round < 2; round++) {
                    for (MediaItem item : items) {
                        for (int n = 40 - round; n >= 30; n--) {
                            assertFrame(stills, item, n, round);
                        }
                        for (int n = 41; n <= 46; n++) {
                            assertFrame(stills, item, n, round);
                        }
                    }
                }
                MediaServer.await(
                        "the background work to settle (busy " + stills.busyReaders() + ")",
                        () -> stills.busyReaders() == 0 && stills.prefetchJobs() == 0);
                assertTrue(
                        stills.readerBytes() <= budget,
                        "readers hold " + stills.readerBytes() + " bytes, budget " + budget);
                assertEquals(stills.openReaders(), stills.liveReaders(), "a reader outside the pool holds a decoder");
            }
        }
    }

    private static void assertFrame(FrameStills stills, MediaItem item, int n, int round) throws Exception {
        int width = 160 + 32 * round;
        try (StillsCache.Pin pin = stills.still(item, n, width, StillFormat.JPEG)) {
            assertEquals(n, FrameCode.read(Files.readAllBytes(pin.file())), item.originalName() + " frame " + n);
        }
        stills.viewed(item, n, width, StillFormat.JPEG);
    }
}
