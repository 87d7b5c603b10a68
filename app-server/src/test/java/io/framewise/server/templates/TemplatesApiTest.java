package io.framewise.server.templates;

import static io.framewise.server.testing.AccessWorld.Who.ADMIN;
import static io.framewise.server.testing.AccessWorld.Who.EDITOR;
import static io.framewise.server.testing.AccessWorld.Who.OUTSIDER;
import static io.framewise.server.testing.AccessWorld.Who.REVIEWER;
import static io.framewise.server.testing.AccessWorld.Who.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.server.testing.AccessWorld;
import io.framewise.server.testing.AccessWorld.Who;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The template routes on a real server (port 0) with real media, as each kind of person. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesApiTest {

    private AccessWorld world;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        world = new AccessWorld(data);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private HttpResponse<byte[]> upload(Who who, String filename, byte[] body) throws Exception {
        return TemplateRequests.upload(world, who, filename, body);
    }

    private static byte[] png() throws Exception {
        return TemplateRequests.png();
    }

    private static String template(String projectId, String steps) {
        return TemplateRequests.template(projectId, steps);
    }

    @Test
    void anEditorBrandsWithAnUploadedLogoAndMembersUseIt() throws Exception {
        HttpResponse<byte[]> uploaded = upload(EDITOR, "logo.png", png());
        assertEquals(201, uploaded.statusCode(), new String(uploaded.body()));
        JsonNode file = AccessWorld.JSON.readTree(uploaded.body());
        assertEquals("image", file.get("kind").asText());
        String steps = "[{\"type\":\"image\",\"imageId\":\"" + file.get("id").asText()
                + "\",\"position\":\"bottom-right\"},{\"type\":\"text\",\"text\":\"{title} {timecode}\",\"position\":\"bottom-left\"}]";
        JsonNode created =
                AccessWorld.json(world.call(EDITOR, "POST", "/api/templates", template(world.projectId, steps)), 201);
        String id = created.get("id").asText();
        assertEquals(world.projectId, created.get("projectId").asText());
        assertEquals(0.15, created.get("steps").get(0).get("scale").asDouble(), "defaults written out");

        assertEquals(
                200, world.call(VIEWER, "GET", "/api/templates/" + id, null).statusCode());
        assertEquals(
                403,
                world.call(REVIEWER, "PUT", "/api/templates/" + id, template(world.projectId, steps))
                        .statusCode());
        assertEquals(
                404, world.call(OUTSIDER, "GET", "/api/templates/" + id, null).statusCode());
        JsonNode list = AccessWorld.json(world.call(VIEWER, "GET", "/api/templates", null), 200);
        assertTrue(list.get("items").findValuesAsText("id").contains(id));
        JsonNode outsiders = AccessWorld.json(world.call(OUTSIDER, "GET", "/api/templates", null), 200);
        assertTrue(!outsiders.get("items").findValuesAsText("id").contains(id), "outsiders do not see it");

        HttpRequest.Builder preview = HttpRequest.newBuilder(
                        world.uri("/api/templates/" + id + "/preview?mediaId=" + world.mediaId + "&frame=42&width=320"))
                .GET();
        world.credentials(VIEWER).forEach(preview::header);
        HttpResponse<byte[]> jpeg = AccessWorld.HTTP.send(preview.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, jpeg.statusCode());
        assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElse(""));
        assertEquals(42, FrameCode.read(jpeg.body()), "the preview shows exactly the frame asked for");

        // Someone else's upload cannot be named, a reviewer's even less.
        assertEquals(
                400,
                world.call(
                                ADMIN,
                                "POST",
                                "/api/templates",
                                template(
                                        world.projectId,
                                        "[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\""
                                                + file.get("id").asText() + "\"}]"))
                        .statusCode(),
                "an image named as subtitles");
        assertEquals(
                204, world.call(EDITOR, "DELETE", "/api/templates/" + id, null).statusCode());
        assertEquals(
                404, world.call(EDITOR, "GET", "/api/templates/" + id, null).statusCode());
    }

    @Test
    void thePreviewBurnsTheDrawingsOfTheNotesOnItsFrame() throws Exception {
        String drawing = "{\"schema\":1,\"shapes\":[{\"type\":\"rect\",\"color\":\"#00FF00\",\"width\":0.03,"
                + "\"points\":[[0.1,0.4],[0.9,0.7]]}]}";
        HttpResponse<String> note = world.call(
                EDITOR,
                "POST",
                "/api/media/" + world.mediaId + "/comments",
                "{\"text\":\"box this\",\"frame\":30,\"frameOut\":33,\"drawing\":" + drawing + "}");
        assertEquals(201, note.statusCode(), note.body());
        String drawings = template(world.projectId, "[{\"type\":\"drawings\"}]");
        String plain = template(world.projectId, "[]");

        BufferedImage onNote = preview(drawings, 31);
        assertEquals(31, FrameCode.read(onNote), "the preview still shows the frame asked for");
        double on = changedAlongTopEdge(preview(plain, 31), onNote);
        double off = changedAlongTopEdge(preview(plain, 34), preview(drawings, 34));
        assertTrue(on > 0.6, "the note's box is burned on frame 31 (" + on + " of its edge changed)");
        assertTrue(off < 0.05, "no box on frame 34, past the note's range (" + off + " changed)");
    }

    private BufferedImage preview(String body, long frame) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        world.uri("/api/templates/preview?mediaId=" + world.mediaId + "&frame=" + frame + "&width=640"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        world.credentials(VIEWER).forEach(request::header);
        HttpResponse<byte[]> jpeg = AccessWorld.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, jpeg.statusCode(), new String(jpeg.body()));
        return ImageIO.read(new ByteArrayInputStream(jpeg.body()));
    }

    /** The share of pixels on the box's top edge (y = 0.4, x in 0.2..0.8) that differ between a and b. */
    private static double changedAlongTopEdge(BufferedImage a, BufferedImage b) {
        int y = (int) Math.round(0.4 * a.getHeight());
        int changed = 0;
        int total = 0;
        for (int x = (int) (0.2 * a.getWidth()); x < (int) (0.8 * a.getWidth()); x++) {
            int most = 0;
            for (int dy = -2; dy <= 2; dy++) {
                int p = a.getRGB(x, y + dy);
                int q = b.getRGB(x, y + dy);
                for (int shift = 0; shift <= 16; shift += 8) {
                    most = Math.max(most, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
                }
            }
            changed += most > 60 ? 1 : 0;
            total++;
        }
        return (double) changed / total;
    }

    @Test
    void globalTemplatesAreWrittenByAdminsAndReadByEveryone() throws Exception {
        String body = template(null, "[{\"type\":\"slate\",\"frames\":12}]");
        assertEquals(403, world.call(EDITOR, "POST", "/api/templates", body).statusCode());
        String id = AccessWorld.json(world.call(ADMIN, "POST", "/api/templates", body), 201)
                .get("id")
                .asText();
        assertEquals(
                200, world.call(OUTSIDER, "GET", "/api/templates/" + id, null).statusCode());
        assertEquals(
                403, world.call(EDITOR, "DELETE", "/api/templates/" + id, null).statusCode());
    }

    @Test
    void hostileInputIsRefusedNamingTheProblem() throws Exception {
        HttpResponse<String> garbage = world.call(EDITOR, "POST", "/api/templates", "{\"name\": [}");
        assertEquals(400, garbage.statusCode());
        HttpResponse<String> unknown = world.call(
                EDITOR,
                "POST",
                "/api/templates",
                template(world.projectId, "[{\"type\":\"drawings\"},{\"type\":\"text\",\"colour\":\"#FFFFFF\"}]"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("steps[1].colour is not a known field"), unknown.body());
        HttpResponse<String> otherProject =
                world.call(EDITOR, "POST", "/api/templates", template("AAAAAAAAAAAAAAAAAAAAAA", "[]"));
        assertEquals(404, otherProject.statusCode());
        HttpResponse<String> notMine = world.call(
                EDITOR,
                "POST",
                "/api/templates",
                template(world.projectId, "[{\"type\":\"image\",\"imageId\":\"AAAAAAAAAAAAAAAAAAAAAA\"}]"));
        assertEquals(400, notMine.statusCode());
        assertTrue(notMine.body().contains("steps[0].imageId"), notMine.body());

        HttpResponse<byte[]> text = upload(EDITOR, "logo.png", "this is not a picture".getBytes());
        assertEquals(400, text.statusCode());
        assertTrue(new String(text.body()).contains("not a PNG"));
        HttpResponse<byte[]> exe = upload(EDITOR, "tool.exe", new byte[] {1, 2, 3});
        assertEquals(415, exe.statusCode());
        byte[] huge = new byte[(int) TemplateFiles.MAX_BYTES + 10];
        System.arraycopy(png(), 0, huge, 0, 8);
        assertEquals(413, upload(EDITOR, "huge.png", huge).statusCode());
        assertEquals(403, upload(VIEWER, "logo.png", png()).statusCode(), "viewers upload nothing");

        HttpResponse<String> notReady = world.call(
                EDITOR,
                "POST",
                "/api/templates/preview?mediaId=AAAAAAAAAAAAAAAAAAAAAA",
                template(world.projectId, "[]"));
        assertEquals(404, notReady.statusCode());
        HttpResponse<String> badFrame = world.call(
                EDITOR,
                "POST",
                "/api/templates/preview?mediaId=" + world.mediaId + "&frame=99999",
                template(world.projectId, "[]"));
        assertEquals(400, badFrame.statusCode());
    }
}
