package io.framewise.server.access;

import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack filed against media filing, performed against a real server: a viewer of a project
 * opens their home (where they are owner), files the project's media into it, and would then be
 * its owner and delete it with its notes. Each test fails if the attack works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaFilingAttackTest {

    private AccessWorld world;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void aViewerCannotFileTheProjectsMediaIntoTheirHomeAndDeleteIt() throws Exception {
        String note = world.reviewerNote();
        // Bob, a viewer of the project, opens his home: he is its owner.
        HttpResponse<String> opened = world.call(VIEWER, "GET", "/api/folders?path=/home", null);
        assertEquals(200, opened.statusCode(), opened.body());
        String home = world.home(VIEWER);

        HttpResponse<String> filed = world.call(
                VIEWER,
                "POST",
                "/api/assets",
                "{\"projectId\":\"" + home + "\",\"title\":\"x\",\"mediaId\":\"" + world.mediaId + "\"}");
        assertEquals(403, filed.statusCode(), "filing the project's media into a home: " + filed.body());
        HttpResponse<String> deleted = world.call(VIEWER, "DELETE", "/api/media/" + world.mediaId, null);
        assertEquals(403, deleted.statusCode(), "a viewer deleting the project's media: " + deleted.body());

        assertTheProjectKeepsItsMediaAndNotes(note);
        assertEquals(
                0,
                AccessWorld.json(world.call(VIEWER, "GET", "/api/folders?path=/home", null), 200)
                        .get("assets")
                        .size(),
                "nothing was filed into the viewer's home");
        assertTrue(
                deniedInTheAudit("media_file"),
                "the refused filing is in the audit log as access.denied on media_file");
    }

    @Test
    void aViewerCannotAddTheProjectsMediaAsAVersionOfTheirOwnAsset() throws Exception {
        String note = world.reviewerNote();
        String home = world.home(VIEWER);
        // An asset of his own in his home, from a fresh upload of his own: that part is allowed.
        String upload = world.unfiledMedia(VIEWER);
        String own = AccessWorld.json(world.file(VIEWER, home, upload), 201)
                .get("id")
                .asText();

        HttpResponse<String> added = world.call(
                VIEWER, "POST", "/api/assets/" + own + "/versions", "{\"mediaId\":\"" + world.mediaId + "\"}");
        assertEquals(403, added.statusCode(), "the project's media as a version in a home: " + added.body());
        assertEquals(
                403,
                world.call(VIEWER, "DELETE", "/api/media/" + world.mediaId, null)
                        .statusCode());

        JsonNode versions = AccessWorld.json(world.call(VIEWER, "GET", "/api/assets/" + own, null), 200)
                .get("versions");
        assertEquals(1, versions.size(), versions.toString());
        assertEquals(upload, versions.get(0).get("mediaId").asText());
        assertTheProjectKeepsItsMediaAndNotes(note);
    }

    @Test
    void anOutsiderLearnsNothingFromFilingIdsTheyCannotSee() throws Exception {
        String home = world.home(OUTSIDER);
        String nothing = "AAAAAAAAAAAAAAAAAAAAAA";
        // The project's media and a media id that names nothing answer alike.
        HttpResponse<String> real = world.file(OUTSIDER, home, world.mediaId);
        HttpResponse<String> none = world.file(OUTSIDER, home, nothing);
        assertEquals(422, real.statusCode(), real.body());
        assertEquals(422, none.statusCode(), none.body());
        assertEquals(
                message(none).replace(nothing, world.mediaId),
                message(real),
                "the same words for a hidden media item and for none");
        // Likewise the project: an existing one they are not in, and none at all.
        HttpResponse<String> project = world.file(OUTSIDER, world.projectId, world.unfiledMedia(OUTSIDER));
        HttpResponse<String> noProject = world.file(OUTSIDER, nothing, world.unfiledMedia(OUTSIDER));
        assertEquals(422, project.statusCode(), project.body());
        assertEquals(422, noProject.statusCode(), noProject.body());
        assertEquals(message(noProject).replace(nothing, world.projectId), message(project));
    }

    @Test
    void anEditorOfTheProjectCannotFileItsMediaASecondTime() throws Exception {
        // Rights over where the media is and where it goes do not make a second filing: a media item
        // is a version of one asset, so the role on it is the role in its one project.
        String home = world.home(EDITOR);
        HttpResponse<String> again = world.file(EDITOR, home, world.mediaId);
        assertEquals(409, again.statusCode(), again.body());
        HttpResponse<String> sameProject = world.file(EDITOR, world.projectId, world.mediaId);
        assertEquals(409, sameProject.statusCode(), sameProject.body());
        HttpResponse<String> version = world.call(
                EDITOR,
                "POST",
                "/api/assets/" + world.assetId + "/versions",
                "{\"mediaId\":\"" + world.mediaId + "\"}");
        assertEquals(409, version.statusCode(), version.body());
        assertEquals(
                1,
                AccessWorld.json(world.call(EDITOR, "GET", "/api/assets/" + world.assetId, null), 200)
                        .get("versions")
                        .size());
        // The refused filing left no empty asset behind in the home.
        assertEquals(
                0,
                AccessWorld.json(world.call(EDITOR, "GET", "/api/folders?path=/home", null), 200)
                        .get("assets")
                        .size());
    }

    @Test
    void anUploaderFilesTheirFreshUploadWhereTheyAreEditor() throws Exception {
        // The normal flow of the web UI and the desktop app: upload, then file into the project.
        String upload = world.upload(EDITOR, TestMedia.get(TestMedia.Variant.H264_2997_DF));
        HttpResponse<String> filed = world.file(EDITOR, world.projectId, upload);
        assertEquals(201, filed.statusCode(), filed.body());
        String asset = AccessWorld.json(filed, 201).get("id").asText();
        // Now it is the project's: its members see it, its uploader (an editor) may delete it.
        assertEquals(
                200, world.call(VIEWER, "GET", "/api/media/" + upload, null).statusCode());
        assertEquals(
                403, world.call(VIEWER, "DELETE", "/api/media/" + upload, null).statusCode());
        assertEquals(
                204, world.call(EDITOR, "DELETE", "/api/media/" + upload, null).statusCode());
        assertEquals(
                0,
                AccessWorld.json(world.call(EDITOR, "GET", "/api/assets/" + asset, null), 200)
                        .get("versions")
                        .size());
    }

    @Test
    void movingTheProjectsAssetIntoAHomeThroughTheFoldersOrganizerFails() throws Exception {
        String note = world.reviewerNote();
        world.home(VIEWER);
        world.home(EDITOR);
        world.home(OUTSIDER);
        List<String> wrong = new ArrayList<>();
        // A viewer sees the asset but may not organise where it is; an outsider does not see it; an
        // editor may organise both places, but an asset never leaves its project.
        for (Map.Entry<Who, Integer> e :
                Map.of(VIEWER, 403, OUTSIDER, 404, EDITOR, 422, REVIEWER, 403).entrySet()) {
            HttpResponse<String> moved = world.call(
                    e.getKey(),
                    "POST",
                    "/api/actions",
                    "{\"organizer\":\"folders\",\"action\":\"move-asset\",\"path\":\"/home\","
                            + "\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},"
                            + "\"parameters\":{\"folderPath\":\"/home\"}}");
            if (moved.statusCode() != e.getValue()) {
                wrong.add(
                        e.getKey() + ": expected " + e.getValue() + ", got " + moved.statusCode() + " " + moved.body());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // The outsider's refusal is the one a made-up asset id gets.
        HttpResponse<String> madeUp = world.call(
                OUTSIDER,
                "POST",
                "/api/actions",
                "{\"organizer\":\"folders\",\"action\":\"move-asset\",\"path\":\"/home\","
                        + "\"target\":{\"type\":\"asset\",\"id\":\"AAAAAAAAAAAAAAAAAAAAAA\"},"
                        + "\"parameters\":{\"folderPath\":\"/home\"}}");
        assertEquals(404, madeUp.statusCode(), madeUp.body());

        JsonNode asset = AccessWorld.json(world.call(VIEWER, "GET", "/api/assets/" + world.assetId, null), 200);
        assertEquals(world.projectId, asset.get("projectId").asText());
        assertEquals(
                403,
                world.call(VIEWER, "DELETE", "/api/media/" + world.mediaId, null)
                        .statusCode());
        assertTheProjectKeepsItsMediaAndNotes(note);
    }

    private void assertTheProjectKeepsItsMediaAndNotes(String note) throws Exception {
        assertEquals(
                200,
                world.call(EDITOR, "GET", "/api/media/" + world.mediaId, null).statusCode());
        JsonNode asset = AccessWorld.json(world.call(EDITOR, "GET", "/api/assets/" + world.assetId, null), 200);
        assertEquals(world.projectId, asset.get("projectId").asText());
        assertEquals(world.mediaId, asset.at("/versions/0/mediaId").asText());
        boolean found = false;
        for (JsonNode n : AccessWorld.json(
                        world.call(EDITOR, "GET", "/api/media/" + world.mediaId + "/comments", null), 200)
                .get("items")) {
            found |= n.get("id").asText().equals(note);
        }
        assertTrue(found, "the reviewer's note is still on the project's media");
    }

    private boolean deniedInTheAudit(String action) throws Exception {
        JsonNode entries = AccessWorld.json(
                world.call(Who.ADMIN, "GET", "/api/admin/audit?action=access.denied&limit=100", null), 200);
        for (JsonNode entry : entries) {
            if (entry.toString().contains(action) && entry.toString().contains(world.mediaId)) {
                return true;
            }
        }
        return false;
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return AccessWorld.JSON
                .readTree(response.body())
                .path("error")
                .path("message")
                .asText();
    }
}
