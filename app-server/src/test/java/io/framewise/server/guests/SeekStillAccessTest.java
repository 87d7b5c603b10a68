package io.framewise.server.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.testing.Await;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seek proxy's stills are guarded exactly like the exact stills: project members see them,
 * outsiders and other people's links get the same 404 as for something that does not exist, a
 * missing or revoked credential gets 401, and a guest sees them only for the media of its link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeekStillAccessTest {

    private AccessWorld world;
    private String guest;
    /** Media of the same project that the guest's link does not show. */
    private String outsideMedia;

    @BeforeAll
    void start(@TempDir java.nio.file.Path data) throws Exception {
        world = new AccessWorld(data);
        outsideMedia = world.filedMedia();
        guest = world.guestToken(world.assetId);
        Await.until("the seek proxy", Duration.ofSeconds(90), () -> {
            try {
                return world.call(Who.EDITOR, "GET", seek(world.mediaId, 0), null)
                                .statusCode()
                        == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    void everyoneGetsTheSeekStillExactlyWhenTheyGetTheExactStill() throws Exception {
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        for (Who who : new Who[] {Who.ADMIN, Who.OWNER, Who.EDITOR, Who.REVIEWER, Who.VIEWER}) {
            expected.put(who, 200);
        }
        expected.put(Who.OUTSIDER, 404);
        expected.put(Who.UPLOADER, 404);
        expected.put(Who.ANONYMOUS, 401);
        expected.put(Who.REVOKED_TOKEN, 401);
        expected.put(Who.EXPIRED_SESSION, 401);
        for (Map.Entry<Who, Integer> e : expected.entrySet()) {
            HttpResponse<String> seekAnswer = world.call(e.getKey(), "GET", seek(world.mediaId, 42), null);
            HttpResponse<String> exactAnswer =
                    world.call(e.getKey(), "GET", "/api/media/" + world.mediaId + "/frames/42", null);
            assertEquals(e.getValue(), seekAnswer.statusCode(), e.getKey() + ": " + seekAnswer.body());
            assertEquals(exactAnswer.statusCode(), seekAnswer.statusCode(), e.getKey() + " as for the exact still");
            if (e.getValue() == 200) {
                assertEquals(
                        "42", seekAnswer.headers().firstValue("X-Frame-Index").orElse(""));
                assertEquals(
                        "seek",
                        seekAnswer.headers().firstValue("X-Frame-Source").orElse(""));
            }
        }
    }

    @Test
    void aGuestSeesSeekStillsOfItsLinkOnly() throws Exception {
        HttpResponse<byte[]> inside = asGuest(guest, seek(world.mediaId, 17));
        assertEquals(200, inside.statusCode());
        assertEquals("17", inside.headers().firstValue("X-Frame-Index").orElse(""));
        assertEquals(17, io.framewise.media.testing.FrameCode.read(inside.body()));

        HttpResponse<byte[]> outside = asGuest(guest, seek(outsideMedia, 17));
        assertEquals(404, outside.statusCode(), new String(outside.body()));
        HttpResponse<byte[]> nobody = asGuest(guest, seek("AAAAAAAAAAAAAAAAAAAAAA", 17));
        assertEquals(404, nobody.statusCode());
        HttpResponse<byte[]> forged = asGuest("fwg_" + "A".repeat(43), seek(world.mediaId, 17));
        assertEquals(401, forged.statusCode());
        HttpResponse<byte[]> garbage = asGuest(guest, "/api/media/" + world.mediaId + "/frames/17?source=../../x");
        assertEquals(400, garbage.statusCode());
        assertTrue(new String(garbage.body()).contains("source must be exact or seek"));
    }

    private static String seek(String mediaId, int n) {
        return "/api/media/" + mediaId + "/frames/" + n + "?source=seek&format=jpg";
    }

    private HttpResponse<byte[]> asGuest(String token, String path) throws Exception {
        return AccessWorld.HTTP.send(
                HttpRequest.newBuilder(world.uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
