package io.framewise.server.markers;

import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.model.time.FrameRate;
import io.framewise.model.time.Timecode;
import io.framewise.server.media.ProbeSummary;
import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/media/{id}/markers} on a real server: the project's media is a real 29.97
 * drop-frame file starting at 01:00:00;00 (probed by FFmpeg), notes are written through the API,
 * and each export is read back to the notes' frames; filters, names and types; a 25 fps media item
 * from 10:00:00:00.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkersApiTest {

    private AccessWorld world;
    private String first;
    private String second;
    private String third;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        first = note(EDITOR, "{\"text\":\"Grade looks off\",\"frame\":3}");
        second = note(REVIEWER, "{\"text\":\"Boom in shot\",\"frame\":40,\"frameOut\":61}");
        third = note(EDITOR, "{\"text\":\"=1+1 lower third\",\"frame\":120}");
        note(REVIEWER, "{\"text\":\"Agreed, fixing\",\"parentId\":\"" + first + "\"}");
        AccessWorld.json(world.call(EDITOR, "PATCH", "/api/comments/" + second, "{\"resolved\":true}"), 200);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private String note(AccessWorld.Who who, String body) throws Exception {
        return AccessWorld.json(world.call(who, "POST", "/api/media/" + world.mediaId + "/comments", body), 201)
                .get("id")
                .asText();
    }

    private HttpResponse<String> export(AccessWorld.Who who, String query) throws Exception {
        return world.call(who, "GET", "/api/media/" + world.mediaId + "/markers?" + query, null);
    }

    /** Record-in frames of a Resolve marker EDL, read by its fixed columns. */
    private static List<Long> resolveFrames(String edl, Timecode start, FrameRate rate) {
        List<Long> frames = new ArrayList<>();
        for (String line : edl.split("\r\n")) {
            if (line.matches("\\d{3}  .*")) {
                frames.add(Timecode.indexOf(Timecode.parse(line.substring(53, 64)), start, rate));
            }
        }
        return frames;
    }

    @Test
    void theRealDropFrameMediasNotesComeBackOnTheirFramesInEveryFormat() throws Exception {
        JsonNode media = AccessWorld.json(world.call(EDITOR, "GET", "/api/media/" + world.mediaId, null), 200);
        assertEquals("01:00:00;00", media.path("startTimecode").asText(), media.toString());
        assertTrue(media.path("dropFrame").asBoolean());
        Timecode start = Timecode.parse("01:00:00;00");

        HttpResponse<String> edl = export(EDITOR, "format=resolve-edl");
        assertEquals(200, edl.statusCode(), edl.body());
        assertEquals(List.of(3L, 40L, 120L), resolveFrames(edl.body(), start, FrameRate.FPS_29_97));
        assertTrue(edl.body().contains("FCM: DROP FRAME"));
        assertTrue(edl.body().contains("01:00:00;03 01:00:00;04 01:00:00;03 01:00:00;04"), edl.body());
        assertTrue(
                edl.body().contains("Grade looks off // reviewer: Agreed, fixing |C:ResolveColorBlue |M:editor |D:1"),
                edl.body());
        assertTrue(edl.body().contains("[resolved] Boom in shot |C:ResolveColorBlue |M:reviewer |D:21"), edl.body());
        String disposition = edl.headers().firstValue("Content-Disposition").orElseThrow();
        assertTrue(disposition.startsWith("attachment; filename=\"h264-2997-df_resolve_markers.edl\""), disposition);
        assertTrue(edl.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertEquals(
                "private, no-store", edl.headers().firstValue("Cache-Control").orElseThrow());

        HttpResponse<String> avid = export(EDITOR, "format=avid");
        assertEquals(200, avid.statusCode());
        assertEquals(
                "editor\t01:00:00;03\tV1\tred\tGrade looks off // reviewer: Agreed, fixing\t1",
                avid.body().split("\n")[0]);

        HttpResponse<String> loc = export(EDITOR, "format=avid-edl");
        assertTrue(
                loc.body().contains("* LOC: 01:00:01;10 RED     [resolved] Boom in shot [to 01:00:02;01]\r\n"),
                loc.body());

        HttpResponse<String> fcp7 = export(EDITOR, "format=fcp7");
        assertTrue(fcp7.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"));
        assertTrue(fcp7.body().contains("<in>40</in>") && fcp7.body().contains("<out>61</out>"), fcp7.body());
        assertTrue(fcp7.body().contains("<string>01:00:00;00</string>"));

        HttpResponse<String> fcpxml = export(EDITOR, "format=fcpxml");
        assertTrue(fcpxml.body().contains("tcFormat=\"DF\""));
        assertTrue(
                fcpxml.headers().firstValue("Content-Disposition").orElseThrow().contains("_markers.fcpxml"));

        JsonNode otio = AccessWorld.JSON.readTree(export(EDITOR, "format=otio").body());
        JsonNode markers = otio.path("tracks")
                .path("children")
                .get(0)
                .path("children")
                .get(0)
                .path("markers");
        assertEquals(3, markers.size());
        assertEquals(
                107_892 + 120,
                markers.get(2)
                        .path("marked_range")
                        .path("start_time")
                        .path("value")
                        .asLong());

        HttpResponse<byte[]> premiere = bytes("format=premiere-csv");
        String list = new String(premiere.body(), 2, premiere.body().length - 2, StandardCharsets.UTF_16LE);
        assertTrue(
                list.contains(
                        "editor\tGrade looks off // reviewer: Agreed, fixing\t01;00;00;03\t01;00;00;03\t00;00;00;00\tComment"),
                list);

        HttpResponse<String> csv = export(EDITOR, "format=csv");
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().contains("\"'=1+1 lower third\""), "formula neutralised: " + csv.body());
    }

    private HttpResponse<byte[]> bytes(String query) throws Exception {
        var request =
                java.net.http.HttpRequest.newBuilder(world.uri("/api/media/" + world.mediaId + "/markers?" + query));
        world.credentials(EDITOR).forEach(request::header);
        HttpResponse<byte[]> r = AccessWorld.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals((byte) 0xFF, r.body()[0]);
        assertEquals((byte) 0xFE, r.body()[1]);
        return r;
    }

    @Test
    void filtersChooseThreadsByStatusAuthorAndFrames() throws Exception {
        Timecode start = Timecode.parse("01:00:00;00");
        FrameRate rate = FrameRate.FPS_29_97;
        assertEquals(
                List.of(3L, 120L),
                resolveFrames(export(EDITOR, "format=resolve-edl&status=open").body(), start, rate));
        assertEquals(
                List.of(40L),
                resolveFrames(
                        export(EDITOR, "format=resolve-edl&status=resolved").body(), start, rate));
        String reviewer = world.userIds.get(REVIEWER);
        String editor = world.userIds.get(EDITOR);
        assertEquals(
                List.of(40L),
                resolveFrames(
                        export(EDITOR, "format=resolve-edl&author=" + reviewer).body(), start, rate),
                "a reply by the reviewer does not make the editor's thread theirs");
        assertEquals(
                List.of(3L, 40L, 120L),
                resolveFrames(
                        export(EDITOR, "format=resolve-edl&author=" + reviewer + "&author=" + editor)
                                .body(),
                        start,
                        rate));
        // A range note counts where it reaches: 40..60 reaches 50, and 3 and 120 are outside 50..100.
        assertEquals(
                List.of(40L),
                resolveFrames(
                        export(EDITOR, "format=resolve-edl&from=50&to=100").body(), start, rate));
        assertEquals(
                List.of(3L, 40L),
                resolveFrames(export(EDITOR, "format=resolve-edl&to=40").body(), start, rate));
        assertEquals(
                List.of(),
                resolveFrames(
                        export(EDITOR, "format=resolve-edl&from=61&to=119").body(), start, rate));
        assertEquals(
                List.of(120L),
                resolveFrames(
                        export(EDITOR, "format=resolve-edl&from=61&status=open").body(), start, rate));
    }

    @Test
    void aViewerExportsWhatTheyMayRead() throws Exception {
        HttpResponse<String> r = export(VIEWER, "format=csv&status=all");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Boom in shot"));
    }

    @Test
    void aTwentyFiveFrameMediaItemFromTenHoursExportsOnItsOwnLabels() throws Exception {
        String id = world.readyUnfiledMedia(EDITOR, 5000);
        world.server
                .repositories()
                .media()
                .setProbe(
                        id,
                        new ProbeSummary(
                                5000, FrameRate.FPS_25, "10:00:00:00", false, 640, 360, 200_000_000L, false, "{}"));
        AccessWorld.json(
                world.call(
                        EDITOR, "POST", "/api/media/" + id + "/comments", "{\"text\":\"one second in\",\"frame\":25}"),
                201);
        HttpResponse<String> r = world.call(EDITOR, "GET", "/api/media/" + id + "/markers?format=resolve-edl", null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("FCM: NON-DROP FRAME"));
        assertTrue(
                r.body().contains("001  001      V     C        10:00:01:00 10:00:01:01 10:00:01:00 10:00:01:01  "),
                r.body());
        assertEquals(List.of(25L), resolveFrames(r.body(), Timecode.parse("10:00:00:00"), FrameRate.FPS_25));
    }
}
