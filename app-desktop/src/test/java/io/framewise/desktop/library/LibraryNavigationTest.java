package io.framewise.desktop.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Crumb;
import io.framewise.desktop.client.ApiModels.FolderEntry;
import io.framewise.desktop.client.ApiModels.OrganizerAction;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.embedded.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library walks the organizer's pages of a real server: projects, folders made with the page's
 * actions, breadcrumbs back, an asset moved into a folder, home; and an upload into a folder that
 * is paused part-way and resumed from what the server holds.
 */
class LibraryNavigationTest {

    private static final int CHUNK = 16 * 1024;

    @Test
    void walksProjectsFoldersAndHomeAndMovesAnAsset(@TempDir Path data) {
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            LibraryViewModel vm = new LibraryViewModel(Runnable::run, Runnable::run, CHUNK);
            vm.load(new ApiClient(server.baseUri(), null)).join();
            assertEquals("/", vm.pathProperty().get(), "a new library opens at its root");
            assertTrue(names(vm.folders()).contains("Projects"), "root folders " + vm.folders());

            // A file dropped outside any project lands in the default project, which opens.
            vm.upload(List.of(TestMedia.get(TestMedia.Variant.H264_LONG_GOP))).join();
            String project = vm.pathProperty().get();
            assertTrue(project.startsWith("/projects/"), project);
            assertNotNull(vm.projectProperty().get(), "the chooser shows the project on screen");
            assertEquals(1, vm.rows().size());
            assertEquals("h264-long-gop", vm.rows().get(0).title());
            assertTrue(
                    vm.actions().stream().map(OrganizerAction::id).toList().contains("create-folder"),
                    "the page's actions " + vm.actions());

            // A folder made with the page's action opens; its breadcrumbs lead back.
            vm.createFolder("Shots").join();
            String shots = vm.pathProperty().get();
            assertTrue(shots.startsWith(project + "/"), shots);
            assertEquals("Shots", vm.titleProperty().get());
            assertEquals(0, vm.rows().size());
            Crumb up = vm.breadcrumbs().get(vm.breadcrumbs().size() - 1);
            assertEquals(project, up.path());
            vm.navigate(up.path()).join();
            assertEquals(List.of("Shots"), names(vm.folders()));

            // Move the asset into Shots: gone from the project's top, listed in the folder.
            Map<String, String> targets = vm.moveTargets();
            assertTrue(targets.containsValue(shots), "move targets " + targets);
            vm.moveAsset(vm.rows().get(0), shots).join();
            assertEquals(shots, vm.pathProperty().get(), "the move opens where the asset went");
            assertEquals(List.of("h264-long-gop"), titles(vm));
            vm.navigate(project).join();
            assertEquals(List.of(), titles(vm), "moved out of the project's top");

            // Home: the user's own folders.
            vm.home().join();
            assertTrue(
                    vm.pathProperty().get().startsWith("/users/"),
                    vm.pathProperty().get());
            assertEquals("My folders", vm.titleProperty().get());
            vm.close();
        }
    }

    @Test
    void pausedUploadResumesFromWhatTheServerHoldsAndIsFiledInTheFolder(@TempDir Path data) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            LibraryViewModel vm = new LibraryViewModel(Runnable::run, Runnable::run, CHUNK);
            vm.load(new ApiClient(server.baseUri(), null)).join();
            vm.upload(List.of(TestMedia.get(TestMedia.Variant.H264_2997_DF))).join();
            vm.createFolder("Dailies").join();
            String dailies = vm.pathProperty().get();

            Path clip = TestMedia.get(TestMedia.Variant.H264_LONG_GOP);
            long size = Files.size(clip);
            assertTrue(size > 3 * CHUNK, "the clip needs several chunks: " + size);
            // Pause once, as soon as the server holds the first chunk.
            java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
            vm.uploads().items().addListener((javafx.collections.ListChangeListener<UploadItem>) c -> {
                while (c.next()) {
                    for (UploadItem item : c.getAddedSubList()) {
                        item.sentProperty().addListener((o, a, b) -> {
                            if (b.longValue() > 0 && b.longValue() < size && !paused.getAndSet(true)) {
                                vm.pause(item);
                            }
                        });
                    }
                }
            });
            vm.upload(List.of(clip)).join();
            UploadItem item = vm.uploads().items().get(0);
            assertEquals(UploadItem.State.PAUSED, item.stateProperty().get());
            long held = item.sentProperty().get();
            assertTrue(held > 0 && held < size, "paused part-way: " + held + " of " + size);
            assertEquals(List.of(), titles(vm), "nothing filed while paused");

            // Resuming sends only the rest: progress never goes back below what the server held.
            List<Long> seen = new ArrayList<>();
            item.sentProperty().addListener((o, a, b) -> seen.add(b.longValue()));
            vm.resume(item).join();
            assertEquals(
                    UploadItem.State.DONE,
                    item.stateProperty().get(),
                    item.messageProperty().get());
            assertTrue(seen.stream().allMatch(n -> n >= held), "resumed from " + held + ", saw " + seen);
            assertEquals(size, item.sentProperty().get());
            assertEquals(dailies, vm.pathProperty().get());
            assertEquals(List.of("h264-long-gop"), titles(vm), "filed into the folder it was dropped on");
            vm.close();
        }
    }

    private static List<String> names(List<FolderEntry> folders) {
        return folders.stream().map(FolderEntry::name).toList();
    }

    private static List<String> titles(LibraryViewModel vm) {
        return vm.rows().stream().map(LibraryRow::title).toList();
    }
}
