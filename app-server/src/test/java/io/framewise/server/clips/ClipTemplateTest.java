package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.clip.template.ClipTemplates;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.clips.ClipsServer.Answer;
import io.framewise.server.http.ApiException;
import io.framewise.server.jobs.Job;
import io.framewise.server.templates.ResolvedTemplate;
import io.framewise.server.templates.TemplateResolver;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clip with a template: the template the caller was shown travels with the job, the slate's frames
 * come first, and after them frame k of the clip is still frame in+k of the source.
 */
class ClipTemplateTest {

    static final String TEMPLATE_ID = "TTTTTTTTTTTTTTTTTTTTTT";

    /** A grey slate of 5 frames, then a white box in the bottom right corner on every frame. */
    static final String TEMPLATE = "{\"name\":\"Review\",\"steps\":["
            + "{\"type\":\"slate\",\"frames\":5,\"background\":\"#808080\"},"
            + "{\"type\":\"text\",\"text\":\"{timecode}\",\"position\":\"bottom-right\",\"size\":0.1,"
            + "\"color\":\"#FFFFFF\",\"opacity\":1,\"box\":true,\"boxColor\":\"#FFFFFF\"}],"
            + "\"output\":{\"format\":\"mp4\"}}";

    @TempDir
    Path data;

    @Test
    void theSlateComesFirstThenTheSourceFramesAskedWithTheOverlay() throws Exception {
        TemplateResolver templates = (caller, id) -> {
            if (!TEMPLATE_ID.equals(id)) {
                throw new ApiException.NotFound("no such template: " + id, Map.of());
            }
            return new ResolvedTemplate(id, Optional.empty(), ClipTemplates.parse(TEMPLATE), Map.of());
        };
        try (ClipsServer server = new ClipsServer(data, e -> {}, templates)) {
            String source = server.readySource(Variant.H264_LONG_GOP, "Shot");
            JsonNode started =
                    server.clip(source, Map.of("in", 40, "out", 70, "mode", "smart", "templateId", TEMPLATE_ID));
            Job job = server.jobs.get(started.path("jobId").asText()).orElseThrow();
            assertTrue(job.payloadJson().contains("\"Review\""), "the template travels with the job");

            String clipId = started.path("id").asText();
            JsonNode clip = server.awaitStatus(clipId, "ready");
            assertEquals(TEMPLATE_ID, clip.at("/clipOf/templateId").asText());
            assertEquals("reencode", clip.at("/clipOf/mode").asText(), "a template that draws re-encodes");
            assertEquals(35, clip.path("frameCount").asLong(), "5 slate frames and 30 of the source");
            BufferedImage slate = still(server, clipId, 2);
            int grey = slate.getRGB(slate.getWidth() / 2, slate.getHeight() / 2) & 0xff;
            assertTrue(Math.abs(grey - 128) < 16, "the slate's grey card: " + grey);
            for (long k : new long[] {0, 15, 29}) {
                assertEquals(Variant.H264_LONG_GOP.expectedCode(40 + k), server.frameCode(clipId, 5 + k));
            }
            BufferedImage picture = still(server, clipId, 10);
            int corner = picture.getRGB(picture.getWidth() - 30, picture.getHeight() - 20) & 0xff;
            assertTrue(corner > 200, "the white box sits in the bottom right corner: " + corner);

            Answer unknown = server.call(
                    "POST",
                    "/api/media/" + source + "/clips",
                    "{\"in\":0,\"out\":10,\"mode\":\"smart\",\"templateId\":\"UUUUUUUUUUUUUUUUUUUUUU\"}");
            assertEquals(422, unknown.status());
            assertEquals("templateId", unknown.body().at("/error/details/field").asText());
        }
    }

    private static BufferedImage still(ClipsServer server, String mediaId, long n) throws Exception {
        Answer a = server.call("GET", "/api/media/" + mediaId + "/frames/" + n + "?format=png", null);
        assertEquals(200, a.status());
        return ImageIO.read(new ByteArrayInputStream(a.raw().body()));
    }
}
