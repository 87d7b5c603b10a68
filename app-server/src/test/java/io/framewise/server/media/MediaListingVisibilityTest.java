package io.framewise.server.media;

import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.db.Ids;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/media} decides in the database who sees what. Two projects with overlapping
 * members, assets with several versions, unfiled uploads and an upload filed into a project its
 * uploader is not in: every caller, walking every page with the cursor, gets exactly the items the
 * single-item route lets them open, each once, with a total that matches.
 */
class MediaListingVisibilityTest {

    private static final List<Who> PEOPLE =
            List.of(Who.ADMIN, Who.OWNER, Who.EDITOR, Who.REVIEWER, Who.VIEWER, Who.OUTSIDER, Who.UPLOADER);

    @TempDir
    Path data;

    AccessWorld world;
    String other;
    final Set<String> inShow = new LinkedHashSet<>();
    final Set<String> inOther = new LinkedHashSet<>();
    final Map<Who, Set<String>> unfiled = new EnumMap<>(Who.class);

    @BeforeEach
    void library() throws Exception {
        world = new AccessWorld(data, false);
        other = json(world.call(Who.ADMIN, "POST", "/api/projects", "{\"name\":\"Other show\"}"), 201)
                .get("id")
                .asText();
        world.server.repositories().members().put(other, world.userIds.get(Who.EDITOR), ProjectRole.EDITOR);
        world.server.repositories().members().put(other, world.userIds.get(Who.OUTSIDER), ProjectRole.REVIEWER);
        for (int i = 0; i < 7; i++) {
            inShow.add(world.filedMedia());
        }
        // A second and third version of one asset: more versions, not more rows per item.
        String asset = assetOf(inShow.iterator().next());
        for (int v = 0; v < 2; v++) {
            String version = upload(Who.EDITOR);
            json(
                    world.call(
                            Who.EDITOR,
                            "POST",
                            "/api/assets/" + asset + "/versions",
                            "{\"mediaId\":\"" + version + "\"}"),
                    201);
            inShow.add(version);
        }
        for (int i = 0; i < 5; i++) {
            inOther.add(fileInto(other, upload(Who.ADMIN)));
        }
        for (Who who : List.of(Who.UPLOADER, Who.UPLOADER, Who.UPLOADER, Who.EDITOR, Who.EDITOR, Who.REVIEWER)) {
            unfiled.computeIfAbsent(who, k -> new LinkedHashSet<>()).add(upload(who));
        }
        // Filed into a project its uploader has no role in: from now on it is that project's.
        String moved = unfiled.get(Who.UPLOADER).iterator().next();
        unfiled.get(Who.UPLOADER).remove(moved);
        inOther.add(fileInto(other, moved));
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void everyCallerPagesThroughExactlyWhatTheyMayOpenEachItemOnce() throws Exception {
        Map<Who, Set<String>> expected = new EnumMap<>(Who.class);
        Set<String> everything = new HashSet<>(inShow);
        everything.addAll(inOther);
        unfiled.values().forEach(everything::addAll);
        expected.put(Who.ADMIN, everything);
        expected.put(Who.OWNER, inShow);
        expected.put(Who.EDITOR, union(inShow, inOther, unfiled.get(Who.EDITOR)));
        expected.put(Who.REVIEWER, union(inShow, unfiled.get(Who.REVIEWER)));
        expected.put(Who.VIEWER, inShow);
        expected.put(Who.OUTSIDER, inOther);
        expected.put(Who.UPLOADER, unfiled.get(Who.UPLOADER));

        for (Who who : PEOPLE) {
            for (int limit : new int[] {1, 3, 50}) {
                List<String> listed = walk(who, limit, expected.get(who).size());
                assertEquals(
                        listed.size(),
                        new HashSet<>(listed).size(),
                        who + " with pages of " + limit + " got an item twice: " + listed);
                assertEquals(expected.get(who), new HashSet<>(listed), who + " with pages of " + limit);
            }
            // The list agrees with the one-item route, which asks the role policy item by item.
            for (String id : everything) {
                int status = world.call(who, "GET", "/api/media/" + id, null).statusCode();
                assertEquals(expected.get(who).contains(id) ? 200 : 404, status, who + " opening " + id + " directly");
            }
        }
    }

    @Test
    void withTheBuiltInOrganizerAloneTheDatabaseDecidesTheList() {
        // The folders organizer does not claim Authorize: nothing but the roles decides, so the list
        // is the query's, not the item-by-item check's.
        assertTrue(world.server.access().authorizer().rolesAlone());
    }

    @Test
    void aReviewerOfOneProjectSeesNothingOfAnother() throws Exception {
        List<String> outsider = walk(Who.OUTSIDER, 2, inOther.size());
        assertTrue(outsider.stream().noneMatch(inShow::contains), "nothing of the first show: " + outsider);
        List<String> reviewer = walk(Who.REVIEWER, 2, inShow.size() + 1);
        assertTrue(reviewer.stream().noneMatch(inOther::contains), "nothing of the other show: " + reviewer);
    }

    @Test
    void pagesComeOldestFirstAndACursorPastTheEndAnswersAnEmptyLastPage() throws Exception {
        List<String> all = walk(Who.ADMIN, 1000, -1);
        List<String> paged = walk(Who.ADMIN, 4, -1);
        assertEquals(all, paged, "small pages list the same items in the same order as one big one");
        JsonNode page =
                json(world.call(Who.ADMIN, "GET", "/api/media?limit=5&after=o" + Integer.toString(999, 36), null), 200);
        assertEquals(0, page.get("items").size());
        assertTrue(page.get("next").isNull());
        assertEquals(all.size(), page.get("total").asInt());
    }

    /** Every page as a client walks them; each page's total must be {@code total} (unless negative). */
    private List<String> walk(Who who, int limit, int total) throws Exception {
        List<String> ids = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = json(
                    world.call(
                            who, "GET", "/api/media?limit=" + limit + (after == null ? "" : "&after=" + after), null),
                    200);
            if (total >= 0) {
                assertEquals(total, page.get("total").asInt(), who + "'s total on page " + pages);
            }
            assertTrue(page.get("items").size() <= limit, "a page holds at most its limit");
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            if (after != null) {
                assertEquals(limit, page.get("items").size(), "a page followed by another is full");
            }
            assertTrue(++pages <= 100, "the pages end");
        } while (after != null);
        return ids;
    }

    private String upload(Who who) {
        return world.unfiledMedia(who);
    }

    private String fileInto(String projectId, String mediaId) throws Exception {
        json(world.file(Who.ADMIN, projectId, mediaId), 201);
        return mediaId;
    }

    private String assetOf(String mediaId) throws Exception {
        for (JsonNode a :
                json(world.call(Who.ADMIN, "GET", "/api/projects/" + world.projectId + "/assets", null), 200)) {
            for (JsonNode v : a.get("versions")) {
                if (v.get("mediaId").asText().equals(mediaId)) {
                    return a.get("id").asText();
                }
            }
        }
        throw new AssertionError("no asset shows " + mediaId);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> out = new HashSet<>();
        for (Set<String> s : sets) {
            out.addAll(s);
        }
        assertTrue(out.stream().allMatch(Ids::isValid));
        return out;
    }
}
