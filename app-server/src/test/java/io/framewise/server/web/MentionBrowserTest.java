package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The link a notification mail carries ({@code <server>/review/ASSET?frame=N}, checked in
 * PeopleGetToldTest) opens the review at that frame in Chromium, and typing {@code @} in the note
 * editor offers the people who may see the media and completes the name.
 */
class MentionBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String media;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data).withPort(0).withWorkers(1));
        api = new ServerFixture(server);
        String project = api.project("Mentions");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "mentions.mp4");
        api.awaitReady(media);
        asset = api.asset(project, "Mentions", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theMailsFrameLinkOpensThatFrameAndAtCompletesAName() throws Exception {
        String me = api.get("/api/me").get("name").asText();
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset + "?frame=12");
            WebUiBrowserTest.awaitFrame(b, 12, null);
            assertEquals(12, WebUiBrowserTest.shownCode(b), "the picture of the linked frame");

            b.press("m");
            b.find("composer");
            WebElement input = b.find("note-input");
            input.sendKeys("Please check @");
            b.await("the mention list", d -> !b.all("mention-option").isEmpty());
            assertTrue(
                    b.find("mention-list").getText().contains("@" + me),
                    b.find("mention-list").getText());
            assertEquals("true", input.getAttribute("aria-expanded"));
            input.sendKeys(me.substring(0, 1));
            b.await("the list to keep the match", d -> !b.all("mention-option").isEmpty());
            input.sendKeys(Keys.ENTER);
            b.await("the name completed", d -> input.getAttribute("value").equals("Please check @" + me + " "));
            assertTrue(b.all("mention-list").isEmpty(), "the list closes once a name is chosen");
            input.sendKeys("the sky");
            b.find("save-note").click();
            b.awaitText("note-text", "Please check @" + me + " the sky");
            b.screenshot("mention-completed");
        }
        JsonNode notes = api.get("/api/media/" + media + "/comments");
        assertTrue(notes.toString().contains("Please check @" + me + " the sky"), notes.toString());
    }
}
