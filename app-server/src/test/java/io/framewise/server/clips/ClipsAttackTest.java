package io.framewise.server.clips;

import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.server.access.ProjectRole;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/media/{id}/clips} and {@code GET /api/media/{id}/download} attacked: a clip is a
 * copy of the source's frames filed somewhere, so the attacks try to file the project's frames where
 * the attacker owns them, or to file into a project the attacker may not write, through the ids in
 * the body; and a page on another site tries to cut through a signed-in browser. Each test fails if
 * the attack works, and checks that nothing was made.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipsAttackTest {

    private static final String EVIL = "http://evil.example";

    private AccessWorld world;
    /** The outsider's own project, and an asset in it (a stand-in media item). */
    private String outsidersProject;

    private String outsidersAsset;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
        outsidersProject = world.home(OUTSIDER);
        outsidersAsset = asset(OUTSIDER, outsidersProject);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    /** A new asset of {@code who} in {@code projectId}, from a stand-in upload of theirs. */
    private String asset(Who who, String projectId) throws Exception {
        return AccessWorld.json(world.file(who, projectId, world.readyUnfiledMedia(who, 50)), 201)
                .get("id")
                .asText();
    }

    private HttpResponse<String> clip(Who who, String body, Map<String, String> headers) throws Exception {
        return world.call(who, "POST", "/api/media/" + world.mediaId + "/clips", body, headers);
    }

    private HttpResponse<String> clip(Who who, String body) throws Exception {
        return clip(who, body, Map.of());
    }

    private static String body(String extra) {
        return "{\"in\":0,\"out\":10,\"mode\":\"copy\"" + extra + "}";
    }

    private int versions(String assetId) throws Exception {
        return AccessWorld.json(world.call(Who.ADMIN, "GET", "/api/assets/" + assetId, null), 200)
                .get("versions")
                .size();
    }

    private long mediaItems() {
        return world.server.repositories().media().count();
    }

    private static String field(HttpResponse<String> r) throws Exception {
        return AccessWorld.JSON
                .readTree(r.body())
                .path("error")
                .path("details")
                .path("field")
                .asText();
    }

    @Test
    void aViewerCannotCutTheProjectsMediaIntoAnAssetOfTheirOwn() throws Exception {
        // The viewer owns their home: as a version of an asset there, the clip would be theirs.
        String home = world.home(VIEWER);
        String own = asset(VIEWER, home);
        long before = mediaItems();

        HttpResponse<String> r = clip(VIEWER, body(",\"asVersionOf\":\"" + own + "\",\"copyNotes\":true"));
        assertEquals(403, r.statusCode(), "a viewer's clip into their home: " + r.body());
        assertEquals(1, versions(own), "nothing was added to the viewer's asset");
        assertEquals(before, mediaItems(), "no clip item was made");
    }

    @Test
    void anOutsiderCannotCutTheProjectsMediaNorLearnItExists() throws Exception {
        long before = mediaItems();
        HttpResponse<String> r = clip(OUTSIDER, body(",\"asVersionOf\":\"" + outsidersAsset + "\""));
        assertEquals(404, r.statusCode(), "an outsider's clip of the project's media: " + r.body());
        assertEquals(1, versions(outsidersAsset));
        assertEquals(before, mediaItems());

        assertEquals(
                404,
                world.call(OUTSIDER, "GET", "/api/media/" + world.mediaId + "/download", null)
                        .statusCode());
        assertEquals(
                404,
                world.call(OUTSIDER, "GET", "/api/media/" + world.mediaId + "/download?rendition=proxy", null)
                        .statusCode());
    }

    @Test
    void anEditorCannotFileAClipIntoAnAssetTheyCannotSeeOrOnlyView() throws Exception {
        // An asset of a project where the editor is only a viewer.
        String project = world.home(Who.OWNER);
        String viewed = asset(Who.OWNER, project);
        world.server.repositories().members().put(project, world.userIds.get(EDITOR), ProjectRole.VIEWER);
        long before = mediaItems();

        // An asset of a project the editor is not in: refused as a field of the body, not confirmed.
        HttpResponse<String> hidden = clip(EDITOR, body(",\"asVersionOf\":\"" + outsidersAsset + "\""));
        assertEquals(422, hidden.statusCode(), hidden.body());
        assertEquals("asVersionOf", field(hidden));

        // The viewed asset: forbidden.
        HttpResponse<String> viewOnly = clip(EDITOR, body(",\"asVersionOf\":\"" + viewed + "\""));
        assertEquals(403, viewOnly.statusCode(), viewOnly.body());

        assertEquals(1, versions(outsidersAsset));
        assertEquals(1, versions(viewed));
        assertEquals(before, mediaItems());
    }

    @Test
    void aTemplateOfAnotherProjectIsNoSuchTemplateAndIdsInTheBodyAreNeverPaths() throws Exception {
        String outsidersTemplate = AccessWorld.json(
                        world.call(
                                OUTSIDER,
                                "POST",
                                "/api/templates",
                                "{\"projectId\":\"" + outsidersProject
                                        + "\",\"name\":\"Theirs\",\"steps\":[],\"output\":{\"format\":\"mp4\"}}"),
                        201)
                .get("id")
                .asText();
        long before = mediaItems();

        HttpResponse<String> theirs = clip(EDITOR, body(",\"templateId\":\"" + outsidersTemplate + "\""));
        assertEquals(422, theirs.statusCode(), "another project's template: " + theirs.body());
        assertEquals("templateId", field(theirs));

        for (String id : new String[] {"../../../etc/passwd", "", "AAAAAAAAAAAAAAAAAAAAAA", "x".repeat(5000)}) {
            HttpResponse<String> template = clip(EDITOR, body(",\"templateId\":\"" + id + "\""));
            assertEquals(422, template.statusCode(), "templateId " + id + ": " + template.body());
            assertEquals("templateId", field(template));
            HttpResponse<String> asset = clip(EDITOR, body(",\"asVersionOf\":\"" + id + "\""));
            assertEquals(422, asset.statusCode(), "asVersionOf " + id + ": " + asset.body());
            assertEquals("asVersionOf", field(asset));
        }
        HttpResponse<String> typed = clip(EDITOR, body(",\"asVersionOf\":{\"id\":\"" + outsidersAsset + "\"}"));
        assertEquals(400, typed.statusCode(), typed.body());
        assertEquals(before, mediaItems());
    }

    @Test
    void aShareLinksGuestCanNeitherCutNorDownloadWithoutTheRight() throws Exception {
        // A view-only link to the very asset: the guest sees the media, and may do nothing more.
        String guest = world.guestToken(world.assetId);
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + guest);
        long before = mediaItems();
        HttpResponse<String> cut = clip(ANONYMOUS, body(""), bearer);
        // Refused without saying whether the media could be cut (the guest route matrix's rule).
        assertTrue(List.of(401, 403, 404).contains(cut.statusCode()), "a guest's clip: " + cut.body());
        HttpResponse<String> download =
                world.call(ANONYMOUS, "GET", "/api/media/" + world.mediaId + "/download", null, bearer);
        assertEquals(403, download.statusCode(), "a view-only guest's download: " + download.body());
        assertEquals(before, mediaItems());
    }

    @Test
    void aPageOnAnotherSiteCannotCutThroughASignedInEditorsBrowser() throws Exception {
        AccessWorld.BrowserSession editor = world.login(EDITOR);
        long before = mediaItems();

        HttpResponse<String> plain =
                clip(ANONYMOUS, body(""), editor.withCsrf("Content-Type", "text/plain", "Origin", EVIL));
        assertEquals(403, plain.statusCode(), "a text/plain cut from another origin: " + plain.body());
        HttpResponse<String> crossSite = clip(ANONYMOUS, body(""), editor.withCsrf("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, crossSite.statusCode(), "a cut the browser says is cross-site: " + crossSite.body());
        HttpResponse<String> noToken = clip(ANONYMOUS, body(""), editor.cookieOnly());
        assertEquals(403, noToken.statusCode(), "a cookie without the CSRF token: " + noToken.body());
        HttpResponse<String> text = clip(ANONYMOUS, body(""), editor.withCsrf("Content-Type", "text/plain"));
        assertEquals(415, text.statusCode(), "a text/plain body: " + text.body());
        assertEquals(before, mediaItems(), "nothing was cut");

        // The same session from the server's own page reaches the clip rules (here: out past the end).
        HttpResponse<String> own = clip(ANONYMOUS, "{\"in\":0,\"out\":99999999,\"mode\":\"copy\"}", editor.withCsrf());
        assertEquals(400, own.statusCode(), own.body());
        assertEquals("out", field(own));
    }

    @Test
    void garbageDownloadRenditionsAreRefusedIn400() throws Exception {
        for (String rendition : new String[] {"..%2F..%2Fetc%2Fpasswd", "ORIGINAL", "thumbnail", "%00"}) {
            HttpResponse<String> r =
                    world.call(EDITOR, "GET", "/api/media/" + world.mediaId + "/download?rendition=" + rendition, null);
            assertEquals(400, r.statusCode(), rendition + ": " + r.body());
        }
    }
}
