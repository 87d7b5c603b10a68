package io.framewise.server.access;

import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interchange routes as an attacker tries them: a page on another site posting a plain-text EDL
 * or subtitle file with an editor's credentials, a viewer importing or uploading, an outsider
 * reading the notes out as markers or a report. Nothing is stored by a refused attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterchangeAttackTest {

    private static final String EDL = "TITLE: x\nFCM: DROP FRAME\n"
            + "001  AX       V     C        00:00:00:00 00:00:04:00 01:00:00;00 01:00:04;00\n"
            + "* LOC: 01:00:01;00 RED     planted note\n";
    private static final String SRT = "1\n00:00:01,000 --> 00:00:02,000\nplanted cue\n";
    private static final Map<String, String> OTHER_SITE =
            Map.of("Content-Type", "text/plain", "Origin", "https://attacker.example");

    private AccessWorld world;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private int notes() throws Exception {
        return AccessWorld.json(world.call(EDITOR, "GET", "/api/media/" + world.mediaId + "/comments", null), 200)
                .path("items")
                .size();
    }

    private int tracks() throws Exception {
        return AccessWorld.json(world.call(EDITOR, "GET", "/api/media/" + world.mediaId + "/subtitles", null), 200)
                .size();
    }

    @Test
    void anotherSitesPlainTextPostsAreRefusedAndStoreNothing() throws Exception {
        int before = notes();
        HttpResponse<String> edl = world.call(EDITOR, "POST", "/api/media/" + world.mediaId + "/edl", EDL, OTHER_SITE);
        assertEquals(403, edl.statusCode(), edl.body());
        assertEquals(before, notes(), "no note was planted");

        int tracksBefore = tracks();
        HttpResponse<String> srt =
                world.call(EDITOR, "POST", "/api/media/" + world.mediaId + "/subtitles?language=en", SRT, OTHER_SITE);
        assertEquals(403, srt.statusCode(), srt.body());
        assertEquals(tracksBefore, tracks(), "no subtitle track was planted");
    }

    @Test
    void aViewerMayReadTheNotesOutButNotWriteThemIn() throws Exception {
        int before = notes();
        Map<String, String> plain = Map.of("Content-Type", "text/plain");
        assertEquals(
                403,
                world.call(VIEWER, "POST", "/api/media/" + world.mediaId + "/edl", EDL, plain)
                        .statusCode());
        assertEquals(
                403,
                world.call(VIEWER, "POST", "/api/media/" + world.mediaId + "/subtitles?language=en", SRT, plain)
                        .statusCode());
        assertEquals(before, notes());
        assertEquals(
                200,
                world.call(VIEWER, "GET", "/api/media/" + world.mediaId + "/markers?format=csv", null)
                        .statusCode());
        assertEquals(
                200,
                world.call(VIEWER, "GET", "/api/media/" + world.mediaId + "/report.pdf", null)
                        .statusCode());
    }

    @Test
    void anOutsiderLearnsNothingOfAnotherProjectsMedia() throws Exception {
        for (String path : new String[] {
            "/api/media/" + world.mediaId + "/markers?format=otio",
            "/api/media/" + world.mediaId + "/report.pdf",
            "/api/media/" + world.mediaId + "/subtitles",
            "/api/media/" + world.mediaId + "/subtitles/search?q=a"
        }) {
            assertEquals(404, world.call(OUTSIDER, "GET", path, null).statusCode(), path);
        }
        assertEquals(
                404,
                world.call(
                                OUTSIDER,
                                "POST",
                                "/api/media/" + world.mediaId + "/edl?dryRun=true",
                                EDL,
                                Map.of("Content-Type", "text/plain"))
                        .statusCode());
    }
}
