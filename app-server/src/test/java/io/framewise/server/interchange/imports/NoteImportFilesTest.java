package io.framewise.server.interchange.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.time.FrameRate;
import io.framewise.server.media.MediaItem;
import io.framewise.server.testing.NotesServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every EDL and marker file of the shared interchange test data, imported through the HTTP API into
 * a media item whose rate and start timecode match the file, gives the notes its SOURCES.md
 * describes: frames (from the timecodes), colours and texts.
 */
class NoteImportFilesTest {

    @TempDir
    static Path dir;

    static NotesServer server;

    @BeforeAll
    static void start() {
        server = new NotesServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** file, media rate, media start timecode, expected notes ("frame[-out] colour text"). */
    static Stream<Arguments> files() {
        return Stream.of(
                // 01:00:01:14 at 24 fps from 00:59:50:00 is frame 11 * 24 + 14.
                Arguments.of(
                        "edl/screening_example.edl",
                        "24",
                        "00:59:50:00",
                        List.of("278 red ANIM FIX NEEDED", "302 pink ANIM FIX NEEDED", "613 green Marker")),
                Arguments.of("edl/dissolve_test_3.edl", "24", "01:00:00:00", List.of()),
                Arguments.of("edl/wipe_test.edl", "24", "01:00:00:00", List.of()),
                Arguments.of("edl/speed_effects_small.edl", "24", "01:00:00:00", List.of()),
                Arguments.of("edl/25fps.edl", "25", "00:00:00:00", List.of()),
                Arguments.of("edl/edlgenius_cmx3600_dropframe.edl", "30000/1001", "01:00:00;00", List.of()),
                Arguments.of("edl/premiere_audio_dropframe_crlf.edl", "30000/1001", "00:00:00;00", List.of()),
                Arguments.of(
                        "edl/DD_509_LOCKED_VFX_LINK.edl",
                        "24",
                        "01:00:40:00",
                        List.of(
                                "120-584 - LOC: 00:00:01:00 YELLOW DD509_0010",
                                "664-761 - DD509_0020",
                                "903-1111 - DD509_0030")),
                Arguments.of(
                        "edl/SR_008_crlf_ctrlz.edl",
                        "24",
                        "01:03:30:00",
                        List.of("107 yellow MR1200", "193 yellow MR1200")),
                Arguments.of("edl/audio-follows-video.edl", "24", "00:00:00:00", List.of()),
                Arguments.of(
                        "edl/black_slug_avid1.edl",
                        "24",
                        "01:01:00:00",
                        List.of(
                                "277 yellow NE0001",
                                "338 yellow NE0002",
                                "371 yellow NE0003",
                                "456 yellow NE0004",
                                "528 yellow NE0005")),
                Arguments.of(
                        "edl/pycmx_test_edl_cdl.edl",
                        "24",
                        "01:00:00:00",
                        List.of("24 yellow DRA_001_0001", "72 yellow DRA_001_0002", "120 yellow DRA_001_0003")),
                Arguments.of("edl/pycmx_test_25.edl", "25", "00:00:00:00", List.of()),
                Arguments.of(
                        "edl/SR001_cr_only.edl",
                        "24",
                        "00:00:00:00",
                        List.of("67 yellow 039_KAK_0025_DRA_V0001 997 // 8-8 Match to edit")),
                Arguments.of(
                        "fcp7xml/premiere_example.xml",
                        "30",
                        "00:00:00:00",
                        List.of("113 - My MArker 1: so, this happened", "492 - dsf: fsfsfs", "298 - Marker")),
                Arguments.of("fcp7xml/empty_name_tags.xml", "24000/1001", "00:00:00:00", List.of()),
                Arguments.of("fcp7xml/Mark_P_XML_no_markers.xml", "30000/1001", "01:00:00;00", List.of()),
                // 00:00:29:14 .. :17 at 29.97 NDF from 00:00:00:00.
                Arguments.of(
                        "fcpxml/BasicMarkers.fcpxml",
                        "30000/1001",
                        "00:00:00:00",
                        List.of(
                                "884 blue Standard Marker: some notes here",
                                "885 red To Do Marker, Incomplete: more notes here",
                                "886 green To Do Marker, Completed: notes yay",
                                "887 orange Chapter Marker")),
                // 01:00:04:15, 01:00:15:00, 01:00:27:00.
                Arguments.of(
                        "fcpxml/TwoClipsMarkers.fcpxml",
                        "30000/1001",
                        "01:00:00:00",
                        List.of("135 blue Marker 1", "450 blue Marker 2", "810 blue Marker 3")),
                // 01:00:13:00, 01:00:18:00, 01:00:27:10 at 25.
                Arguments.of(
                        "fcpxml/Annotations.fcpxml",
                        "25",
                        "01:00:00:00",
                        List.of("325 blue Marker 1", "450 blue Marker 2", "685 blue Marker 3: m3 notes")),
                Arguments.of(
                        "otio/premiere_example.otio",
                        "30",
                        "00:00:00:00",
                        List.of(
                                "113 red My MArker 1: so, this happened",
                                "492 red dsf: fsfsfs",
                                "298 red Marker",
                                "395 red Marker")),
                // The same three locators as the EDL it was converted from.
                Arguments.of(
                        "otio/screening_example.otio",
                        "24",
                        "00:59:50:00",
                        List.of("278 red ANIM FIX NEEDED", "302 pink ANIM FIX NEEDED", "613 green Marker")),
                // global_start_time is 100 frames: 00:00:04:04 at 24.
                Arguments.of(
                        "otio/toucan_Markers.otio",
                        "24",
                        "00:00:00:00",
                        List.of(
                                "100-109 green Stack Marker",
                                "100-104 orange Track Marker 0",
                                "104-109 yellow Track Marker 1",
                                "100 red Letter_A Marker",
                                "103-106 green Gap Marker",
                                "106-108 blue Letter_C Marker 0",
                                "107-109 purple Letter_C Marker 1")),
                // A marker at 25 of rate 24 on a 25 fps clip: 1.0417 s, frame 26.
                Arguments.of(
                        "otio/ayon_resolve_clip_qt_review.json", "25", "00:00:00:00", List.of("26 green AyonData")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void importsTheDocumentedNotes(String file, String rate, String start, List<String> expected) throws Exception {
        MediaItem media = server.readyMedia(200_000, FrameRate.parse(rate), start, start.contains(";"));
        byte[] body = Files.readAllBytes(ImportFiles.file(file));

        JsonNode answer = ImportFiles.ok(ImportFiles.post(server, media.id(), "", body, "application/octet-stream"));

        assertEquals(expected, ImportFiles.summary(answer.get("notes")), file);
        assertEquals(expected.size(), answer.get("created").asInt());
        assertEquals(0, answer.get("existing").asInt());
        // What the answer says was written is what the notes list shows.
        JsonNode listed = NotesServer.json(server.get("/api/media/" + media.id() + "/comments"));
        assertEquals(
                expected.stream().sorted().toList(),
                ImportFiles.summary(listed.get("items")).stream().sorted().toList());
    }

    @Test
    void everyFileOfTheTestDataIsCovered() throws Exception {
        List<String> covered = files().map(a -> (String) a.get()[0]).sorted().toList();
        Path root = ImportFiles.file("");
        try (Stream<Path> all = Files.walk(root)) {
            List<String> present = all.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.matches("(edl|fcp7xml|otio)/.*") || p.startsWith("fcpxml/"))
                    .filter(p -> !p.equals("fcpxml/29.97d.fcpxml") && !p.equals("fcpxml/fcpx_example.fcpxml"))
                    .sorted()
                    .toList();
            assertEquals(present, covered);
        }
    }

    @Test
    void dropFrameFcpxmlPlacesItsTwentyTimelineMarkersAndNotTheCompoundClipsOwn() throws Exception {
        MediaItem media = server.readyMedia(10_000, FrameRate.FPS_29_97, "00:00:00;00", true);
        JsonNode answer = ImportFiles.ok(ImportFiles.post(
                server, media.id(), "", Files.readAllBytes(ImportFiles.file("fcpxml/29.97d.fcpxml")), null));
        List<String> notes = ImportFiles.summary(answer.get("notes"));
        assertEquals(20, notes.size());
        assertEquals(0, notes.stream().filter(n -> n.contains("INSIDE")).count());
        // A marker of the secondary storyline (lane 1) inside the fifth clip, and one on a clip.
        assertEquals(true, notes.contains("444 blue Marker 13"), notes.toString());
        assertEquals(true, notes.contains("44 blue Marker 2"), notes.toString());
    }

    @Test
    void aLibraryThatHoldsItsProjectTwiceGivesEachMarkerOnce() throws Exception {
        MediaItem media = server.readyMedia(10_000, FrameRate.FPS_30, "00:00:00:00", false);
        JsonNode answer = ImportFiles.ok(ImportFiles.post(
                server, media.id(), "", Files.readAllBytes(ImportFiles.file("fcpxml/fcpx_example.fcpxml")), null));
        assertEquals(
                List.of(
                        "180 blue Marker 1",
                        "660 red Marker 5",
                        "841 blue Marker 2",
                        "1096 blue Marker 9",
                        "1151 blue Marker 3",
                        "1937 blue Marker 4",
                        "2400 green Marker 7",
                        "2714 blue Marker 8"),
                ImportFiles.summary(answer.get("notes")));
        assertEquals(8, answer.get("skipped").size());
        for (JsonNode s : answer.get("skipped")) {
            assertEquals(true, s.get("reason").asText().startsWith("the same note as line"), s.toString());
        }
    }
}
