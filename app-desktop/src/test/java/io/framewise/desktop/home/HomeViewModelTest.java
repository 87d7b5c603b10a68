package io.framewise.desktop.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.Sprites;
import io.framewise.desktop.library.FolderTreeModel;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.embedded.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop start screen's sections against a real embedded server: empty ones say what to do;
 * an upload into a project needs review and is recent, one without a target is recent (in my home)
 * but nobody's to review; a saved position makes "Continue watching" open at that frame.
 */
class HomeViewModelTest {

    @Test
    void sectionsFillAsTheDataSays(@TempDir Path data) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            ApiClient api = new ApiClient(server.baseUri(), null);
            HomeViewModel vm = new HomeViewModel(Runnable::run, Runnable::run);
            vm.load(api).join();
            assertEquals("", vm.errorProperty().get());
            for (String section : List.of("needsReview", "mentions", "recent", "continue")) {
                assertEquals(HomeViewModel.EMPTY.get(section), vm.emptyText(section), section);
            }

            String project = new ObjectMapper()
                    .readTree(HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(server.baseUri().resolve("/api/projects"))
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Show\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("id")
                    .asText();
            String inProject = api.upload(TestMedia.get(TestMedia.Variant.H264_LONG_GOP), project, null)
                    .id();
            api.upload(TestMedia.get(TestMedia.Variant.H264_2997_DF));
            vm.load(api).join();

            assertEquals(List.of("h264-long-gop"), titles(vm.needsReview()), "only the project's upload awaits review");
            assertEquals(
                    List.of("h264-2997-df", "h264-long-gop"),
                    titles(vm.recent()).stream().sorted().toList());
            assertEquals("", vm.emptyText("recent"));
            assertEquals(HomeViewModel.EMPTY.get("continue"), vm.emptyText("continue"));

            api.savePosition(inProject, 42);
            vm.load(api).join();
            assertEquals(1, vm.continueWatching().size());
            HomeViewModel.Tile tile = vm.continueWatching().get(0);
            assertEquals("h264-long-gop", tile.title());
            assertEquals(42, HomeViewModel.openingFrame(tile));
            assertEquals(0, HomeViewModel.openingFrame(vm.recent().get(0)), "other tiles open at the start");
            assertTrue(vm.needsReview().get(0).approval().equals("needs_review"));
            assertEquals("Continue at frame 42", HomeViewModel.detail(tile));
            assertEquals("Needs review", HomeViewModel.detail(vm.needsReview().get(0)));

            // Hover scrub: the sheet of the project's upload; the pointer's place picks its sample.
            io.framewise.desktop.testing.Await.until(
                    "the sprite sheet", java.time.Duration.ofMinutes(2), () -> api.media(inProject)
                            .hasRendition("sprites"));
            Sprites sheet = vm.sprites(inProject).join();
            assertTrue(sheet != null && sheet.frames().length > 1, "a sprite sheet for the video");
            assertEquals(0, HomeViewModel.scrubTile(sheet, 0.0));
            assertEquals(sheet.frames().length - 1, HomeViewModel.scrubTile(sheet, 1.0));
            assertEquals(sheet.frames().length - 1, HomeViewModel.scrubTile(sheet, 7.0), "clamped");
            assertTrue(HomeViewModel.scrubTile(sheet, 0.5) > 0);
            assertEquals(null, vm.sprites("no-such-media").join(), "no sheet, no failure");
        }
    }

    @Test
    void theFolderTreeListsTheTopEntriesAndOpensAFolderOnDemand(@TempDir Path data) {
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            ApiClient api = new ApiClient(server.baseUri(), null);
            FolderTreeModel tree = new FolderTreeModel(Runnable::run, Runnable::run);
            tree.load(api).join();
            assertEquals("", tree.errorProperty().get());
            List<String> top =
                    tree.roots().stream().map(FolderTreeModel.Node::path).toList();
            assertTrue(top.contains("/projects"), top.toString());
            List<FolderTreeModel.Node> projects = tree.children("/projects").join();
            assertEquals(
                    api.folderPage("/projects").folders().stream()
                            .map(f -> f.path())
                            .toList(),
                    projects.stream().map(FolderTreeModel.Node::path).toList());
            assertEquals(List.of(), tree.children("/projects/no-such-project").join());
            assertTrue(tree.errorProperty().get().startsWith("Could not open /projects/no-such-project"));
        }
    }

    private static List<String> titles(List<HomeViewModel.Tile> tiles) {
        return tiles.stream().map(HomeViewModel.Tile::title).toList();
    }
}
