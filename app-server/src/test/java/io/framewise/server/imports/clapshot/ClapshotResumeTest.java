package io.framewise.server.imports.clapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import that could not finish continues on the next run: the first run sees a videos folder where
 * one media file's folder is missing (and another's drawings), the second the whole sample; together
 * they bring everything over once. The sample is only linked to, never copied or changed.
 */
class ClapshotResumeTest {

    @Test
    void aSecondRunContinuesWhereTheFirstCouldNotGoOn(@TempDir Path dir) throws Exception {
        Path partial = Files.createDirectories(dir.resolve("videos"));
        for (String media : List.of("4de9621a", "b49222b4", "63221b58")) {
            Files.createSymbolicLink(partial.resolve(media), ClapshotSample.VIDEOS.resolve(media));
        }
        // The teaser's original is there, its drawings folder (comment 3's drawing) is not.
        Files.createSymbolicLink(
                Files.createDirectories(partial.resolve("0dad9c74")).resolve("orig"),
                ClapshotSample.VIDEOS.resolve("0dad9c74/orig"));
        Path data = dir.resolve("server-data");

        ClapshotSample.Run first = ClapshotSample.cli(
                "import",
                "clapshot",
                "--db",
                ClapshotSample.DB.toString(),
                "--data",
                partial.toString(),
                "--server-data",
                data.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("media        created 4, already imported 0, not mapped 1"), first.out());
        // The drone clip (dababc11) has comments 12 to 16.
        assertTrue(first.out().contains("notes        created 20, already imported 0, not mapped 5"), first.out());
        assertTrue(first.out().contains("media dababc11: its original file is missing"), first.out());
        assertEquals(20, ClapshotSample.count(data, "SELECT COUNT(*) FROM notes"));
        // Comment 3 came over without its drawing (missing), comment 12's is on the drone clip.
        assertTrue(first.out().contains("attachments  created 2, already imported 0, not mapped 1"), first.out());
        assertTrue(first.out().contains("drawing 3: drawing file 'd4ed1af1e3c41325.webp' is missing"), first.out());
        assertTrue(first.out().contains("subtitles    created 1, already imported 0"), first.out());

        ClapshotSample.Run second = ClapshotSample.importInto(data);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("media        created 1, already imported 4"), second.out());
        assertTrue(second.out().contains("notes        created 5, already imported 20"), second.out());
        assertTrue(second.out().contains("folders      created 0, already imported 4"), second.out());
        // Comment 3's drawing is attached to the note the first run made; 12's comes with its note.
        assertTrue(second.out().contains("attachments  created 2, already imported 2"), second.out());
        assertTrue(second.out().contains("subtitles    created 0, already imported 1"), second.out());
        assertEquals(1, ClapshotSample.count(data, "SELECT COUNT(*) FROM subtitle_tracks"));
        assertEquals(
                1,
                ClapshotSample.count(
                        data,
                        "SELECT COUNT(*) FROM note_attachments a JOIN import_ledger l"
                                + " ON l.target_id = a.note_id WHERE l.kind = 'note' AND l.source_id = '3'"));
        assertEquals(25, ClapshotSample.count(data, "SELECT COUNT(*) FROM notes"));
        assertEquals(5, ClapshotSample.count(data, "SELECT COUNT(*) FROM media_items"));
        assertEquals(4, ClapshotSample.count(data, "SELECT COUNT(*) FROM note_attachments"));
        assertEquals(3, ClapshotSample.count(data, "SELECT COUNT(*) FROM home_projects"));
        // The drone clip landed in its folder, Drone / Finals, in bob.k's home.
        assertEquals(
                "Finals",
                ClapshotSample.query(
                                data,
                                "SELECT f.name FROM assets a JOIN folders f ON f.id = a.folder_id"
                                        + " WHERE a.title = 'Drone flyover (final grade)'")
                        .get(0)
                        .get("name"));
    }

    @Test
    void aSubtitleWhoseOriginalIsGoneComesFromClapshotsWebVtt(@TempDir Path dir) throws Exception {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        Path kickoff = ClapshotSample.VIDEOS.resolve("63221b58");
        Path media = Files.createDirectories(videos.resolve("63221b58"));
        Files.createSymbolicLink(media.resolve("orig"), kickoff.resolve("orig"));
        Files.createSymbolicLink(
                Files.createDirectories(media.resolve("subs")).resolve("Kickoff_meeting.en.vtt"),
                kickoff.resolve("subs/Kickoff_meeting.en.vtt"));
        Path data = dir.resolve("server-data");

        ClapshotSample.Run run = ClapshotSample.cli(
                "import",
                "clapshot",
                "--db",
                ClapshotSample.DB.toString(),
                "--data",
                videos.toString(),
                "--server-data",
                data.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("subtitles    created 1, already imported 0"), run.out());
        assertTrue(
                run.out().contains("taken from Kickoff_meeting.en.vtt (Kickoff_meeting.en.srt: missing)"), run.out());
        var track = ClapshotSample.query(
                        data, "SELECT codec, language, is_default, cue_count, stored_path FROM subtitle_tracks")
                .get(0);
        assertEquals("webvtt", track.get("codec"));
        assertEquals("en", track.get("language"));
        assertEquals(1, ((Number) track.get("is_default")).intValue());
        assertEquals(3, ((Number) track.get("cue_count")).intValue());
        String vtt = Files.readString(data.resolve((String) track.get("stored_path")));
        assertTrue(vtt.contains("00:00:02.600 --> 00:00:05.000"), vtt);
        assertTrue(vtt.contains("You should recieve the brief today."), vtt);
    }
}
