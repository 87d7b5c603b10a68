package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.openqa.selenium.interactions.Actions;

/**
 * In/out marks, the cut-clip dialog and the template editor in a real Chromium against a real server
 * on port 0, with generated media whose pictures carry their frame index: the clip made from the
 * marks opens on the source frame marked in; the template editor shows a live preview and places
 * the server's validation message next to the field it names.
 */
class ClipsAndTemplatesBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String projectId;
    static String media;
    static String asset;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        projectId = api.project("Clips");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour-clip.mp4");
        api.awaitReady(media);
        asset = api.asset(projectId, "Harbour", media);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void marksMadeWithIAndOCutAClipThatStartsOnTheMarkedFrame() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset + "?frame=10");
            WebUiBrowserTest.awaitFrame(b, 10, null);
            b.press("i");
            b.find("readout").click();
            b.find("goto").sendKeys("39" + Keys.ENTER);
            WebUiBrowserTest.awaitFrame(b, 39, null);
            b.press("o");
            b.awaitAttribute("timeline", "data-marks", "10-40");

            // Alt+X clears the marks; the buttons set them again.
            b.js("if (document.activeElement) document.activeElement.blur();");
            new Actions(b.driver())
                    .keyDown(Keys.ALT)
                    .sendKeys("x")
                    .keyUp(Keys.ALT)
                    .perform();
            b.await("the marks cleared", d -> b.find("timeline").getAttribute("data-marks") == null);
            b.find("readout").click();
            b.find("goto").sendKeys("10" + Keys.ENTER);
            WebUiBrowserTest.awaitFrame(b, 10, null);
            b.find("mark-in").click();
            b.find("readout").click();
            b.find("goto").sendKeys("39" + Keys.ENTER);
            WebUiBrowserTest.awaitFrame(b, 39, null);
            b.find("mark-out").click();
            b.awaitAttribute("timeline", "data-marks", "10-40");

            b.find("cut-open").click();
            b.find("cut-dialog");
            assertTrue(
                    b.find("cut-range").getText().contains("30 frames"),
                    b.find("cut-range").getText());
            b.find("mode-copy").click();
            assertTrue(b.find("mode-explains").getText().contains("keyframes"), "copy says it snaps");
            b.find("mode-smart").click();
            b.find("cut-title-input").clear();
            b.find("cut-title-input").sendKeys("Harbour cut");
            b.screenshot("cut-dialog");
            b.find("cut-submit").click();
            b.find("cut-job");
            b.screenshot("cut-dialog-progress");
            b.awaitAttribute("cut-job", "data-state", "ready");
            b.find("clip-link").click();

            // The clip's frame 0 is the source's frame 10.
            WebUiBrowserTest.awaitFrame(b, 0, null);
            assertEquals(10, WebUiBrowserTest.shownCode(b));
            assertTrue(
                    b.find("clip-of").getText().contains("10–39"),
                    b.find("clip-of").getText());
            b.press(Keys.END);
            WebUiBrowserTest.awaitFrame(b, 29, null);
            assertEquals(39, WebUiBrowserTest.shownCode(b));

            // The library shows the clip next to its source, badged as a clip.
            b.open("/projects/" + projectId);
            b.await("source and clip in the library", d -> b.all("asset").size() == 2);
            b.find("clip-badge");
            JsonNode assets = api.get("/api/projects/" + projectId + "/assets");
            assertEquals(2, assets.size());
        }
    }

    @Test
    void theTemplateEditorPreviewsLiveAndShowsTheServersProblemNextToItsField() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/templates");
            b.find("new-template").click();
            b.find("template-editor");
            WebElement name = b.driver().findElement(org.openqa.selenium.By.cssSelector("[data-field='name']"));
            name.clear();
            name.sendKeys("Client review");
            new org.openqa.selenium.support.ui.Select(b.find("step-kind")).selectByValue("slate");
            b.find("add-step").click();
            b.await("two steps", d -> b.all("template-step").size() == 2);
            b.await("a preview still", d -> {
                Object w = b.js("const i = document.querySelector(\"[data-testid='template-preview']\");"
                        + " return i && i.complete ? i.naturalWidth : 0;");
                return ((Number) w).intValue() > 0;
            });
            b.screenshot("template-editor");

            // A text size out of range: the server's message shows next to the size field.
            WebElement size = b.driver()
                    .findElement(org.openqa.selenium.By.cssSelector(
                            "[data-testid='template-step'][data-kind='text'] [data-field='size']"));
            size.clear();
            size.sendKeys("0.9");
            b.find("save-template").click();
            b.await("the problem next to the size", d -> {
                java.util.List<WebElement> errors = d.findElements(org.openqa.selenium.By.cssSelector(
                        "[data-testid='template-step'][data-kind='text'] [data-testid='field-error']"));
                return !errors.isEmpty() && errors.get(0).getText().contains("size");
            });
            b.screenshot("template-editor-problem");
            size.clear();
            size.sendKeys("0.05");
            b.find("save-template").click();
            b.await("saved and listed", d -> b.all("template-item").size() == 1);
            assertNull(b.textOrNull("field-error"));
            JsonNode saved = api.get("/api/templates").get("items").get(0);
            assertEquals("Client review", saved.get("name").asText());
            assertEquals("slate", saved.at("/steps/1/type").asText());
        }
    }
}
