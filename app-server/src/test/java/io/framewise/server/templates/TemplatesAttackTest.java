package io.framewise.server.templates;

import static io.framewise.server.templates.TemplateRequests.png;
import static io.framewise.server.templates.TemplateRequests.template;
import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.UPLOADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.testing.AccessWorld;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template routes attacked as someone would who wants another project's template, another
 * person's uploaded files or a 500: ids of things the caller may not use in the body and the query,
 * a page on another site driving a signed-in browser, and garbage. Each test fails if the attack
 * works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesAttackTest {

    private static final String EVIL = "http://evil.example";

    private Path data;
    private AccessWorld world;
    /** The outsider's own project, where the editor of the world's project is nobody. */
    private String outsidersProject;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        world = new AccessWorld(data);
        outsidersProject = world.home(OUTSIDER);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private String uploadedPng(AccessWorld.Who who) throws Exception {
        HttpResponse<byte[]> r = TemplateRequests.upload(world, who, "logo.png", png());
        assertEquals(201, r.statusCode(), new String(r.body()));
        return AccessWorld.JSON.readTree(r.body()).get("id").asText();
    }

    private String editorsTemplate() throws Exception {
        return AccessWorld.json(
                        world.call(
                                EDITOR,
                                "POST",
                                "/api/templates",
                                template(world.projectId, "[{\"type\":\"slate\",\"frames\":12}]")),
                        201)
                .get("id")
                .asText();
    }

    private static String imageStep(String fileId) {
        return "[{\"type\":\"image\",\"imageId\":\"" + fileId + "\"}]";
    }

    private long storedFiles() throws IOException {
        Path dir = data.resolve("templates");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void someoneElsesUploadedFileCannotBeNamedInATemplateAPreviewOrAnEdit() throws Exception {
        // The administrator's logo: its id leaked (a screenshot, a log), the editor names it.
        String adminsLogo = uploadedPng(ADMIN);
        String mine = editorsTemplate();

        HttpResponse<String> created =
                world.call(EDITOR, "POST", "/api/templates", template(world.projectId, imageStep(adminsLogo)));
        assertEquals(400, created.statusCode(), "a template burning another's file: " + created.body());
        assertTrue(created.body().contains("steps[0].imageId"), created.body());

        HttpResponse<String> subtitles = world.call(
                EDITOR,
                "POST",
                "/api/templates",
                template(
                        world.projectId,
                        "[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"" + adminsLogo + "\"}]"));
        assertEquals(400, subtitles.statusCode(), "as subtitles: " + subtitles.body());

        // The unsaved preview renders the file into a JPEG the caller sees: the same check applies.
        HttpResponse<String> preview = world.call(
                EDITOR,
                "POST",
                "/api/templates/preview?mediaId=" + world.mediaId + "&frame=3&width=160",
                template(world.projectId, imageStep(adminsLogo)));
        assertEquals(400, preview.statusCode(), "previewing another's file: " + preview.body());

        // An edit of the editor's own template cannot slip the file in either, and changes nothing.
        HttpResponse<String> edited =
                world.call(EDITOR, "PUT", "/api/templates/" + mine, template(world.projectId, imageStep(adminsLogo)));
        assertEquals(400, edited.statusCode(), "an edit naming another's file: " + edited.body());
        JsonNode after = AccessWorld.json(world.call(EDITOR, "GET", "/api/templates/" + mine, null), 200);
        assertEquals("slate", after.get("steps").get(0).get("type").asText(), after.toString());
    }

    @Test
    void aTemplateCannotBeWrittenIntoOrMovedToAProjectTheCallerIsNotIn() throws Exception {
        String mine = editorsTemplate();

        HttpResponse<String> planted =
                world.call(EDITOR, "POST", "/api/templates", template(outsidersProject, "[{\"type\":\"drawings\"}]"));
        assertEquals(404, planted.statusCode(), "a template planted in the outsider's project: " + planted.body());

        HttpResponse<String> moved = world.call(
                EDITOR, "PUT", "/api/templates/" + mine, template(outsidersProject, "[{\"type\":\"drawings\"}]"));
        assertEquals(400, moved.statusCode(), "a template moved to the outsider's project: " + moved.body());
        assertEquals(
                world.projectId,
                AccessWorld.json(world.call(EDITOR, "GET", "/api/templates/" + mine, null), 200)
                        .get("projectId")
                        .asText());

        // Nor can the outsider write the editor's template from their side.
        HttpResponse<String> overwritten = world.call(
                OUTSIDER, "PUT", "/api/templates/" + mine, template(outsidersProject, "[{\"type\":\"drawings\"}]"));
        assertEquals(404, overwritten.statusCode(), overwritten.body());
        assertEquals(
                404,
                world.call(OUTSIDER, "DELETE", "/api/templates/" + mine, null).statusCode());

        // An unsaved preview "of" a project the caller is not in is refused as not found.
        HttpResponse<String> preview = world.call(
                EDITOR,
                "POST",
                "/api/templates/preview?mediaId=" + world.mediaId + "&frame=3",
                template(outsidersProject, "[]"));
        assertEquals(404, preview.statusCode(), preview.body());
        assertTrue(
                AccessWorld.json(world.call(OUTSIDER, "GET", "/api/templates?projectId=" + world.projectId, null), 404)
                        .has("error"),
                "the outsider cannot list the project's templates by naming it");
    }

    @Test
    void aPreviewShowsOnlyMediaTheCallerMaySee() throws Exception {
        String mine = editorsTemplate();
        // Media of someone else, filed nowhere: the editor cannot see it, so cannot preview it.
        String othersMedia = world.readyUnfiledMedia(UPLOADER, 50);
        assertEquals(
                404,
                world.call(EDITOR, "GET", "/api/templates/" + mine + "/preview?mediaId=" + othersMedia, null)
                        .statusCode());
        assertEquals(
                404,
                world.call(
                                EDITOR,
                                "POST",
                                "/api/templates/preview?mediaId=" + othersMedia,
                                template(world.projectId, "[]"))
                        .statusCode());
        // The outsider may see a global template, but not the project's media through it.
        String global = AccessWorld.json(
                        world.call(ADMIN, "POST", "/api/templates", template(null, "[{\"type\":\"drawings\"}]")), 201)
                .get("id")
                .asText();
        assertEquals(
                404,
                world.call(OUTSIDER, "GET", "/api/templates/" + global + "/preview?mediaId=" + world.mediaId, null)
                        .statusCode());
        // ...and not the project's template on media of their own.
        String outsidersMedia = world.readyUnfiledMedia(OUTSIDER, 50);
        assertEquals(
                404,
                world.call(OUTSIDER, "GET", "/api/templates/" + mine + "/preview?mediaId=" + outsidersMedia, null)
                        .statusCode());
    }

    @Test
    void garbageInThePreviewsQueryIsRefusedIn400() throws Exception {
        String mine = editorsTemplate();
        String base = "/api/templates/" + mine + "/preview?mediaId=" + world.mediaId;
        List<String> queries = List.of(
                // 2^32 + 640: cast to an int it would pass for 640.
                "&width=4294967936",
                "&width=-1",
                "&width=99999999999999999999",
                "&width=wide",
                "&frame=-5",
                "&frame=9223372036854775807",
                "&frame=first");
        for (String query : queries) {
            HttpResponse<String> r = world.call(EDITOR, "GET", base + query, null);
            assertEquals(400, r.statusCode(), query + ": " + r.body());
        }
        assertEquals(
                404,
                world.call(EDITOR, "GET", "/api/templates/" + mine + "/preview?mediaId=..%2F..%2Fetc%2Fpasswd", null)
                        .statusCode());
        assertEquals(
                400,
                world.call(EDITOR, "GET", "/api/templates/" + mine + "/preview", null)
                        .statusCode());
    }

    @Test
    void uploadedFileNamesWithPathsOrControlCharactersAreNeverA500NorAPath() throws Exception {
        // A name that is only a separator has no file name at all.
        HttpResponse<byte[]> slash = TemplateRequests.upload(world, EDITOR, "%2F", png());
        assertEquals(415, slash.statusCode(), new String(slash.body()));
        // A NUL inside the name: refused at the door, as anywhere in an address (NulCharacters).
        HttpResponse<byte[]> nul = TemplateRequests.upload(world, EDITOR, "logo%00.png", png());
        assertEquals(400, nul.statusCode(), new String(nul.body()));
        assertTrue(new String(nul.body()).contains("NUL"), new String(nul.body()));
        // A path climbing out of the data folder: only its last element is kept, as a name.
        HttpResponse<byte[]> climbing = TemplateRequests.upload(world, EDITOR, "..%2F..%2F..%2Ftmp%2Fevil.png", png());
        assertEquals(201, climbing.statusCode(), new String(climbing.body()));
        JsonNode file = AccessWorld.JSON.readTree(climbing.body());
        assertEquals("evil.png", file.get("name").asText());
        assertTrue(Files.isRegularFile(
                data.resolve("templates").resolve(file.get("id").asText())));
    }

    @Test
    void aPageOnAnotherSiteCannotChangeTemplatesThroughASignedInBrowser() throws Exception {
        String mine = editorsTemplate();
        AccessWorld.BrowserSession editor = world.login(EDITOR);
        long files = storedFiles();

        // The upload route takes any body type (it is a file), so only the origin check stands here.
        HttpResponse<byte[]> upload = TemplateRequests.upload(
                world, ANONYMOUS, "logo.png", png(), editor.withCsrf("Origin", EVIL, "Content-Type", "text/plain"));
        assertEquals(403, upload.statusCode(), new String(upload.body()));
        HttpResponse<byte[]> fetched = TemplateRequests.upload(
                world, ANONYMOUS, "logo.png", png(), editor.cookieOnly("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, fetched.statusCode(), new String(fetched.body()));
        // Without the CSRF token a cookie alone changes nothing, even naming no origin.
        HttpResponse<byte[]> noToken =
                TemplateRequests.upload(world, ANONYMOUS, "logo.png", png(), editor.cookieOnly());
        assertEquals(403, noToken.statusCode(), new String(noToken.body()));
        assertEquals(files, storedFiles(), "no file was stored");

        HttpResponse<String> deleted =
                world.call(ANONYMOUS, "DELETE", "/api/templates/" + mine, null, editor.withCsrf("Origin", EVIL));
        assertEquals(403, deleted.statusCode(), deleted.body());
        HttpResponse<String> plain = world.call(
                ANONYMOUS,
                "PUT",
                "/api/templates/" + mine,
                template(world.projectId, "[]"),
                editor.withCsrf("Content-Type", "text/plain", "Sec-Fetch-Site", "same-site"));
        assertEquals(403, plain.statusCode(), plain.body());
        HttpResponse<String> created = world.call(
                ANONYMOUS,
                "POST",
                "/api/templates",
                template(world.projectId, "[]"),
                editor.withCsrf("Content-Type", "text/plain"));
        assertEquals(415, created.statusCode(), "a text/plain body even from the server's own page: " + created.body());
        assertEquals(
                "slate",
                AccessWorld.json(world.call(EDITOR, "GET", "/api/templates/" + mine, null), 200)
                        .get("steps")
                        .get(0)
                        .get("type")
                        .asText(),
                "the template is still there, unchanged");

        // The same browser on the server's own page can: the session itself works.
        String ownOrigin = world.server.baseUri().toString().replaceAll("/$", "");
        HttpResponse<byte[]> own =
                TemplateRequests.upload(world, ANONYMOUS, "logo.png", png(), editor.withCsrf("Origin", ownOrigin));
        assertEquals(201, own.statusCode(), new String(own.body()));
    }
}
