package io.framewise.desktop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.cli.FramewiseCli;
import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Attachment;
import io.framewise.desktop.testing.Await;
import io.framewise.media.image.OverlayImages;
import io.framewise.media.image.RgbaImage;
import io.framewise.server.embedded.EmbeddedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drawing imported from Clapshot (the shared sample, read in place) in the desktop notes panel's
 * view model: the thread exposes the attachment, and its picture loads from a real server.
 */
class ImportedDrawingTest {

    @TempDir
    Path data;

    @Test
    void theNotesViewModelExposesAnImportedDrawingAndLoadsItsPicture() throws Exception {
        Path sample = sample();
        StringWriter out = new StringWriter();
        int exit = FramewiseCli.execute(
                new String[] {
                    "import",
                    "clapshot",
                    "--db",
                    sample.resolve("data/clapshot.sqlite").toString(),
                    "--data",
                    sample.resolve("data/videos").toString(),
                    "--server-data",
                    data.toString()
                },
                new PrintWriter(out),
                new PrintWriter(out));
        assertEquals(0, exit, out.toString());
        String media = ledger("media", "0dad9c74");
        try (EmbeddedServer server = EmbeddedServer.local(data)) {
            ApiClient api = new ApiClient(server.baseUri(), null);
            Await.until("the imported media processed", Duration.ofMinutes(3), () -> api.media(media)
                    .ready());
            NotesViewModel notes = new NotesViewModel(Runnable::run, Runnable::run);
            notes.load(api, media).join();

            List<NoteThread> at87 = notes.at(87);
            assertEquals(1, at87.size());
            NoteThread thread = at87.get(0);
            assertEquals(
                    "Tagline colour doesn't match the brand red.",
                    thread.first().text());
            assertEquals(1, thread.attachments().size());
            Attachment drawing = thread.attachments().get(0);
            assertTrue(drawing.overlay());
            assertEquals(320, drawing.width());

            RgbaImage picture = OverlayImages.decode(notes.picture(drawing).join());
            assertEquals(320, picture.width());
            assertEquals(180, picture.height());
            assertEquals(255, picture.alphaAt(40, 130), "the drawing's red outline");
            assertEquals(0, notes.at(12).get(0).attachments().size(), "a note without drawing has none");

            // A note cannot point the client's credentials at another server.
            Attachment elsewhere =
                    new Attachment("x", "image", "image/png", 1, 1, 1, true, "https://evil.example/x.png");
            assertThrows(IllegalArgumentException.class, () -> api.attachment(elsewhere));
        }
    }

    private String ledger(String kind, String sourceId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("framewise.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT target_id FROM import_ledger WHERE kind = '" + kind
                        + "' AND source_id = '" + sourceId + "'")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static Path sample() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/clapshot");
            if (Files.isRegularFile(candidate.resolve("data/clapshot.sqlite"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared Clapshot sample (shared/testdata/clapshot) is missing");
    }
}
