package io.framewise.server.organizer;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.testing.AccessWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in folders organizer through the calls the web UI makes: pages for the root, projects,
 * folders and home folders, and folder operations as actions.
 */
class FolderPagesTest {

    @TempDir
    Path data;

    private static String action(String action, String path, String targetType, String targetId, String params) {
        return "{\"organizer\":\"folders\",\"action\":\"" + action + "\",\"path\":\"" + path + "\""
                + (targetType == null
                        ? ""
                        : ",\"target\":{\"type\":\"" + targetType + "\",\"id\":\"" + targetId + "\"}")
                + ",\"parameters\":" + params + "}";
    }

    private static List<String> names(JsonNode entries, String field) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.get(field).asText()));
        return out;
    }

    @Test
    void projectAndHomeFoldersAreOrganisedThroughPagesAndActions() throws Exception {
        try (FramewiseServer server =
                FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1))) {
            OrganizerApi api = new OrganizerApi(server);
            String me = server.repositories().users().localUser().id();

            JsonNode root = api.get("/api/folders");
            assertEquals("/", root.get("path").asText());
            assertEquals("folders", root.get("organizer").asText());
            assertEquals(List.of("My folders", "Projects", "Everyone's folders"), names(root.get("folders"), "name"));
            assertEquals("/users/" + me, root.at("/folders/0/path").asText());

            String[] ids = api.projectWithAsset("Show", "Opening titles");
            String project = ids[0];
            String asset = ids[1];
            String base = "/projects/" + project;
            JsonNode projects = api.get("/api/folders?path=/projects");
            assertEquals(List.of(base), names(projects.get("folders"), "path"));

            // Create two folders; the action answers where to go next.
            JsonNode created =
                    api.ok("POST", "/api/actions", action("create-folder", base, null, null, "{\"name\":\"Shots\"}"));
            String shotsPath = created.get("navigatePath").asText();
            String shots = shotsPath.substring(shotsPath.lastIndexOf('/') + 1);
            assertEquals(base + "/" + shots, shotsPath);
            api.ok("POST", "/api/actions", action("create-folder", base, null, null, "{\"name\":\"Edit\"}"));
            JsonNode page = api.get("/api/folders?path=" + base);
            assertEquals("Show", page.get("title").asText());
            assertEquals(project, page.get("projectId").asText());
            assertTrue(projects.get("projectId").isNull(), "the list of projects is in none");
            assertEquals(List.of("Shots", "Edit"), names(page.get("folders"), "name"));
            assertEquals(List.of("Opening titles"), names(page.get("assets"), "title"));
            assertEquals(List.of("/", "/projects"), names(page.get("breadcrumbs"), "path"));
            assertTrue(names(page.get("actions"), "id")
                    .containsAll(
                            List.of("create-folder", "rename-folder", "move-folder", "delete-folder", "move-asset")));
            String edit = page.at("/folders/1/folderId").asText();

            // Rename, then reorder (move within the same parent), then move into another folder.
            api.ok("POST", "/api/actions", action("rename-folder", base, "folder", shots, "{\"name\":\"Plates\"}"));
            api.ok(
                    "POST",
                    "/api/actions",
                    action(
                            "move-folder",
                            base,
                            "folder",
                            edit,
                            "{\"parentPath\":\"" + base + "\",\"position\":\"0\"}"));
            assertEquals(
                    List.of("Edit", "Plates"),
                    names(api.get("/api/folders?path=" + base).get("folders"), "name"));
            api.ok(
                    "POST",
                    "/api/actions",
                    action("move-folder", base, "folder", edit, "{\"parentPath\":\"" + shotsPath + "\"}"));
            JsonNode plates = api.get("/api/folders?path=" + shotsPath);
            assertEquals("Plates", plates.get("title").asText());
            assertEquals(List.of(shotsPath + "/" + edit), names(plates.get("folders"), "path"));
            JsonNode nested = api.get("/api/folders?path=" + shotsPath + "/" + edit);
            assertEquals(List.of("Library", "Projects", "Show", "Plates"), names(nested.get("breadcrumbs"), "name"));

            // Move the asset into Plates; a folder that holds things cannot be deleted.
            api.ok(
                    "POST",
                    "/api/actions",
                    action("move-asset", base, "asset", asset, "{\"folderPath\":\"" + shotsPath + "\"}"));
            assertEquals(
                    List.of(asset),
                    names(api.get("/api/folders?path=" + shotsPath).get("assets"), "id"));
            assertEquals(0, api.get("/api/folders?path=" + base).get("assets").size());
            assertEquals(shots, api.get("/api/assets/" + asset).get("folderId").asText());
            assertEquals(
                    409,
                    api.call("POST", "/api/actions", action("delete-folder", base, "folder", shots, "{}"))
                            .status());
            assertEquals(
                    422,
                    api.call(
                                    "POST",
                                    "/api/actions",
                                    action(
                                            "move-folder",
                                            base,
                                            "folder",
                                            shots,
                                            "{\"parentPath\":\"" + shotsPath + "/" + edit + "\"}"))
                            .status());
            api.ok("POST", "/api/actions", action("delete-folder", base, "folder", edit, "{}"));
            assertEquals(
                    0, api.get("/api/folders?path=" + shotsPath).get("folders").size());

            // Paging: one entry per page, folders before assets.
            api.ok("POST", "/api/actions", action("create-folder", base, null, null, "{\"name\":\"Audio\"}"));
            JsonNode first = api.get("/api/folders?path=" + base + "&pageSize=1");
            assertEquals(List.of("Plates"), names(first.get("folders"), "name"));
            JsonNode second = api.get("/api/folders?path=" + base + "&pageSize=1&pageToken="
                    + first.get("nextPageToken").asText());
            assertEquals(List.of("Audio"), names(second.get("folders"), "name"));
            assertTrue(second.get("nextPageToken").isNull());

            // Home folders: my own, made on first use, never listed among shared projects.
            JsonNode home = api.get("/api/folders?path=/home");
            assertEquals("/users/" + me, home.get("path").asText());
            assertEquals("My folders", home.get("title").asText());
            api.ok("POST", "/api/actions", action("create-folder", "/home", null, null, "{\"name\":\"Personal\"}"));
            assertEquals(
                    List.of("Personal"),
                    names(api.get("/api/folders?path=/users/" + me).get("folders"), "name"));
            assertEquals(
                    List.of(base), names(api.get("/api/folders?path=/projects").get("folders"), "path"));
            assertTrue(names(api.get("/api/folders?path=/users").get("folders"), "path")
                    .contains("/users/" + me));

            // Bad paths and tokens get clear errors.
            assertEquals(
                    404,
                    api.call("GET", "/api/folders?path=/projects/AAAAAAAAAAAAAAAAAAAAAA", null)
                            .status());
            assertEquals(
                    404,
                    api.call("GET", "/api/folders?path=" + base + "/AAAAAAAAAAAAAAAAAAAAAA", null)
                            .status());
            assertEquals(
                    404, api.call("GET", "/api/folders?path=/nowhere", null).status());
            OrganizerApi.Answer relative = api.call("GET", "/api/folders?path=projects", null);
            assertEquals(422, relative.status());
            assertEquals("invalid", relative.body().at("/error/code").asText());
            assertEquals(
                    422,
                    api.call("GET", "/api/folders?path=" + base + "&pageToken=zz", null)
                            .status());
            assertEquals(
                    422,
                    api.call("GET", "/api/folders?path=" + base + "&pageSize=-1", null)
                            .status());
            assertEquals(
                    422,
                    api.call("POST", "/api/actions", action("create-folder", base, null, null, "{}"))
                            .status());
        }
    }

    @Test
    void pagesAndFolderActionsFollowProjectRolesAndHomes() throws Exception {
        try (AccessWorld world = new AccessWorld(data, false)) {
            String base = "/projects/" + world.projectId;
            String create = action("create-folder", base, null, null, "{\"name\":\"Shots\"}");

            assertEquals(
                    List.of("My folders", "Projects"),
                    names(get(world, VIEWER, "/api/folders?path=/").get("folders"), "name"));
            assertEquals(
                    List.of(base),
                    names(get(world, VIEWER, "/api/folders?path=/projects").get("folders"), "path"));
            assertEquals(
                    0,
                    get(world, OUTSIDER, "/api/folders?path=/projects")
                            .get("folders")
                            .size());
            assertEquals(
                    404,
                    world.call(OUTSIDER, "GET", "/api/folders?path=" + base, null)
                            .statusCode());

            // Viewers and reviewers look; editors and owners organise.
            assertEquals(
                    0,
                    get(world, VIEWER, "/api/folders?path=" + base)
                            .get("actions")
                            .size());
            assertEquals(403, world.call(VIEWER, "POST", "/api/actions", create).statusCode());
            assertEquals(
                    403, world.call(REVIEWER, "POST", "/api/actions", create).statusCode());
            assertEquals(200, world.call(EDITOR, "POST", "/api/actions", create).statusCode());
            assertEquals(
                    List.of("Shots"),
                    names(get(world, VIEWER, "/api/folders?path=" + base).get("folders"), "name"));

            // Everyone has a home; only its owner and administrators open it.
            String viewer = world.userIds.get(VIEWER);
            assertEquals(
                    200,
                    world.call(
                                    VIEWER,
                                    "POST",
                                    "/api/actions",
                                    action("create-folder", "/home", null, null, "{\"name\":\"Mine\"}"))
                            .statusCode());
            assertEquals(
                    List.of("Mine"),
                    names(
                            get(world, ADMIN, "/api/folders?path=/users/" + viewer)
                                    .get("folders"),
                            "name"));
            assertEquals(
                    403,
                    world.call(EDITOR, "GET", "/api/folders?path=/users/" + viewer, null)
                            .statusCode());
            assertEquals(
                    403,
                    world.call(VIEWER, "GET", "/api/folders?path=/users", null).statusCode());
            assertTrue(names(get(world, ADMIN, "/api/folders?path=/users").get("folders"), "path")
                    .contains("/users/" + viewer));
            assertEquals(
                    401,
                    world.call(ANONYMOUS, "GET", "/api/folders?path=/", null).statusCode());

            // What the editor files in their home is theirs to open, and nobody else's.
            get(world, EDITOR, "/api/folders?path=/home");
            String home = null;
            for (JsonNode p : get(world, EDITOR, "/api/projects")) {
                if (p.get("name").asText().equals("Home of editor")) {
                    home = p.get("id").asText();
                }
            }
            assertTrue(home != null, "the editor's home project is theirs");
            // The page names the project its uploads go into, renamed owner or not.
            assertEquals(
                    home,
                    get(world, EDITOR, "/api/folders?path=/home")
                            .get("projectId")
                            .asText());
            assertEquals(
                    home,
                    get(world, ADMIN, "/api/folders?path=/users/" + world.userIds.get(EDITOR))
                            .get("projectId")
                            .asText());
            String media = world.upload(EDITOR, TestMedia.get(TestMedia.Variant.H264_2997_DF));
            String asset = AccessWorld.json(
                            world.call(
                                    EDITOR,
                                    "POST",
                                    "/api/assets",
                                    "{\"projectId\":\"" + home + "\",\"title\":\"Draft\",\"mediaId\":\"" + media
                                            + "\"}"),
                            201)
                    .get("id")
                    .asText();
            assertEquals(
                    List.of("Draft"),
                    names(get(world, EDITOR, "/api/folders?path=/home").get("assets"), "title"));
            assertEquals(
                    200, world.call(EDITOR, "GET", "/api/assets/" + asset, null).statusCode());
            assertEquals(
                    404, world.call(VIEWER, "GET", "/api/assets/" + asset, null).statusCode());
        }
    }

    private static JsonNode get(AccessWorld world, AccessWorld.Who who, String path) throws Exception {
        return AccessWorld.json(world.call(who, "GET", path, null), 200);
    }
}
