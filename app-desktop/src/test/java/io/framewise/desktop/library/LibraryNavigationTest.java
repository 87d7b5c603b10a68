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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
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
        // The view model's state belongs to its UI thread: the server's library events refresh it
        // there at any time, so the test reads and acts on that thread too, never beside it.
        ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-ui");
            t.setDaemon(true);
            return t;
        });
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            LibraryViewModel vm = new LibraryViewModel(uiThread, Runnable::run, CHUNK);
            Ui ui = new Ui(uiThread);
            ui.act(() -> vm.load(new ApiClient(server.baseUri(), null)));
            assertEquals("/", ui.read(() -> vm.pathProperty().get()), "a new library opens at its root");
            List<FolderEntry> root = ui.read(() -> List.copyOf(vm.folders()));
            assertTrue(names(root).contains("Projects"), "root folders " + root);

            // A file dropped outside any project lands in the uploader's home, which opens.
            ui.act(() -> vm.upload(List.of(TestMedia.get(TestMedia.Variant.H264_2997_DF))));
            assertTrue(ui.read(() -> vm.pathProperty().get()).startsWith("/users/"));
            assertEquals("My folders", ui.read(() -> vm.titleProperty().get()));
            assertEquals(List.of("h264-2997-df"), ui.read(() -> titles(vm)));

            // Dropped on a project's page: filed there.
            ui.act(() -> vm.navigate("/projects/" + newProject(server, "Show")));
            ui.act(() -> vm.upload(List.of(TestMedia.get(TestMedia.Variant.H264_LONG_GOP))));
            String project = ui.read(() -> vm.pathProperty().get());
            assertTrue(project.startsWith("/projects/"), project);
            assertNotNull(ui.read(() -> vm.projectProperty().get()), "the chooser shows the project on screen");
            List<LibraryRow> rows = ui.read(() -> List.copyOf(vm.rows()));
            assertEquals(1, rows.size());
            assertEquals("h264-long-gop", rows.get(0).title());
            List<OrganizerAction> actions = ui.read(() -> List.copyOf(vm.actions()));
            assertTrue(
                    actions.stream().map(OrganizerAction::id).toList().contains("create-folder"),
                    "the page's actions " + actions);

            // A folder made with the page's action opens; its breadcrumbs lead back.
            ui.act(() -> vm.createFolder("Shots"));
            String shots = ui.read(() -> vm.pathProperty().get());
            assertTrue(shots.startsWith(project + "/"), shots);
            assertEquals("Shots", ui.read(() -> vm.titleProperty().get()));
            assertEquals(0, ui.read(() -> vm.rows().size()));
            Crumb up = ui.read(() -> vm.breadcrumbs().get(vm.breadcrumbs().size() - 1));
            assertEquals(project, up.path());
            ui.act(() -> vm.navigate(up.path()));
            assertEquals(List.of("Shots"), ui.read(() -> names(vm.folders())));

            // Move the asset into Shots: gone from the project's top, listed in the folder.
            Map<String, String> targets = ui.read(vm::moveTargets);
            assertTrue(targets.containsValue(shots), "move targets " + targets);
            ui.act(() -> vm.moveAsset(vm.rows().get(0), shots));
            assertEquals(shots, ui.read(() -> vm.pathProperty().get()), "the move opens where the asset went");
            assertEquals(List.of("h264-long-gop"), ui.read(() -> titles(vm)));
            ui.act(() -> vm.navigate(project));
            assertEquals(List.of(), ui.read(() -> titles(vm)), "moved out of the project's top");

            // Home: the user's own folders.
            ui.act(vm::home);
            String home = ui.read(() -> vm.pathProperty().get());
            assertTrue(home.startsWith("/users/"), home);
            assertEquals("My folders", ui.read(() -> vm.titleProperty().get()));
            ui.read(() -> {
                vm.close();
                return null;
            });
        } finally {
            uiThread.shutdownNow();
        }
    }

    /** A new project made over the API, as an administrator does on the web; answers its id. */
    static String newProject(EmbeddedServer server, String name) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(java.net.http.HttpClient.newHttpClient()
                            .send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    server.baseUri().resolve("/api/projects"))
                                            .header("Content-Type", "application/json")
                                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "{\"name\":\"" + name + "\"}"))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("id")
                    .asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs reads and actions on the view model's UI thread and waits for them. */
    private record Ui(ExecutorService thread) {
        <T> T read(Supplier<T> read) {
            return CompletableFuture.supplyAsync(read, thread).join();
        }

        void act(Supplier<CompletableFuture<?>> action) {
            read(action).join();
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
