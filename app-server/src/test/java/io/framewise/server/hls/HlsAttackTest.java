package io.framewise.server.hls;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVOKED_TOKEN;
import static io.framewise.server.testing.AccessWorld.Who.UPLOADER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static io.framewise.server.testing.AccessWorld.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.model.testing.Await;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.contract.OutsideTheContract;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import io.framewise.server.testing.MediaReady;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the HLS routes ({@code /api/media/{id}/hls/**}) with real ladders on every side, so a
 * leak would show as a 200 with playlist or segment bytes (the access matrix and the guest route
 * matrix only reach media without a ladder, where the handler's own 404 would hide a filter that let
 * the request through). Every media item here gets a ladder: the project's (version 1 of its asset),
 * a second version of that asset, and an item of another project with a viewer of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HlsAttackTest {

    private AccessWorld world;
    /** Version 1 of the world's asset (the world's media item). */
    private String v1;
    /** Version 2 of the same asset, the one an unpinned link shows. */
    private String v2;
    /** An item of another project, whose viewer is the world's outsider. */
    private String other;

    private final Map<String, List<String>> ladderFiles = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        // Every video gets a ladder: longer than 0 s.
        world = new AccessWorld(data, c -> c.withHls(new HlsPolicy(0, Long.MAX_VALUE)));
        v1 = world.mediaId;
        v2 = world.upload(EDITOR, TestMedia.get(TestMedia.Variant.VP9_WEBM));
        MediaReady.await(v2, () -> json(world.call(ADMIN, "GET", "/api/media/" + v2, null), 200));
        json(
                world.call(
                        EDITOR, "POST", "/api/assets/" + world.assetId + "/versions", "{\"mediaId\":\"" + v2 + "\"}"),
                201);
        String otherProject = json(world.call(ADMIN, "POST", "/api/projects", "{\"name\":\"Other show\"}"), 201)
                .get("id")
                .asText();
        world.server.repositories().members().put(otherProject, world.userIds.get(OUTSIDER), ProjectRole.VIEWER);
        other = world.upload(ADMIN, TestMedia.get(TestMedia.Variant.VP9_WEBM));
        MediaReady.await(other, () -> json(world.call(ADMIN, "GET", "/api/media/" + other, null), 200));
        json(world.file(ADMIN, otherProject, other), 201);
        for (String id : List.of(v1, v2, other)) {
            ladderFiles.put(id, awaitLadder(id));
        }
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void aViewerOfAnotherProjectReachesNoFileOfThisProjectsLadder() throws Exception {
        // The outsider is a viewer of the other project: its ladder plays for them (the attempt below is
        // not refused for want of a ladder)...
        for (String path : ladderFiles.get(other)) {
            assertEquals(200, world.call(OUTSIDER, "GET", path, null).statusCode(), path);
        }
        Map<String, String> wrong = new LinkedHashMap<>();
        // ...but no file of this project's ladders, whose ids they put in the path.
        for (String id : List.of(v1, v2)) {
            for (String path : ladderFiles.get(id)) {
                expect(wrong, OUTSIDER, "GET", path, 404);
                // HEAD has no route of its own here: Javalin used to answer it 200 with no handler and
                // no access check at all (fixed in the access filter).
                expect(wrong, OUTSIDER, "HEAD", path, 404);
            }
        }
        // A viewer of this project the other way round; an uploader with no project at all.
        for (String path : ladderFiles.get(other)) {
            expect(wrong, VIEWER, "GET", path, 404);
            expect(wrong, UPLOADER, "GET", path, 404);
        }
        // Nobody and a revoked token: who are you.
        for (String path : ladderFiles.get(v1)) {
            expect(wrong, ANONYMOUS, "GET", path, 401);
            expect(wrong, REVOKED_TOKEN, "GET", path, 401);
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong.values()));
    }

    @Test
    void aGuestReachesTheLadderOfTheVersionItsLinkShowsAndNoOther() throws Exception {
        // An unpinned link shows the latest version (v2): not the older v1 of the same asset, nor
        // another project's item.
        String latest =
                guest(share("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"]}")
                        .get("token")
                        .asText());
        Map<String, String> wrong = new LinkedHashMap<>();
        for (String path : ladderFiles.get(v2)) {
            HttpResponse<String> r = asGuest(latest, "GET", path);
            check(wrong, "latest-version guest GET " + path, r, 200);
            // Only the guest's browser may keep it: a shared cache would go on serving a revoked link.
            assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("private"), path);
        }
        for (String id : List.of(v1, other)) {
            for (String path : ladderFiles.get(id)) {
                check(wrong, "latest-version guest GET " + path, asGuest(latest, "GET", path), 404);
            }
        }
        // A link pinned to version 1: v1 plays, v2 (the newer version) does not exist for its guest.
        JsonNode pinned = share("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId
                + "\"},\"rights\":[\"view\"],\"version\":1}");
        String pinnedGuest = guest(pinned.get("token").asText());
        for (String path : ladderFiles.get(v1)) {
            check(wrong, "pinned guest GET " + path, asGuest(pinnedGuest, "GET", path), 200);
        }
        for (String path : ladderFiles.get(v2)) {
            check(wrong, "pinned guest GET " + path, asGuest(pinnedGuest, "GET", path), 404);
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong.values()));

        // Revoked: the very next segment request is refused (the guest's session ends with its link).
        assertEquals(
                204,
                world.call(EDITOR, "DELETE", "/api/shares/" + pinned.get("id").asText(), null)
                        .statusCode());
        for (String path : ladderFiles.get(v1)) {
            int status = asGuest(pinnedGuest, "GET", path).statusCode();
            assertTrue(status == 401 || status == 404, "a revoked guest got " + status + " for " + path);
        }
    }

    @Test
    void pathTricksNeverLeaveTheLadderOrTheMediaItemOfThePath() throws Exception {
        // A guest of a link to v2 (so the media id in the path is one they may see) and a viewer of the
        // project; the raw socket sends the target as written (java.net.http would normalize dots).
        String guest =
                guest(share("{\"target\":{\"type\":\"asset\",\"id\":\"" + world.assetId + "\"},\"rights\":[\"view\"]}")
                        .get("token")
                        .asText());
        String viewer = world.tokens.get(VIEWER);
        String rung = rung(v2);
        String base = "/api/media/" + v2 + "/hls/";
        // The helper itself reaches the ladder when nothing is tricked.
        assertEquals(200, raw(guest, base + "master.m3u8").status(), "the raw request works");

        List<String> targets = List.of(
                // Dot segments up to another item's ladder (other project) and to v1 (outside the link).
                base + "../../" + other + "/hls/master.m3u8",
                base + rung + "/../../../" + v1 + "/hls/master.m3u8",
                base + "%2e%2e/%2e%2e/" + other + "/hls/master.m3u8",
                base + "%2E%2E%2F%2E%2E%2F" + other + "%2Fhls%2Fmaster.m3u8",
                // Encoded separators inside the rendition and file parameters.
                base + rung + "/..%2F..%2F..%2F" + other + "%2Fhls%2Fmaster.m3u8",
                base + rung + "%2F..%2F..%2F..%2F" + other + "%2Fhls%2F" + rung + "/index.m3u8",
                base + rung + "/..%5C..%5Coriginal.webm",
                base + rung + "/%252e%252e%252foriginal.webm",
                base + rung + "/..%252f..%252fframemap.bin",
                // The item's other files by their own names, and a NUL to cut the name short.
                base + rung + "/../../original.webm",
                base + rung + "/../../framemap.bin",
                base + rung + "/index.m3u8%00.mp4",
                // Matrix parameters (";") that some servers strip before routing and others after.
                base + rung + "/index.m3u8;/../../../../" + other + "/hls/master.m3u8",
                "/api/media/" + v2 + ";/../" + other + "/hls/master.m3u8",
                "/api/media/" + other + ";" + v2 + "/hls/master.m3u8",
                // Another item's id as the rendition, an empty id, the route in other letters.
                base + other + "/index.m3u8",
                "/api/media//hls/master.m3u8",
                "/api/media/" + other + "/HLS/master.m3u8",
                "/api/media/" + other + "/hls/MASTER.M3U8");
        List<String> wrong = new ArrayList<>();
        for (String token : List.of(guest, viewer)) {
            for (String target : targets) {
                Raw r = raw(token, target);
                boolean leaked = r.body().contains("#EXTM3U") || r.body().contains("ftyp");
                if (leaked || r.status() < 400 || r.status() >= 500) {
                    wrong.add(r.status() + " for " + target + (leaked ? " (ladder bytes in the answer)" : ""));
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    @OutsideTheContract("the request guard refuses a cross-site state change (403) before any route is looked up,"
            + " so methods the document does not have on these paths answer 403 rather than 404 or 405")
    void crossSiteStateChangesOnTheLadderChangeNothing() throws Exception {
        // A signed-in editor's browser, lured to an attacker's page that sends text/plain requests
        // with the session cookie to every HLS path and method: none is a 2xx, and the ladder is whole.
        HttpResponse<String> login = world.call(
                ANONYMOUS,
                "POST",
                "/api/auth/login",
                "{\"username\":\"editor\",\"password\":\"" + AccessWorld.PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        String cookie = AccessWorld.sessionCookie(login) + "; fw_csrf=" + AccessWorld.csrfCookie(login);
        List<String> wrong = new ArrayList<>();
        for (String path : ladderFiles.get(v1)) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                HttpResponse<String> r = AccessWorld.HTTP.send(
                        HttpRequest.newBuilder(world.uri(path))
                                .timeout(Duration.ofSeconds(30))
                                .method(method, HttpRequest.BodyPublishers.ofString("#EXTM3U\n#EXT-X-ENDLIST\n"))
                                .header("Content-Type", "text/plain")
                                .header("Origin", "http://evil.example")
                                .header("Sec-Fetch-Site", "cross-site")
                                .header("Cookie", cookie)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() < 400) {
                    wrong.add(method + " " + path + " answered " + r.statusCode());
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        for (String path : ladderFiles.get(v1)) {
            assertEquals(200, world.call(EDITOR, "GET", path, null).statusCode(), path);
        }
        // The master playlist is still the engine's, not the body sent above.
        String master =
                world.call(EDITOR, "GET", ladderFiles.get(v1).get(0), null).body();
        assertTrue(master.contains("#EXT-X-STREAM-INF"), master);
        Path folder =
                world.server.config().dataDir().resolve("media").resolve(v1).resolve("hls");
        assertTrue(Files.isRegularFile(folder.resolve("master.m3u8")), "the ladder's files are still there");
    }

    @Test
    void garbageRangesOnASegmentAreAnsweredNeverFailed() throws Exception {
        String segment = ladderFiles.get(v1).get(ladderFiles.get(v1).size() - 1);
        List<String> wrong = new ArrayList<>();
        for (String range : List.of(
                "bytes=999999999999-",
                "bytes=-0",
                "bytes=5-1",
                "bytes=abc",
                "items=0-1",
                "bytes=0-99999999999999999999999999",
                "bytes=-99999999999999999999999999",
                "bytes=" + "0-0,".repeat(400) + "1-1",
                "bytes=--1",
                "bytes= 0 - 1 ")) {
            HttpResponse<String> r = world.call(VIEWER, "GET", segment, null, Map.of("Range", range));
            if (r.statusCode() != 200 && r.statusCode() != 206 && r.statusCode() != 416) {
                wrong.add(r.statusCode() + " for Range: " + range.substring(0, Math.min(40, range.length())));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The master playlist, the first rung's playlist, init segment and first media segment of {@code id}. */
    private List<String> awaitLadder(String id) throws Exception {
        Await.until("the HLS ladder of " + id, MediaReady.DEADLINE, () -> {
            try {
                JsonNode item = json(world.call(ADMIN, "GET", "/api/media/" + id, null), 200);
                for (JsonNode r : item.path("renditions")) {
                    if (r.path("kind").asText().equals("hls")) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String base = "/api/media/" + id + "/hls/";
        String rung = rung(id);
        HttpResponse<String> playlist = world.call(ADMIN, "GET", base + rung + "/index.m3u8", null);
        assertEquals(200, playlist.statusCode(), playlist.body());
        String segment = playlist.body()
                .lines()
                .filter(l -> l.endsWith(".m4s"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no segment in " + playlist.body()));
        return List.of(
                base + "master.m3u8",
                base + rung + "/index.m3u8",
                base + rung + "/init.mp4",
                base + rung + "/" + segment);
    }

    /** The first rendition the master playlist of {@code id} names ("360p"). */
    private String rung(String id) throws Exception {
        HttpResponse<String> master = world.call(ADMIN, "GET", "/api/media/" + id + "/hls/master.m3u8", null);
        assertEquals(200, master.statusCode(), master.body());
        String first = master.body()
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rendition in " + master.body()));
        return first.substring(0, first.indexOf('/'));
    }

    private JsonNode share(String body) throws Exception {
        return json(world.call(EDITOR, "POST", "/api/shares", body), 201);
    }

    private String guest(String linkToken) throws Exception {
        return json(
                        world.call(
                                ANONYMOUS,
                                "POST",
                                "/api/guest/sessions",
                                "{\"token\":\"" + linkToken + "\",\"name\":\"Attacker\"}"),
                        201)
                .get("guestToken")
                .asText();
    }

    private HttpResponse<String> asGuest(String guestToken, String method, String path) throws Exception {
        return AccessWorld.HTTP.send(
                HttpRequest.newBuilder(world.uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer " + guestToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void expect(Map<String, String> wrong, Who who, String method, String path, int expected) throws Exception {
        check(wrong, who + " " + method + " " + path, world.call(who, method, path, null), expected);
    }

    private static void check(Map<String, String> wrong, String what, HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            wrong.put(what, what + ": expected " + expected + ", got " + r.statusCode());
        }
    }

    private record Raw(int status, String body) {}

    /** A GET of {@code target} exactly as written, over a raw socket, with a bearer token. */
    private Raw raw(String bearer, String target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), world.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + world.server.port()
                            + "\r\nAuthorization: Bearer " + bearer + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String statusLine = answer.substring(0, answer.indexOf("\r\n"));
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new Raw(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        }
    }
}
