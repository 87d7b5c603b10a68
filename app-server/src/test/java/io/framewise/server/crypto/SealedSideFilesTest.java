package io.framewise.server.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.attachments.AttachmentFiles;
import io.framewise.server.storage.MediaStore;
import io.framewise.server.templates.TemplateRequests;
import io.framewise.server.testing.StoreNodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files beside the media that encryption at rest seals too (ADR 0061): subtitle tracks, template
 * watermarks and subtitle files, and note attachments lie sealed on disk, and every reader (the
 * WebVTT route, the cue list, the engine burning a template into a preview, the attachment route)
 * gets their plain bytes back.
 */
class SealedSideFilesTest {

    private static final String SUBTITLE_TEXT = "SEALED SUBTITLE LINE";
    private static final String SRT = "1\n00:00:01,000 --> 00:00:03,000\n" + SUBTITLE_TEXT + "\n";

    @TempDir
    Path data;

    private AtRest atRest;
    private FramewiseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (atRest != null) {
            atRest.close();
        }
    }

    /** Encryption at rest on for the data folder, under a fresh random master key. */
    private void encrypt() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        atRest = AtRest.open(data, MasterKey.of(k));
    }

    private void start() {
        encrypt();
        server = FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1), atRest);
    }

    @Test
    void aSubtitleTrackIsSealedAndServedAsWebVtt() throws Exception {
        start();
        String media = StoreNodes.upload(server, TestMedia.get(Variant.MPEG_TS));
        StoreNodes.awaitReady(server, media);
        HttpResponse<byte[]> up = StoreNodes.post(
                server,
                "/api/media/" + media + "/subtitles?language=en",
                SRT.getBytes(StandardCharsets.UTF_8),
                "application/octet-stream");
        assertEquals(201, up.statusCode(), new String(up.body(), StandardCharsets.UTF_8));
        String track = StoreNodes.JSON.readTree(up.body()).path("id").asText();

        Path file = data.resolve("media").resolve(media).resolve("subtitles").resolve(track + ".vtt");
        assertTrue(Files.isRegularFile(file), "the track's file");
        assertTrue(AtRest.isSealed(file), "the track is sealed");
        assertFalse(contains(Files.readAllBytes(file), SUBTITLE_TEXT), "no cue text on disk");

        HttpResponse<byte[]> vtt = StoreNodes.get(server, "/api/media/" + media + "/subtitles/" + track + ".vtt");
        assertEquals(200, vtt.statusCode());
        String text = new String(vtt.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("WEBVTT") && text.contains(SUBTITLE_TEXT), text);
        JsonNode cues =
                StoreNodes.JSON.readTree(StoreNodes.get(server, "/api/media/" + media + "/subtitles/" + track + "/cues")
                        .body());
        assertEquals(SUBTITLE_TEXT, cues.path(0).path("text").asText(), cues.toString());
    }

    @Test
    void templateFilesAreSealedAndTheEngineBurnsTheirPlainContent() throws Exception {
        start();
        String media = StoreNodes.upload(server, TestMedia.get(Variant.MPEG_TS));
        StoreNodes.awaitReady(server, media);
        String logo = templateFile("logo.png", TemplateRequests.png(), "image/png");
        String subtitles = templateFile("lines.srt", SRT.getBytes(StandardCharsets.UTF_8), "text/plain");
        for (String id : new String[] {logo, subtitles}) {
            Path file = data.resolve("templates").resolve(id);
            assertTrue(AtRest.isSealed(file), "template file " + id + " is sealed");
        }
        assertFalse(contains(Files.readAllBytes(data.resolve("templates").resolve(subtitles)), SUBTITLE_TEXT));

        BufferedImage plain = preview(media, "[]", 50);
        BufferedImage branded = preview(
                media,
                "[{\"type\":\"image\",\"imageId\":\"" + logo + "\",\"position\":\"bottom-right\",\"scale\":0.25}]",
                50);
        BufferedImage subtitled = preview(
                media, "[{\"type\":\"subtitles\",\"source\":\"sidecar\",\"fileId\":\"" + subtitles + "\"}]", 50);
        int red = TemplateRequests.turnedRed(plain, branded);
        assertTrue(red > 2000, "pixels the sealed watermark turned red: " + red);
        int lettered = 0;
        for (int y = subtitled.getHeight() * 2 / 3; y < subtitled.getHeight(); y++) {
            for (int x = 0; x < subtitled.getWidth(); x++) {
                if (distance(subtitled.getRGB(x, y), plain.getRGB(x, y)) > 120) {
                    lettered++;
                }
            }
        }
        assertTrue(lettered > 300, "pixels the sealed subtitle file's cue changed: " + lettered);
    }

    @Test
    void aNoteAttachmentIsSealedAndReadBackWhole() throws Exception {
        encrypt();
        byte[] png = TemplateRequests.png();
        try (MediaStore store = MediaStore.dataFolder(data)) {
            AttachmentFiles files = new AttachmentFiles(data, store);
            String path = files.writePng("note1", "attachment1", png);
            Path file = data.resolve(path);
            assertTrue(AtRest.isSealed(file), path + " is sealed");
            assertFalse(contains(Files.readAllBytes(file), new String(png, 0, 16, StandardCharsets.ISO_8859_1)));
            assertArrayEquals(png, files.read(path));
        }
    }

    private String templateFile(String name, byte[] body, String type) throws Exception {
        HttpResponse<byte[]> r = StoreNodes.post(server, "/api/templates/files?filename=" + name, body, type);
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return StoreNodes.JSON.readTree(r.body()).path("id").asText();
    }

    private BufferedImage preview(String media, String steps, long frame) throws Exception {
        String template =
                "{\"projectId\":null,\"name\":\"Sealed\",\"steps\":" + steps + ",\"output\":{\"format\":\"mp4\"}}";
        HttpResponse<byte[]> r = StoreNodes.post(
                server,
                "/api/templates/preview?mediaId=" + media + "&frame=" + frame + "&width=640",
                template.getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    private static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff))
                + Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
