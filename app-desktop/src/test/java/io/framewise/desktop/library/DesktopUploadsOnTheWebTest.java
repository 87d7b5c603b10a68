package io.framewise.desktop.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.embedded.EmbeddedServer;
import io.framewise.server.web.Browser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files dropped on the desktop library are filed where they were dropped, and a reviewer on the
 * web finds them there: the web library's pages in a real Chromium list them (read from the page).
 */
class DesktopUploadsOnTheWebTest {

    private static final int CHUNK = 256 * 1024;

    @Test
    void whatTheDesktopUploadsShowsInTheWebLibraryWhereItWasDropped(@TempDir Path data) {
        Browser.assumeAvailable();
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            LibraryViewModel vm = new LibraryViewModel(Runnable::run, Runnable::run, CHUNK);
            vm.load(new ApiClient(server.baseUri(), null)).join();

            // Outside any project: the uploader's home.
            Path first = TestMedia.get(TestMedia.Variant.H264_2997_DF);
            vm.upload(List.of(first)).join();
            String home = vm.pathProperty().get();
            assertTrue(home.startsWith("/users/"), home);
            // A folder of the home.
            vm.createFolder("Dailies").join();
            String dailies = vm.pathProperty().get();
            Path second = TestMedia.get(TestMedia.Variant.H264_LONG_GOP);
            vm.upload(List.of(second)).join();
            // A project's folder.
            vm.navigate("/projects/" + LibraryNavigationTest.newProject(server, "Show"))
                    .join();
            vm.createFolder("Grade").join();
            String grade = vm.pathProperty().get();
            assertTrue(grade.startsWith("/projects/"), grade);
            Path third = TestMedia.get(TestMedia.Variant.VP9_WEBM);
            vm.upload(List.of(third)).join();
            assertEquals(List.of(title(third)), titles(vm), "the desktop shows it where it was dropped");

            try (Browser b = new Browser(server.baseUri())) {
                awaitTitles(b, "/home", List.of(title(first)));
                awaitTitles(b, dailies, List.of(title(second)));
                awaitTitles(b, grade, List.of(title(third)));
                b.screenshot("desktop-upload-in-web-library");
            }
            vm.close();
        }
    }

    private static String title(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static List<String> titles(LibraryViewModel vm) {
        return vm.rows().stream().map(LibraryRow::title).toList();
    }

    /** Opens the web library at {@code path} and waits until it lists exactly {@code titles}. */
    private static void awaitTitles(Browser b, String path, List<String> titles) {
        b.open(path);
        b.await("the web library at " + path + " to list " + titles, d -> {
            List<String> shown = new ArrayList<>();
            b.all("asset").forEach(a -> shown.add(a.getAttribute("data-title")));
            return shown.equals(titles) ? true : null;
        });
    }
}
