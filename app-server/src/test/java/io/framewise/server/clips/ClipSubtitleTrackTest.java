package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.clip.template.ClipTemplates;
import io.framewise.model.testing.Await;
import io.framewise.server.clips.ClipsServer.Answer;
import io.framewise.server.http.ApiException;
import io.framewise.server.subtitles.SubtitleTestMedia;
import io.framewise.server.templates.ResolvedTemplate;
import io.framewise.server.templates.TemplateResolver;
import io.framewise.server.testing.MediaReady;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template burns in one of the source's own subtitle tracks ({"source":"track","track":id}): the
 * cue's text is on exactly the clip frames its cue covers in the source, and a track the source
 * does not have is refused before anything is filed.
 */
class ClipSubtitleTrackTest {

    static final String TEMPLATE_ID = "SSSSSSSSSSSSSSSSSSSSSS";

    @TempDir
    Path data;

    @TempDir
    Path media;

    @Test
    void theSourcesTrackIsBurnedOnTheFramesItsCuesCover() throws Exception {
        AtomicReference<String> track = new AtomicReference<>();
        TemplateResolver templates = (caller, id) -> {
            if (!TEMPLATE_ID.equals(id)) {
                throw new ApiException.NotFound("no such template: " + id, Map.of());
            }
            String body = "{\"name\":\"Burn\",\"steps\":[{\"type\":\"subtitles\",\"source\":\"track\",\"track\":\""
                    + track.get() + "\",\"size\":0.12,\"color\":\"#FFFFFF\",\"position\":\"bottom\"}],"
                    + "\"output\":{\"format\":\"mp4\"}}";
            return new ResolvedTemplate(id, Optional.empty(), ClipTemplates.parse(body), Map.of());
        };
        try (ClipsServer server = new ClipsServer(data, e -> {}, templates)) {
            // 25 fps; the embedded cue "First line" is on source frames 25..49.
            String source = server.readySource(SubtitleTestMedia.make(media, "25", "mp4", "mov_text", 4), "Talk");
            JsonNode tracks = Await.value("the embedded track", MediaReady.DEADLINE, () -> {
                JsonNode list = server.json("/api/media/" + source + "/subtitles");
                return list.size() > 0 ? list : null;
            });

            track.set("UUUUUUUUUUUUUUUUUUUUUU");
            Answer missing = server.call(
                    "POST",
                    "/api/media/" + source + "/clips",
                    "{\"in\":20,\"out\":55,\"mode\":\"reencode\",\"templateId\":\"" + TEMPLATE_ID + "\"}");
            assertEquals(422, missing.status(), String.valueOf(missing.body()));
            assertTrue(missing.body().at("/error/message").asText().contains("not a text subtitle track"));

            track.set(tracks.get(0).path("id").asText());
            JsonNode started =
                    server.clip(source, Map.of("in", 20, "out", 55, "mode", "reencode", "templateId", TEMPLATE_ID));
            String clip = started.path("id").asText();
            server.awaitStatus(clip, "ready");
            // Clip frame k is source frame 20 + k: the cue is on clip frames 5..29.
            for (int k : new int[] {0, 4, 5, 29, 30, 34}) {
                double diff = bottomDifference(still(server, clip, k), still(server, source, 20 + k));
                boolean on = k >= 5 && k < 30;
                assertTrue(
                        on ? diff > 6 : diff < 3, "clip frame " + k + ": difference " + diff + " (cue on: " + on + ")");
            }
        }
    }

    /** Mean absolute difference of the pictures' bottom quarter, per channel. */
    static double bottomDifference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        long sum = 0;
        long n = 0;
        for (int y = a.getHeight() * 3 / 4; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    private static BufferedImage still(ClipsServer server, String mediaId, long n) throws Exception {
        Answer a = server.call("GET", "/api/media/" + mediaId + "/frames/" + n + "?format=png", null);
        assertEquals(200, a.status());
        return ImageIO.read(new ByteArrayInputStream(a.raw().body()));
    }
}
