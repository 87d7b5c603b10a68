package io.framewise.server.media;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.ANONYMOUS;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.OWNER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.framewise.server.testing.AccessWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/media/{id}/stream?rendition=original}, which reads no row of the item once the
 * access filter has allowed it (the stored path is remembered for a moment): still a 404 for whoever
 * may not see the item, and a 404 for everyone, administrators included, right after the item is
 * removed.
 */
class OriginalStreamTest {

    @TempDir
    Path data;

    @Test
    void theOriginalIsServedToViewersOnlyAndGoneWithItsItem() throws Exception {
        try (AccessWorld world = new AccessWorld(data, true)) {
            String stream = "/api/media/" + world.mediaId + "/stream?rendition=original";
            Map<String, String> range = Map.of("Range", "bytes=0-9");
            for (AccessWorld.Who who : new AccessWorld.Who[] {ADMIN, VIEWER}) {
                HttpResponse<String> r = world.call(who, "GET", stream, null, range);
                assertEquals(206, r.statusCode(), who + ": " + r.body());
                assertEquals("10", r.headers().firstValue("Content-Length").orElseThrow());
            }
            assertEquals(404, world.call(OUTSIDER, "GET", stream, null, range).statusCode());
            assertEquals(401, world.call(ANONYMOUS, "GET", stream, null, range).statusCode());
            assertEquals(
                    404,
                    world.call(
                                    ADMIN,
                                    "GET",
                                    "/api/media/0123456789abcdef0123456789abcdef/stream?rendition=original",
                                    null)
                            .statusCode());

            assertEquals(
                    204,
                    world.call(OWNER, "DELETE", "/api/media/" + world.mediaId, null)
                            .statusCode());
            assertEquals(404, world.call(ADMIN, "GET", stream, null, range).statusCode());
            assertEquals(404, world.call(ADMIN, "HEAD", stream, null).statusCode());
            assertEquals(404, world.call(VIEWER, "GET", stream, null, range).statusCode());
        }
    }
}
