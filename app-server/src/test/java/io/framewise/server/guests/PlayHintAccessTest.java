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
 * The {@code prefetch=play} hint is guarded exactly like the still it prepares: whoever gets the
 * still gets 204, outsiders and other people's links get the same 404 as for something that does not
 * exist, a missing or revoked credential gets 401, and a guest may hint only for the media of its link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayHintAccessTest {

    private AccessWorld world;
    private String guest;
    /** Media of the same project that the guest's link does not show. */
    private String outsideMedia;

    @BeforeAll
    void start(@TempDir java.nio.file.Path data) throws Exception {
        world = new AccessWorld(data);
        outsideMedia = world.filedMedia();
        guest = world.guestToken(world.assetId);
        Await.until("the media to have frames", Duration.ofSeconds(90), () -> {
            try {
                return world.call(Who.EDITOR, "GET", "/api/media/" + world.mediaId + "/frames/0", null)
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
    void everyoneMayHintExactlyWhenTheyGetTheStill() throws Exception {
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        for (Who who : new Who[] {Who.ADMIN, Who.OWNER, Who.EDITOR, Who.REVIEWER, Who.VIEWER}) {
            expected.put(who, 204);
        }
        expected.put(Who.OUTSIDER, 404);
        expected.put(Who.UPLOADER, 404);
        expected.put(Who.ANONYMOUS, 401);
        expected.put(Who.REVOKED_TOKEN, 401);
        expected.put(Who.EXPIRED_SESSION, 401);
        for (Map.Entry<Who, Integer> e : expected.entrySet()) {
            HttpResponse<String> hint = world.call(e.getKey(), "GET", play(world.mediaId, 42), null);
            HttpResponse<String> still =
                    world.call(e.getKey(), "GET", "/api/media/" + world.mediaId + "/frames/42", null);
            assertEquals(e.getValue(), hint.statusCode(), e.getKey() + ": " + hint.body());
            if (e.getValue() == 204) {
                assertEquals(200, still.statusCode(), e.getKey() + " gets the still");
            } else {
                assertEquals(still.statusCode(), hint.statusCode(), e.getKey() + " as for the still");
            }
        }
    }

    @Test
    void aGuestHintsForItsLinkOnly() throws Exception {
        assertEquals(204, asGuest(guest, play(world.mediaId, 17)).statusCode());
        HttpResponse<byte[]> outside = asGuest(guest, play(outsideMedia, 17));
        assertEquals(404, outside.statusCode(), new String(outside.body()));
        assertEquals(404, asGuest(guest, play("AAAAAAAAAAAAAAAAAAAAAA", 17)).statusCode());
        assertEquals(
                401, asGuest("fwg_" + "A".repeat(43), play(world.mediaId, 17)).statusCode());
        HttpResponse<byte[]> garbage = asGuest(guest, "/api/media/" + world.mediaId + "/frames/17?prefetch=../../x");
        assertEquals(400, garbage.statusCode());
        assertTrue(new String(garbage.body()).contains("prefetch must be play"));
    }

    private static String play(String mediaId, int n) {
        return "/api/media/" + mediaId + "/frames/" + n + "?width=320&format=jpg&prefetch=play";
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
