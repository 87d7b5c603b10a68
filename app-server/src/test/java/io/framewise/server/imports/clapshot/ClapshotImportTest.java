package io.framewise.server.imports.clapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.image.OverlayImages;
import io.framewise.media.image.RgbaImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code framewise import clapshot} on the shared Clapshot sample (read in place, read-only): every
 * count of the sample's README, the frames of the notes by the documented rule, the threads, the
 * drawings as PNG attachments, the folder tree, the deleted author; a second run adds nothing; a
 * dry run writes nothing; files that are not a (supported) Clapshot database are refused clearly.
 */
class ClapshotImportTest {

    @TempDir
    static Path data;

    static ClapshotSample.Run first;
    static JsonNode expected;
    static Map<String, String> notes = new HashMap<>();

    @BeforeAll
    static void importSample() throws Exception {
        expected = ClapshotSample.expected();
        first = ClapshotSample.importInto(data);
        assertEquals(0, first.exit(), first.out() + first.err());
        for (Map<String, Object> r :
                ClapshotSample.query(data, "SELECT source_id, target_id FROM import_ledger WHERE kind = 'note'")) {
            notes.put((String) r.get("source_id"), (String) r.get("target_id"));
        }
    }

    @Test
    void everyCountOfTheSampleComesOver() throws Exception {
        JsonNode counts = expected.path("counts");
        assertEquals(
                counts.path("users").asInt(),
                ClapshotSample.count(
                        data,
                        "SELECT COUNT(*) FROM users WHERE name IN ('alice', 'bob.k', 'carol') AND password_hash IS NULL"));
        assertEquals(
                counts.path("media_files").asInt(), ClapshotSample.count(data, "SELECT COUNT(*) FROM media_items"));
        assertEquals(counts.path("media_files").asInt(), ClapshotSample.count(data, "SELECT COUNT(*) FROM assets"));
        assertEquals(counts.path("comments_total").asInt(), ClapshotSample.count(data, "SELECT COUNT(*) FROM notes"));
        assertEquals(
                counts.path("top_level_notes").asInt(),
                ClapshotSample.count(data, "SELECT COUNT(*) FROM notes WHERE parent_id IS NULL"));
        assertEquals(
                counts.path("replies").asInt(),
                ClapshotSample.count(data, "SELECT COUNT(*) FROM notes WHERE parent_id IS NOT NULL"));
        assertEquals(
                counts.path("drawings_total").asInt(),
                ClapshotSample.count(data, "SELECT COUNT(*) FROM note_attachments WHERE overlay"));
        assertEquals(
                counts.path("edited_comments").asInt(),
                ClapshotSample.count(data, "SELECT COUNT(*) FROM notes WHERE edited_at IS NOT NULL"));
        assertEquals(
                counts.path("root_folders").asInt(), ClapshotSample.count(data, "SELECT COUNT(*) FROM home_projects"));
        assertEquals(
                counts.path("non_root_folders").asInt(), ClapshotSample.count(data, "SELECT COUNT(*) FROM folders"));
        assertEquals(
                counts.path("comments_total").asInt(),
                ClapshotSample.count(data, "SELECT COUNT(*) FROM import_ledger WHERE kind = 'note'"));
        // Every original was copied in and queued for the normal processing.
        assertEquals(
                counts.path("media_files").asInt(),
                ClapshotSample.count(data, "SELECT COUNT(*) FROM jobs WHERE kind = 'probe'"));
        for (Map<String, Object> m : ClapshotSample.query(data, "SELECT stored_path, size_bytes FROM media_items")) {
            assertEquals(((Number) m.get("size_bytes")).longValue(), Files.size(data.resolve((String)
                    m.get("stored_path"))));
        }
        assertTrue(first.out().contains("Imported users have no password"), first.out());
    }

    @Test
    void notesSitOnTheFramesTheRuleGivesWithTheirTimesAndAuthors() throws Exception {
        Map<String, String> displayNames = new HashMap<>();
        for (Map<String, Object> u : ClapshotSample.query(data, "SELECT id, display_name FROM users")) {
            displayNames.put((String) u.get("id"), (String) u.get("display_name"));
        }
        for (JsonNode c : expected.path("comments")) {
            String id = notes.get(c.path("id").asText());
            assertNotNull(id, "comment " + c.path("id"));
            Map<String, Object> n = ClapshotSample.query(
                            data,
                            "SELECT frame, body, author_id, created_at, edited_at, parent_id FROM notes WHERE id = '"
                                    + id + "'")
                    .get(0);
            long frame = ((Number) n.get("frame")).longValue();
            if (!c.path("frame").isNull()) {
                assertEquals(c.path("frame").asLong(), frame, "comment " + c.path("id") + " at " + c.path("timecode"));
                assertEquals(
                        c.path("frame").asLong(),
                        ClapshotTimecodes.frameOf(
                                        c.path("timecode").asText(),
                                        c.path("fps").asText())
                                .getAsLong());
            } else if (c.path("parent_id").isNull()) {
                assertEquals(0, frame, "untimed notes sit at frame 0");
            }
            assertEquals(c.path("comment").asText(), n.get("body"));
            assertEquals(c.path("username_ifnull").asText(), displayNames.get((String) n.get("author_id")));
            assertEquals(
                    ClapshotImporter.clapshotTime(c.path("created").asText()).toEpochMilli(),
                    ((Number) n.get("created_at")).longValue());
            if (c.path("edited").isNull()) {
                assertNull(n.get("edited_at"));
            } else {
                assertEquals(
                        ClapshotImporter.clapshotTime(c.path("edited").asText()).toEpochMilli(),
                        ((Number) n.get("edited_at")).longValue());
            }
        }
        // The deleted author keeps their name on a disabled, passwordless account.
        Map<String, Object> dave = ClapshotSample.query(
                        data,
                        "SELECT u.name, u.disabled, u.password_hash FROM notes n JOIN users u ON u.id = n.author_id WHERE n.id = '"
                                + notes.get("14") + "'")
                .get(0);
        assertEquals("former-dave-miller", dave.get("name"));
        assertEquals(1, ((Number) dave.get("disabled")).intValue());
        assertNull(dave.get("password_hash"));
    }

    @Test
    void repliesStayInTheirThreadsIncludingTheNestedChain() throws Exception {
        for (JsonNode c : expected.path("comments")) {
            String id = notes.get(c.path("id").asText());
            Object parent = ClapshotSample.query(data, "SELECT parent_id FROM notes WHERE id = '" + id + "'")
                    .get(0)
                    .get("parent_id");
            if (c.path("parent_id").isNull()) {
                assertNull(parent, "comment " + c.path("id"));
            } else {
                // Threads are one level here: 10 -> 9 -> 8 lands in 8's thread.
                long root = c.path("parent_id").asLong() == 9
                        ? 8
                        : c.path("parent_id").asLong();
                assertEquals(notes.get(Long.toString(root)), parent, "comment " + c.path("id"));
            }
        }
        List<Map<String, Object>> thread = ClapshotSample.query(
                data, "SELECT id, frame FROM notes WHERE parent_id = '" + notes.get("8") + "' ORDER BY created_at");
        assertEquals(
                List.of(notes.get("9"), notes.get("10")),
                thread.stream().map(r -> r.get("id")).toList());
        assertEquals(47L, ((Number) thread.get(1).get("frame")).longValue(), "a reply is on its thread's frame");
    }

    @Test
    void drawingsAreDecodedPngAttachmentsOfTheirNotes() throws Exception {
        for (JsonNode c : expected.path("comments")) {
            List<Map<String, Object>> rows = ClapshotSample.query(
                    data,
                    "SELECT path, width, height, content_type FROM note_attachments WHERE note_id = '"
                            + notes.get(c.path("id").asText()) + "'");
            if (c.path("drawing_kind").isNull()) {
                assertTrue(rows.isEmpty(), "comment " + c.path("id"));
                continue;
            }
            assertEquals(1, rows.size(), "comment " + c.path("id"));
            assertEquals("image/png", rows.get(0).get("content_type"));
            assertEquals(320, ((Number) rows.get(0).get("width")).intValue());
            assertEquals(180, ((Number) rows.get(0).get("height")).intValue());
            RgbaImage png = OverlayImages.decode(
                    Files.readAllBytes(data.resolve((String) rows.get(0).get("path"))));
            assertEquals(320, png.width());
            assertEquals(180, png.height());
            assertEquals(0, png.alphaAt(1, 1), "the canvas stays transparent");
        }
        // Comment 12's drawing was an inline data URL: its box starts at (0, 80).
        String path = (String) ClapshotSample.query(
                        data, "SELECT path FROM note_attachments WHERE note_id = '" + notes.get("12") + "'")
                .get(0)
                .get("path");
        RgbaImage inline = OverlayImages.decode(Files.readAllBytes(data.resolve(path)));
        assertEquals(255, inline.alphaAt(1, 81));
        assertEquals(0xff2020, inline.rgbAt(1, 81));
    }

    @Test
    void foldersMirrorTheTreeWithEachRootAsItsUsersHome() throws Exception {
        for (JsonNode m : expected.path("media_files")) {
            String mediaId = (String) ClapshotSample.query(
                            data,
                            "SELECT target_id FROM import_ledger WHERE kind = 'media' AND source_id = '"
                                    + m.path("id").asText() + "'")
                    .get(0)
                    .get("target_id");
            Map<String, Object> asset = ClapshotSample.query(
                            data,
                            "SELECT a.title, a.folder_id, p.name AS project, u.name AS owner FROM asset_versions v"
                                    + " JOIN assets a ON a.id = v.asset_id JOIN projects p ON p.id = a.project_id"
                                    + " JOIN home_projects h ON h.project_id = p.id JOIN users u ON u.id = h.user_id"
                                    + " WHERE v.media_id = '" + mediaId + "'")
                    .get(0);
            assertEquals(m.path("title").asText(), asset.get("title"));
            assertEquals(m.path("user_id").asText(), asset.get("owner"));
            JsonNode path = m.path("folder_path");
            assertEquals(path.get(0).asText(), asset.get("project"));
            assertEquals(folderPath((String) asset.get("folder_id")), pathTail(path));
        }
        assertEquals(
                List.of(),
                names("SELECT f.name FROM folders f WHERE f.name = 'Archive' AND EXISTS"
                        + " (SELECT 1 FROM assets a WHERE a.folder_id = f.id)"));
        assertEquals(
                List.of("Archive"),
                names("SELECT f.name FROM folders f JOIN home_projects h ON h.project_id = f.project_id"
                        + " JOIN users u ON u.id = h.user_id WHERE u.name = 'carol'"));
        assertEquals(
                List.of("Finals"),
                names("SELECT f.name FROM folders f JOIN folders p ON p.id = f.parent_id" + " WHERE p.name = 'Drone'"));
    }

    private static List<String> pathTail(JsonNode path) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            out.add(path.get(i).asText());
        }
        return out;
    }

    private static List<String> folderPath(String folderId) throws Exception {
        java.util.LinkedList<String> out = new java.util.LinkedList<>();
        for (String at = folderId; at != null; ) {
            Map<String, Object> f = ClapshotSample.query(
                            data, "SELECT name, parent_id FROM folders WHERE id = '" + at + "'")
                    .get(0);
            out.addFirst((String) f.get("name"));
            at = (String) f.get("parent_id");
        }
        return out;
    }

    private static List<Object> names(String sql) throws Exception {
        return ClapshotSample.query(data, sql).stream()
                .map(r -> r.values().iterator().next())
                .toList();
    }

    @Test
    void theReportListsWhatWasNotMapped() throws Exception {
        assertTrue(first.out().contains("notes        created 25"), first.out());
        Path report;
        try (Stream<Path> files = Files.list(data.resolve("imports"))) {
            report = files.filter(p -> p.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
        }
        JsonNode doc = new ObjectMapper().readTree(report.toFile());
        assertEquals(25, doc.path("counts").path("notes").path("created").asInt());
        assertEquals(4, doc.path("counts").path("attachments").path("created").asInt());
        String text = doc.toString();
        assertEquals(1, doc.path("counts").path("subtitles").path("created").asInt());
        assertFalse(text.contains("subtitle track(s) not imported"), text);
        // Comments 21 and 22 were written while the subtitle was shown; that link does not come over.
        assertTrue(text.contains("2 note(s) were written while a Clapshot subtitle was shown"), text);
        assertTrue(text.contains("untimed in Clapshot: placed at frame 0"), text);
        assertTrue(text.contains("replied to comment 9"), text);
    }

    @Test
    void aSecondRunAddsNothing() throws Exception {
        long notesBefore = ClapshotSample.count(data, "SELECT COUNT(*) FROM notes");
        ClapshotSample.Run again = ClapshotSample.importInto(data);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("notes        created 0, already imported 25"), again.out());
        assertTrue(again.out().contains("media        created 0, already imported 5"), again.out());
        assertEquals(notesBefore, ClapshotSample.count(data, "SELECT COUNT(*) FROM notes"));
        assertEquals(5, ClapshotSample.count(data, "SELECT COUNT(*) FROM media_items"));
        assertEquals(4, ClapshotSample.count(data, "SELECT COUNT(*) FROM folders"));
        assertEquals(4, ClapshotSample.count(data, "SELECT COUNT(*) FROM note_attachments"));
        assertTrue(again.out().contains("subtitles    created 0, already imported 1"), again.out());
        assertEquals(1, ClapshotSample.count(data, "SELECT COUNT(*) FROM subtitle_tracks"));
    }

    @Test
    void theSubtitleBecomesTheDefaultSidecarTrackOfItsMedia() throws Exception {
        assertTrue(first.out().contains("subtitles    created 1"), first.out());
        List<Map<String, Object>> tracks = ClapshotSample.query(
                data,
                "SELECT t.source, t.language, t.label, t.is_default, t.codec, t.cue_count, t.stored_path"
                        + " FROM subtitle_tracks t JOIN import_ledger l ON l.target_id = t.media_id"
                        + " WHERE l.kind = 'media' AND l.source_id = '63221b58'");
        assertEquals(1, tracks.size(), tracks.toString());
        Map<String, Object> t = tracks.get(0);
        assertEquals("sidecar", t.get("source"));
        assertEquals("en", t.get("language"));
        assertEquals("Kickoff_meeting.en.srt", t.get("label"));
        assertEquals(1, ((Number) t.get("is_default")).intValue());
        assertEquals("subrip", t.get("codec"), "read from the original .srt");
        assertEquals(3, ((Number) t.get("cue_count")).intValue());
        String vtt = Files.readString(data.resolve((String) t.get("stored_path")));
        assertTrue(vtt.contains("00:00:00.500 --> 00:00:02.500"), vtt);
        assertTrue(vtt.contains("Welcome everyone to the kickoff."), vtt);
        assertTrue(vtt.contains("00:00:05.100 --> 00:00:07.900"), vtt);
        assertTrue(vtt.contains("Let's start with the timeline."), vtt);
        assertEquals(
                1,
                ClapshotSample.count(
                        data, "SELECT COUNT(*) FROM import_ledger WHERE kind = 'subtitle' AND source_id = '1'"));
    }

    @Test
    void theLibraryDatabaseIsTheOneServerDbNames(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("data");
        Path library = dir.resolve("elsewhere").resolve("library.db");
        ClapshotSample.Run run = ClapshotSample.importInto(folder, "--server-db", "sqlite:" + library);
        assertEquals(0, run.exit(), run.out() + run.err());
        assertFalse(Files.exists(folder.resolve("framewise.db")), "the data folder's own database is not made");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library);
                Statement st = c.createStatement();
                java.sql.ResultSet r = st.executeQuery("SELECT COUNT(*) FROM import_ledger WHERE kind = 'note'")) {
            assertTrue(r.next());
            assertEquals(25, r.getInt(1), "the notes' ledger is in the named database");
        }
        ClapshotSample.Run dry = ClapshotSample.importInto(folder, "--server-db", "sqlite:" + library, "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("notes        would create 0, already imported 25"), dry.out());
    }

    @Test
    void aDryRunWritesNothing(@TempDir Path empty) throws Exception {
        Path target = empty.resolve("server-data");
        ClapshotSample.Run dry = ClapshotSample.importInto(target, "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("notes        would create 25"), dry.out());
        assertTrue(dry.out().contains("attachments  would create 4"), dry.out());
        assertFalse(Files.exists(target), "a dry run creates no data folder");
        // On an imported folder it says everything is there, and changes nothing.
        // (On PostgreSQL the library has no file; the ledger is read through a read-only connection.)
        Path file = data.resolve("framewise.db");
        Long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : null;
        ClapshotSample.Run dryAgain = ClapshotSample.importInto(data, "--dry-run");
        assertTrue(dryAgain.out().contains("notes        would create 0, already imported 25"), dryAgain.out());
        if (modified != null) {
            assertEquals(modified, Files.getLastModifiedTime(file).toMillis());
        }
    }

    @Test
    void filesThatAreNoSupportedClapshotDatabaseAreRefusedClearly(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(
                dir.resolve("clapshot.sqlite"), "this is not a database at all, just text\n".repeat(50));
        ClapshotSample.Run notDb = ClapshotSample.cli(
                "import",
                "clapshot",
                "--db",
                text.toString(),
                "--data",
                ClapshotSample.VIDEOS.toString(),
                "--server-data",
                dir.resolve("d1").toString());
        assertEquals(2, notDb.exit());
        assertTrue(notDb.err().contains("is not a SQLite database"), notDb.err());

        Path other = dir.resolve("other.sqlite");
        sql(other, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)");
        ClapshotSample.Run notClapshot = ClapshotSample.cli(
                "import",
                "clapshot",
                "--db",
                other.toString(),
                "--data",
                ClapshotSample.VIDEOS.toString(),
                "--server-data",
                dir.resolve("d2").toString());
        assertEquals(2, notClapshot.exit());
        assertTrue(notClapshot.err().contains("is not a Clapshot database"), notClapshot.err());

        Path old = dir.resolve("old.sqlite");
        sql(
                old,
                "CREATE TABLE videos (id INTEGER PRIMARY KEY, video_hash TEXT, added_by_userid TEXT)",
                "CREATE TABLE comments (id INTEGER PRIMARY KEY, video_hash TEXT, username TEXT)");
        ClapshotSample.Run tooOld = ClapshotSample.cli(
                "import",
                "clapshot",
                "--db",
                old.toString(),
                "--data",
                ClapshotSample.VIDEOS.toString(),
                "--server-data",
                dir.resolve("d3").toString());
        assertEquals(2, tooOld.exit());
        assertTrue(tooOld.err().contains("Clapshot v0.5.x"), tooOld.err());

        ClapshotSample.Run missing = ClapshotSample.cli(
                "import",
                "clapshot",
                "--db",
                dir.resolve("nope.sqlite").toString(),
                "--data",
                ClapshotSample.VIDEOS.toString(),
                "--server-data",
                dir.resolve("d4").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no Clapshot database at"), missing.err());
        for (String d : List.of("d1", "d2", "d3", "d4")) {
            assertFalse(Files.exists(dir.resolve(d)), "a refused import writes nothing: " + d);
        }
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
