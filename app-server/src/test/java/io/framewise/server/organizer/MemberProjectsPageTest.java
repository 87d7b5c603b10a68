package io.framewise.server.organizer;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.testing.AccessWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /projects} folder page of a member lists exactly their projects (the folders organizer
 * asks the host ListUserProjects once instead of every project for its members), and follows a
 * membership change on the very next request; so does the media stream, whose access is decided
 * once per request and never remembered between requests.
 */
class MemberProjectsPageTest {

    @TempDir
    Path data;

    private static List<String> paths(AccessWorld world, AccessWorld.Who who) throws Exception {
        JsonNode page = AccessWorld.json(world.call(who, "GET", "/api/folders?path=/projects", null), 200);
        List<String> out = new ArrayList<>();
        page.get("folders").forEach(f -> out.add(f.get("path").asText()));
        return out;
    }

    private static String project(AccessWorld world, String name) throws Exception {
        return AccessWorld.json(world.call(ADMIN, "POST", "/api/projects", "{\"name\":\"" + name + "\"}"), 201)
                .get("id")
                .asText();
    }

    @Test
    void membersSeeExactlyTheirProjectsAndLoseOneAtOnce() throws Exception {
        try (AccessWorld world = new AccessWorld(data, true)) {
            String show = world.projectId;
            String second = project(world, "Second");
            String third = project(world, "Third");
            var members = world.server.repositories().members();
            members.put(second, world.userIds.get(VIEWER), ProjectRole.REVIEWER);
            members.put(third, world.userIds.get(EDITOR), ProjectRole.VIEWER);

            assertEquals(List.of("/projects/" + show, "/projects/" + second), paths(world, VIEWER));
            assertEquals(List.of("/projects/" + show, "/projects/" + third), paths(world, EDITOR));
            assertEquals(List.of(), paths(world, OUTSIDER));
            // Projects made in the same millisecond list in id order: compare the admin's as a set.
            assertEquals(
                    java.util.Set.of("/projects/" + show, "/projects/" + second, "/projects/" + third),
                    java.util.Set.copyOf(paths(world, ADMIN)));
            assertEquals(3, paths(world, ADMIN).size());

            String stream = "/api/media/" + world.mediaId + "/stream?rendition=original";
            assertEquals(
                    206,
                    world.call(VIEWER, "GET", stream, null, Map.of("Range", "bytes=0-99"))
                            .statusCode());
            assertEquals(404, world.call(OUTSIDER, "GET", stream, null).statusCode());

            // The viewer leaves the show: its page entry and its media go with the next request.
            members.replace(
                    show,
                    Map.of(
                            world.userIds.get(EDITOR), ProjectRole.EDITOR,
                            world.userIds.get(AccessWorld.Who.OWNER), ProjectRole.OWNER));
            assertEquals(List.of("/projects/" + second), paths(world, VIEWER));
            assertEquals(
                    404,
                    world.call(VIEWER, "GET", stream, null, Map.of("Range", "bytes=0-99"))
                            .statusCode());
            assertEquals(
                    404,
                    world.call(VIEWER, "GET", "/api/media/" + world.mediaId, null)
                            .statusCode());
            assertEquals(
                    206,
                    world.call(EDITOR, "GET", stream, null, Map.of("Range", "bytes=0-99"))
                            .statusCode());
        }
    }
}
