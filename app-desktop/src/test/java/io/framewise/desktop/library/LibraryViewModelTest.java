package io.framewise.desktop.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.testing.Await;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dropped files become assets; library events and the poster check bring status and poster in. */
class LibraryViewModelTest {

    @Test
    void uploadsFilesAsAssetsAndFollowsTheirProcessing(@TempDir Path data) {
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            LibraryViewModel vm = new LibraryViewModel(Runnable::run, Runnable::run);
            vm.load(new ApiClient(server.baseUri(), null)).join();
            assertEquals(0, vm.rows().size());
            assertTrue(
                    vm.messageProperty().get().startsWith("No media yet"),
                    "message [" + vm.messageProperty().get() + "] projects " + vm.projects() + " busy "
                            + vm.busyProperty().get());

            vm.upload(List.of(TestMedia.get(TestMedia.Variant.H264_LONG_GOP))).join();
            assertEquals(1, vm.rows().size());
            assertEquals("h264-long-gop", vm.rows().get(0).title());
            assertEquals(-1, vm.uploadProgressProperty().get(), "no upload in progress any more");

            try {
                Await.until(
                        "the clip to be ready with its poster, without a manual refresh", Duration.ofMinutes(1), () -> {
                            List<LibraryRow> rows = List.copyOf(vm.rows());
                            return rows.size() == 1
                                    && rows.get(0).status().equals("Ready")
                                    && rows.get(0).media().hasRendition("poster");
                        });
            } catch (AssertionError e) {
                throw new AssertionError(
                        e.getMessage() + "; rows: " + vm.rows() + "; server: "
                                + new ApiClient(server.baseUri(), null).media(),
                        e);
            }
            assertTrue(vm.poster(vm.rows().get(0).media().id()).join().length > 1000, "a JPEG poster");

            vm.searchProperty().set("LONG");
            assertEquals(1, vm.visible().size());
            vm.searchProperty().set("nothing");
            assertEquals(0, vm.visible().size());
            vm.close();
        }
    }
}
