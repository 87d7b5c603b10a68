package io.framewise.server.filing;

import static io.framewise.server.testing.AccessWorld.HTTP;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way in files the media where its sender can see it (issue 17): plain and tus uploads with and
 * without a target, the watched folder's three forms, media of earlier versions at the next start,
 * and targets an attacker names (other projects, garbage, a viewer's project) refused with nothing
 * stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilingTest {

    private AccessWorld world;
    private Path clip;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data, false);
        clip = TestMedia.get(TestMedia.Variant.H264_2997_DF);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void anUploadWithoutTargetLandsInTheUploadersHome() throws Exception {
        JsonNode answer = json(upload(Who.EDITOR, "?filename=home.mp4"), 201);
        String assetId = answer.get("assetId").asText();
        assertTrue(assetIds(Who.EDITOR, "/home").contains(assetId), "the home lists the new asset");
        assertFalse(assetIds(Who.ADMIN, "/home").contains(assetId), "not in someone else's home");
    }

    @Test
    void anUploadIntoAProjectFolderLandsThere() throws Exception {
        String folder = world.server
                .repositories()
                .projects()
                .createFolder(world.projectId, null, "Dailies")
                .id();
        JsonNode answer =
                json(upload(Who.EDITOR, "?filename=d.mp4&projectId=" + world.projectId + "&folderId=" + folder), 201);
        String assetId = answer.get("assetId").asText();
        assertTrue(assetIds(Who.REVIEWER, "/projects/" + world.projectId + "/" + folder)
                .contains(assetId));
        assertFalse(assetIds(Who.EDITOR, "/home").contains(assetId));
        // The folder alone names its project too.
        String second = json(upload(Who.EDITOR, "?filename=e.mp4&folderId=" + folder), 201)
                .get("assetId")
                .asText();
        assertTrue(assetIds(Who.EDITOR, "/projects/" + world.projectId + "/" + folder)
                .contains(second));
    }

    @Test
    void anUploadAsANewVersionStacksOnTheAsset() throws Exception {
        String first = json(upload(Who.EDITOR, "?filename=v1.mp4&projectId=" + world.projectId), 201)
                .get("assetId")
                .asText();
        JsonNode second = json(upload(Who.EDITOR, "?filename=v2.mp4&assetId=" + first), 201);
        assertEquals(first, second.get("assetId").asText());
        JsonNode asset = json(world.call(Who.EDITOR, "GET", "/api/assets/" + first, null), 200);
        assertEquals(2, asset.get("versions").size());
    }

    @Test
    void aClientThatFilesAfterUploadingStillWorks() throws Exception {
        JsonNode answer = json(upload(Who.EDITOR, "?filename=legacy.mp4"), 201);
        String homeAsset = answer.get("assetId").asText();
        String mediaId = answer.get("id").asText();
        String filed = json(world.file(Who.EDITOR, world.projectId, mediaId), 201)
                .get("id")
                .asText();
        assertFalse(assetIds(Who.EDITOR, "/home").contains(homeAsset), "the provisional home asset is gone");
        assertTrue(assetIds(Who.EDITOR, "/projects/" + world.projectId).contains(filed));
    }

    @Test
    void aResumableUploadIsFiledByItsMetadata() throws Exception {
        HttpResponse<String> done = tus(Who.EDITOR, Map.of("filename", "tus.mp4", "projectId", world.projectId));
        String assetId = done.headers().firstValue("Upload-Asset-Id").orElseThrow();
        assertTrue(assetIds(Who.EDITOR, "/projects/" + world.projectId).contains(assetId));
        HttpResponse<String> home = tus(Who.OWNER, Map.of("filename", "mine.mp4"));
        String homeAsset = home.headers().firstValue("Upload-Asset-Id").orElseThrow();
        assertTrue(assetIds(Who.OWNER, "/home").contains(homeAsset));
    }

    @Test
    void targetsAnAttackerNamesAreRefusedAndNothingIsStored() throws Exception {
        String otherProject = json(world.call(Who.ADMIN, "POST", "/api/projects", "{\"name\":\"Secret\"}"), 201)
                .get("id")
                .asText();
        String otherFolder = world.server
                .repositories()
                .projects()
                .createFolder(otherProject, null, "Vault")
                .id();
        String secretAsset = json(upload(Who.ADMIN, "?filename=s.mp4&projectId=" + otherProject), 201)
                .get("assetId")
                .asText();
        // The viewer may upload (an editor of another project), but not into the project they only view.
        world.server.repositories().members().put(otherProject, world.userIds.get(Who.VIEWER), ProjectRole.EDITOR);
        long before = mediaCount();
        // A viewer and a reviewer see the project but may not add to it.
        assertError(upload(Who.VIEWER, "?filename=x.mp4&projectId=" + world.projectId), 403, null);
        assertError(upload(Who.REVIEWER, "?filename=x.mp4&projectId=" + world.projectId), 403, null);
        // A project, folder or asset the caller cannot see reads as one that does not exist.
        assertError(upload(Who.EDITOR, "?filename=x.mp4&projectId=" + otherProject), 422, "projectId");
        assertError(upload(Who.EDITOR, "?filename=x.mp4&folderId=" + otherFolder), 422, "folderId");
        assertError(upload(Who.EDITOR, "?filename=x.mp4&assetId=" + secretAsset), 422, "assetId");
        // A folder of another project under a project the caller may add to.
        assertError(
                upload(Who.EDITOR, "?filename=x.mp4&projectId=" + world.projectId + "&folderId=" + otherFolder),
                422,
                "folderId");
        // Garbage and ids of nothing.
        assertError(upload(Who.EDITOR, "?filename=x.mp4&projectId=..%2F..%2Fetc"), 422, "projectId");
        assertError(upload(Who.EDITOR, "?filename=x.mp4&folderId=%27%20OR%201%3D1"), 422, "folderId");
        assertError(upload(Who.EDITOR, "?filename=x.mp4&projectId=AAAAAAAAAAAAAAAAAAAAAA"), 422, "projectId");
        assertError(upload(Who.EDITOR, "?filename=x.mp4&assetId=" + "a".repeat(5000)), 422, "assetId");
        assertError(
                upload(Who.EDITOR, "?filename=x.mp4&assetId=" + secretAsset + "&projectId=" + world.projectId),
                422,
                "assetId");
        // The same through tus: refused at creation, so no upload is even made.
        HttpResponse<String> tusRefused =
                tusCreate(Who.VIEWER, Map.of("filename", "x.mp4", "projectId", world.projectId));
        assertEquals(403, tusRefused.statusCode(), tusRefused.body());
        assertEquals(
                422, tusCreate(Who.EDITOR, Map.of("projectId", otherProject)).statusCode());
        assertEquals(mediaCount(), before, "no media item was stored");
        try (Stream<Path> parts = Files.list(world.server.config().dataDir().resolve("uploads"))) {
            assertEquals(0, parts.filter(p -> p.toString().endsWith(".part")).count(), "no body was kept");
        }
        try (Stream<Path> tusUploads =
                Files.list(world.server.config().dataDir().resolve("tus/uploads"))) {
            assertEquals(0, tusUploads.count(), "no resumable upload was created");
        }
    }

    @Test
    void theWatchedFolderFilesBySubfolder() throws Exception {
        Path incoming = world.server.config().dataDir().resolve("incoming");
        Path inProject = incoming.resolve("Show").resolve("Dailies").resolve("Day 1");
        Path inHome = incoming.resolve("users").resolve("editor").resolve("Selects");
        Files.createDirectories(inProject);
        Files.createDirectories(inHome);
        Files.createDirectories(incoming.resolve("users").resolve("nobody-here"));
        Files.copy(clip, inProject.resolve("watched-project.mp4"));
        Files.copy(clip, inHome.resolve("watched-home.mp4"));
        Files.copy(clip, incoming.resolve("watched-top.mp4"));
        Files.copy(clip, incoming.resolve("users").resolve("nobody-here").resolve("lost.mp4"));

        String dailies = awaitFolder(Who.EDITOR, "/projects/" + world.projectId, "Dailies");
        String day1 = awaitFolder(Who.EDITOR, dailies, "Day 1");
        awaitAssetTitled(Who.EDITOR, day1, "watched-project");
        String selects = awaitFolder(Who.EDITOR, "/home", "Selects");
        awaitAssetTitled(Who.EDITOR, selects, "watched-home");
        String inbox = projectNamed("Inbox");
        awaitAssetTitled(Who.ADMIN, "/projects/" + inbox, "watched-top");
        Path rejected = world.server.config().dataDir().resolve("rejected");
        Await.until(
                "a file for an unknown user is refused",
                Duration.ofSeconds(60),
                () -> Files.exists(rejected.resolve("lost.mp4.reason.txt")));
        assertTrue(Files.readString(rejected.resolve("lost.mp4.reason.txt")).contains("no user named"));
    }

    @Test
    void mediaOfEarlierVersionsAreFiledAtTheNextStart(@TempDir Path data) throws Exception {
        String unfiled;
        String token;
        try (AccessWorld old = new AccessWorld(data, false)) {
            unfiled = old.unfiledMedia(Who.UPLOADER);
            token = old.tokens.get(Who.UPLOADER);
        }
        try (FramewiseServer restarted = FramewiseServer.start(io.framewise.server.ServerConfig.defaults(data)
                .withPort(0)
                .withWorkers(1)
                .withAuth(io.framewise.server.auth.AuthSettings.local()))) {
            HttpRequest request = HttpRequest.newBuilder(restarted.baseUri().resolve("api/folders?path=/home"))
                    .header("Authorization", "Bearer " + token)
                    .build();
            JsonNode home = json(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), 200);
            List<String> media = new ArrayList<>();
            for (JsonNode a : home.get("assets")) {
                JsonNode asset = json(
                        HTTP.send(
                                HttpRequest.newBuilder(restarted
                                                .baseUri()
                                                .resolve("api/assets/"
                                                        + a.get("id").asText()))
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()),
                        200);
                asset.get("versions").forEach(v -> media.add(v.get("mediaId").asText()));
            }
            assertTrue(media.contains(unfiled), "the unfiled media is in its uploader's home: " + home);
        }
    }

    // ---- helpers ----

    private HttpResponse<String> upload(Who who, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(world.uri("/api/media" + query))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofFile(clip));
        world.credentials(who).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> tusCreate(Who who, Map<String, String> metadata) throws Exception {
        List<String> pairs = new ArrayList<>();
        metadata.forEach(
                (k, v) -> pairs.add(k + " " + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        HttpRequest.Builder request = HttpRequest.newBuilder(world.uri("/api/tus"))
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", Long.toString(Files.size(clip)))
                .header("Upload-Metadata", String.join(",", pairs))
                .POST(HttpRequest.BodyPublishers.noBody());
        world.credentials(who).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A whole tus upload in one PATCH; the answer to the PATCH that completed it. */
    private HttpResponse<String> tus(Who who, Map<String, String> metadata) throws Exception {
        HttpResponse<String> created = tusCreate(who, metadata);
        assertEquals(201, created.statusCode(), created.body());
        URI location = world.uri("/api/tus")
                .resolve(created.headers().firstValue("Location").orElseThrow());
        HttpRequest.Builder patch = HttpRequest.newBuilder(location)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofFile(clip));
        world.credentials(who).forEach(patch::header);
        HttpResponse<String> done = HTTP.send(patch.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, done.statusCode(), done.body());
        return done;
    }

    private static void assertError(HttpResponse<String> response, int status, String field) throws Exception {
        JsonNode body = json(response, status);
        assertNotNull(body.get("error"), response.body());
        if (field != null) {
            assertEquals(field, body.get("error").get("details").get("field").asText(), response.body());
        }
    }

    private long mediaCount() throws Exception {
        return json(world.call(Who.ADMIN, "GET", "/api/media?limit=1000", null), 200)
                .get("items")
                .size();
    }

    private List<String> assetIds(Who who, String path) throws Exception {
        JsonNode page = json(world.call(who, "GET", "/api/folders?path=" + path + "&pageSize=1000", null), 200);
        List<String> ids = new ArrayList<>();
        page.get("assets").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    private String projectNamed(String name) {
        return Await.value("project " + name, Duration.ofSeconds(60), () -> {
            for (JsonNode p : json(world.call(Who.ADMIN, "GET", "/api/projects", null), 200)) {
                if (p.get("name").asText().equals(name)) {
                    return p.get("id").asText();
                }
            }
            return null;
        });
    }

    /** The path of the folder named {@code name} in the page at {@code path}, once it is there. */
    private String awaitFolder(Who who, String path, String name) {
        return Await.value("folder " + name + " in " + path, Duration.ofSeconds(60), () -> {
            JsonNode page = json(world.call(who, "GET", "/api/folders?path=" + enc(path), null), 200);
            for (JsonNode f : page.get("folders")) {
                if (f.get("name").asText().equals(name)) {
                    return f.get("path").asText();
                }
            }
            return null;
        });
    }

    @Test
    void aSequenceFolderInAProjectFolderIsOneAssetThere(@TempDir Path source) throws Exception {
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25,format=yuv420p," + FrameCode.drawFilter()),
                "-frames:v",
                "6",
                "-start_number",
                "1001",
                "-f",
                "image2",
                source.resolve("plate.%04d.png").toString());
        Path incoming = world.server.config().dataDir().resolve("incoming");
        // Copied beside the watched folder, then moved in whole, as a copy tool finishing does.
        Path staging = Files.createDirectories(
                world.server.config().dataDir().resolve("staging").resolve("plate@25"));
        try (var files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, staging.resolve(f.getFileName()));
            }
        }
        Path plates = Files.createDirectories(incoming.resolve("Show").resolve("Plates"));
        Files.move(staging, plates.resolve("plate@25"));

        String folder = awaitFolder(Who.EDITOR, "/projects/" + world.projectId, "Plates");
        String title = Await.value("the sequence filed in Plates", Duration.ofSeconds(60), () -> {
            JsonNode page = json(world.call(Who.EDITOR, "GET", "/api/folders?path=" + enc(folder), null), 200);
            return page.get("assets").size() == 1
                    ? page.get("assets").get(0).get("title").asText()
                    : null;
        });
        assertEquals("plate", title, "the folder's name without its rate");
        // One item numbered from its first file, not six items; its numbering is known once it is probed.
        JsonNode items = Await.value("the sequence probed", Duration.ofSeconds(120), () -> {
            JsonNode all =
                    json(world.call(Who.EDITOR, "GET", "/api/media", null), 200).get("items");
            for (JsonNode item : all) {
                if (item.path("name").asText().equals("plate")
                        && !item.path("status").asText().equals("processing")) {
                    return all;
                }
            }
            return null;
        });
        long sequences = 0;
        for (JsonNode item : items) {
            if (item.path("sequence").isObject()) {
                sequences++;
                assertEquals(1001, item.path("sequence").path("first").asInt(), item.toString());
            }
        }
        assertEquals(1, sequences, items.toString());
    }

    private void awaitAssetTitled(Who who, String path, String title) {
        Await.value("asset " + title + " in " + path, Duration.ofSeconds(60), () -> {
            JsonNode page = json(world.call(who, "GET", "/api/folders?path=" + enc(path), null), 200);
            for (JsonNode a : page.get("assets")) {
                if (a.get("title").asText().equals(title)) {
                    return true;
                }
            }
            return null;
        });
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
