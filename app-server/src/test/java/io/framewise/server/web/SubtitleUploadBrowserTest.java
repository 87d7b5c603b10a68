package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * An editor adds a sidecar WebVTT through the review page's subtitle menu ("Add subtitles…"): a
 * broken file is refused with the server's own message, the good one shows its cue on exactly the
 * frames it covers, and "Remove" takes it away again. A viewer of the project sees the tracks but
 * neither the upload entry nor Remove.
 */
class SubtitleUploadBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String media;
    static String asset;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data.resolve("server"))
                .withPort(0)
                .withWorkers(2)
                .withAuth(AuthSettings.local()));
        api = ServerFixture.asNewAdmin(server, "owen", AccountsBrowserTest.PASSWORD);
        String project = api.project("Subtitle uploads");
        server.repositories().accounts().create("vera", AccountsBrowserTest.PASSWORD, false);
        String owen = server.repositories()
                .accounts()
                .findByName("owen")
                .orElseThrow()
                .id();
        String vera = server.repositories()
                .accounts()
                .findByName("vera")
                .orElseThrow()
                .id();
        api.send(
                "PUT",
                "/api/projects/" + project + "/members",
                "[{\"userId\":\"" + owen + "\",\"role\":\"owner\"},{\"userId\":\"" + vera + "\",\"role\":\"viewer\"}]");
        // 250 frames at 25 fps, no subtitle track of its own.
        media = api.upload(TestMedia.get(Variant.H264_LONG_GOP), "plain.mp4");
        api.awaitReady(media);
        asset = api.asset(project, "Plain", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Select menu(Browser b) {
        return new Select(b.find("subtitle-menu"));
    }

    @Test
    void anEditorAddsAWebVttThroughTheMenuAndRemovesIt() throws Exception {
        Path broken = Files.writeString(data.resolve("broken.srt"), "this is not a subtitle file\n");
        // 1.0 s is frame 25, 1.4 s frame 35 (excluded): the cue covers frames 25..34.
        Path good = Files.writeString(
                data.resolve("review.en.vtt"),
                "WEBVTT\n\n00:00:01.000 --> 00:00:01.400\nUploaded cue\n",
                StandardCharsets.UTF_8);
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            AccountsBrowserTest.signIn(b, "owen", AccountsBrowserTest.PASSWORD);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            assertEquals("Off", menu(b).getFirstSelectedOption().getText());

            menu(b).selectByVisibleText("Add subtitles…");
            b.find("subtitle-upload-dialog");
            assertEquals("Off", menu(b).getFirstSelectedOption().getText(), "the entry is not a track");
            b.find("subtitle-file").sendKeys(broken.toString());
            b.find("subtitle-upload-submit").click();
            String error = b.find("subtitle-upload-error").getText();
            assertTrue(error.contains("not a subtitle file we can read"), error);
            assertEquals(0, api.get("/api/media/" + media + "/subtitles").size());

            b.find("subtitle-file").sendKeys(good.toString());
            // The language comes from the file name; label and default are typed and ticked.
            b.awaitAttribute("subtitle-language", "value", "en");
            b.find("subtitle-label").sendKeys("Client notes");
            b.find("subtitle-default").click();
            b.find("subtitle-upload-submit").click();
            b.await("the dialog to close", d -> b.all("subtitle-upload-dialog").isEmpty());

            JsonNode tracks = api.get("/api/media/" + media + "/subtitles");
            assertEquals(1, tracks.size(), tracks::toString);
            JsonNode track = tracks.get(0);
            assertEquals("sidecar", track.path("source").asText());
            assertEquals("en", track.path("language").asText());
            assertEquals("Client notes", track.path("label").asText());
            assertTrue(track.path("default").asBoolean(), track::toString);
            b.await("the new track to be shown", d -> "Client notes (file)"
                    .equals(menu(b).getFirstSelectedOption().getText()));
            assertNull(SubtitlesBrowserTest.cueAt(b, 24));
            assertEquals("Uploaded cue", SubtitlesBrowserTest.cueAt(b, 25));
            assertEquals("Uploaded cue", SubtitlesBrowserTest.cueAt(b, 34));
            assertNull(SubtitlesBrowserTest.cueAt(b, 35));
            b.screenshot("subtitles-uploaded");

            b.find("subtitle-remove").click();
            b.find("subtitle-remove-confirm").click();
            b.await("the track to be gone", d -> {
                try {
                    return api.get("/api/media/" + media + "/subtitles").isEmpty();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            b.await("the menu to be off", d -> "Off"
                    .equals(menu(b).getFirstSelectedOption().getText()));
            assertEquals(2, menu(b).getOptions().size(), "Off and Add subtitles…");
            assertNull(SubtitlesBrowserTest.cueAt(b, 30));
        }
    }

    @Test
    void aViewerSeesTheTracksButNoUploadOrRemove() throws Exception {
        HttpResponse<String> up = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        api.base().resolve("/api/media/" + media + "/subtitles?label=Viewer+check"))
                                .header("Authorization", "Bearer " + api.token())
                                .header("Content-Type", "text/vtt")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "WEBVTT\n\n00:00:00.000 --> 00:00:09.000\nFor viewers\n",
                                        StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, up.statusCode(), up.body());
        String id = ServerFixture.JSON.readTree(up.body()).path("id").asText();
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            AccountsBrowserTest.signIn(b, "vera", AccountsBrowserTest.PASSWORD);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            b.await("the viewer's track menu", d -> menu(b).getOptions().size() >= 2);
            menu(b).selectByVisibleText("Viewer check (file)");
            assertEquals("For viewers", SubtitlesBrowserTest.cueAt(b, 5));
            assertTrue(b.all("subtitle-add").isEmpty(), "no Add subtitles… for a viewer");
            assertFalse(menu(b).getOptions().stream().anyMatch(o -> o.getText().startsWith("Add subtitles")));
            assertTrue(b.all("subtitle-remove").isEmpty(), "no Remove for a viewer");
        } finally {
            api.send("DELETE", "/api/media/" + media + "/subtitles/" + id, "");
        }
    }
}
