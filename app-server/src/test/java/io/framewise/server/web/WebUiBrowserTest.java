package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real Chromium against a real server on port 0 with generated media whose pictures
 * carry their frame index: uploads, frame-exact stepping, notes with drawings, versions and live
 * sessions. Screenshots go to target/screenshots on every run.
 */
class WebUiBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String projectId;
    static String dfMedia;
    static String dfAsset;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        projectId = api.project("Browser tests");
        dfMedia = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour-df.mp4");
        api.awaitReady(dfMedia);
        dfAsset = api.asset(projectId, "Harbour DF", dfMedia);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The frame index the shown still carries in its picture, read from a screenshot of the element. */
    static int shownCode(Browser b) {
        WebElement still = b.find("still");
        return FrameCode.read(still.getScreenshotAs(OutputType.BYTES));
    }

    static void awaitFrame(Browser b, int frame, String timecode) {
        b.awaitText("frame-index", String.valueOf(frame));
        if (timecode != null) {
            b.awaitText("timecode", timecode);
        }
        b.awaitAttribute("still", "data-frame", String.valueOf(frame));
    }

    @Test
    void uploadsByThePickerReachReadyAndAFailureShowsItsReason() throws Exception {
        String project = api.project("Uploads");
        Path broken = data.resolve("broken-clip.mp4");
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Files.write(broken, noise);
        try (Browser b = new Browser(api.base())) {
            b.open("/projects/" + project);
            b.find("file-input")
                    .sendKeys(String.join(
                            "\n",
                            TestMedia.get(Variant.H264_2997_DF).toString(),
                            TestMedia.get(Variant.PRORES_23976).toString(),
                            broken.toString()));
            b.await("three uploads filed as assets", d -> b.all("asset").size() == 3);
            b.await("two assets ready and one failed", d -> statuses(b).equals(List.of("failed", "ready", "ready")));
            WebElement failed = b.driver()
                    .findElement(org.openqa.selenium.By.cssSelector("[data-testid='asset'][data-status='failed']"));
            String reason =
                    failed.findElement(Browser.byTestId("failure-reason")).getText();
            assertFalse(reason.isBlank(), "the failed upload says why");
            assertTrue(failed.getAttribute("data-title").startsWith("broken-clip"));
            b.await("upload rows done", d -> b.all("upload").stream()
                    .allMatch(u -> "done".equals(u.getAttribute("data-state"))));
            // The ProRes file got a proxy: it plays in the browser from the proxy rendition.
            JsonNode assets = api.get("/api/projects/" + project + "/assets");
            assertEquals(3, assets.size());
            b.screenshot("library");

            // Hovering a poster scrubs through the sprite sheet: further right, a later tile.
            WebElement ready = b.driver()
                    .findElement(org.openqa.selenium.By.cssSelector("[data-testid='asset'][data-status='ready'] a"));
            int width = ready.getSize().getWidth();
            String left = b.await("a sprite tile near the start", d -> {
                new Actions(d).moveToElement(ready, -width / 2 + 5, 0).perform();
                return b.all("scrub").isEmpty() ? null : b.all("scrub").get(0).getAttribute("data-tile");
            });
            new Actions(b.driver()).moveToElement(ready, width / 2 - 5, 0).perform();
            b.await(
                    "a later tile near the end",
                    d -> !b.all("scrub").isEmpty()
                            && Integer.parseInt(b.all("scrub").get(0).getAttribute("data-tile"))
                                    > Integer.parseInt(left));
            assertTrue(b.all("scrub").get(0).getAttribute("style").contains("/sprites"));
        }
    }

    @Test
    void anUploadInterruptedByAReloadContinuesWhereItStopped() throws Exception {
        String project = api.project("Resumed");
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        try (Browser b = new Browser(api.base())) {
            ChromeDriver chrome = (ChromeDriver) b.driver();
            // A slow link, so the reload lands in the middle of the upload.
            chrome.setNetworkConditions(new ChromiumNetworkConditions()
                    .setUploadThroughput(96 * 1024)
                    .setDownloadThroughput(10 * 1024 * 1024));
            b.open("/projects/" + project);
            b.find("file-input").sendKeys(file.toString());
            int before = b.await("the upload a quarter done", d -> {
                int p = percent(b);
                return p >= 25 && p < 90 ? p : null;
            });
            b.driver().navigate().refresh();
            b.awaitAttribute("upload", "data-state", "interrupted");
            int stopped = percent(b);
            assertTrue(stopped >= before, "the list keeps the progress: " + stopped + " after " + before);

            // Picking the same file again continues from the server's offset, not from zero.
            b.find("file-input").sendKeys(file.toString());
            b.awaitAttribute("upload", "data-state", "uploading");
            // The first progress the resumed upload reports counts the bytes the server already had
            // (a little less than the browser had sent: bytes in flight at the reload are lost); a
            // fresh start would report a few percent.
            int next = b.await("progress after resuming", d -> {
                int p = percent(b);
                return p != stopped ? p : null;
            });
            assertTrue(next >= stopped / 2, "resumed at " + next + "% after stopping at " + stopped + "%");
            chrome.deleteNetworkConditions();
            b.await("the resumed upload ready", d -> b.all("asset").stream()
                    .anyMatch(a -> "ready".equals(a.getAttribute("data-status"))));
            JsonNode assets = api.get("/api/projects/" + project + "/assets");
            assertEquals(1, assets.size());
            String media = assets.at("/0/versions/0/mediaId").asText();
            assertEquals(
                    sha256(file), api.get("/api/media/" + media).get("sha256").asText());
        }
    }

    /** The percentage the upload row shows, from its progress bar. */
    private static int percent(Browser b) {
        String v = b.driver()
                .findElement(org.openqa.selenium.By.cssSelector("[data-testid='upload'] [role='progressbar']"))
                .getAttribute("aria-valuenow");
        return Integer.parseInt(v);
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        return java.util.HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    }

    private static List<String> statuses(Browser b) {
        return b.all("asset").stream()
                .map(e -> e.getAttribute("data-status"))
                .sorted()
                .toList();
    }

    @Test
    void arrowKeysStepFrameByFrameOnFrameExactStills() {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + dfAsset);
            awaitFrame(b, 0, "01:00:00;00");
            assertEquals(0, shownCode(b));
            for (int i = 0; i < 3; i++) {
                b.press(Keys.ARROW_RIGHT);
            }
            awaitFrame(b, 3, "01:00:00;03");
            assertEquals(3, shownCode(b));
            b.pressShift(Keys.ARROW_RIGHT);
            awaitFrame(b, 33, "01:00:01;03");
            assertEquals(33, shownCode(b));
            b.press(Keys.ARROW_LEFT);
            awaitFrame(b, 32, "01:00:01;02");
            assertEquals(32, shownCode(b));
            b.press(Keys.END);
            awaitFrame(b, 149, "01:00:04;29");
            assertEquals(149, shownCode(b));
            b.press(Keys.HOME);
            awaitFrame(b, 0, "01:00:00;00");

            // Typing a timecode or a frame number goes there.
            b.find("readout").click();
            b.find("goto").sendKeys("01:00:02;10" + Keys.ENTER);
            awaitFrame(b, 70, "01:00:02;10");
            assertEquals(70, shownCode(b));
            b.find("readout").click();
            b.find("goto").sendKeys("12" + Keys.ENTER);
            awaitFrame(b, 12, "01:00:00;12");
        }
    }

    @Test
    void aNoteWithADrawingIsRepliedEditedResolvedAndSurvivesAReload() throws Exception {
        String media = api.upload(TestMedia.get(Variant.H264_2997_DF), "notes-df.mp4");
        api.awaitReady(media);
        String asset = api.asset(projectId, "Notes", media);
        String markup = "<script>window.__injected = 1</script><b>too dark</b> & <img src=x onerror=alert(1)>";
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset + "?frame=12");
            awaitFrame(b, 12, null);
            b.press("m");
            b.find("composer");
            b.find("draw").click();
            b.find("tool-arrow").click();
            WebElement overlay = b.find("overlay");
            new Actions(b.driver())
                    .moveToElement(overlay, -120, -60)
                    .clickAndHold()
                    .moveByOffset(60, 30)
                    .moveByOffset(60, 30)
                    .release()
                    .perform();
            b.find("tool-rect").click();
            new Actions(b.driver())
                    .moveToElement(overlay, 40, 20)
                    .clickAndHold()
                    .moveByOffset(80, 50)
                    .release()
                    .perform();
            b.find("undo").click();
            b.find("redo").click();
            b.find("note-input").sendKeys(markup);
            b.find("save-note").click();
            b.awaitText("note-text", markup);
            assertNull(b.js("return window.__injected"), "note text is shown as text, never run");

            b.find("reply").click();
            b.find("reply-input").sendKeys("Agreed, lift the shadows");
            b.find("send-reply").click();
            b.awaitText("reply-text", "Agreed, lift the shadows");

            b.find("edit").click();
            WebElement edit = b.find("edit-text");
            edit.clear();
            edit.sendKeys(markup + " (edited)");
            b.find("save-edit").click();
            b.awaitText("note-text", markup + " (edited)");

            b.find("resolve").click();
            b.awaitText("resolve", "Reopen");

            b.driver().navigate().refresh();
            b.awaitText("note-text", markup + " (edited)");
            b.awaitText("reply-text", "Agreed, lift the shadows");
            b.awaitText("resolve", "Reopen");
            assertEquals(1, b.all("drawing-thumb").size());

            JsonNode notes = api.get("/api/media/" + media + "/comments").get("items");
            JsonNode first = notes.get(0);
            assertEquals(12, first.get("frame").asInt());
            assertTrue(first.get("resolved").asBoolean());
            assertEquals(1, first.at("/drawing/schema").asInt());
            assertEquals("arrow", first.at("/drawing/shapes/0/type").asText());
            assertEquals("rect", first.at("/drawing/shapes/1/type").asText());

            // Away from the note's frame there is nothing drawn; jumping to it shows the drawing.
            b.press(Keys.HOME);
            awaitFrame(b, 0, null);
            b.await("overlay empty off the note's frame", d -> paintedPixels(b) == 0);
            b.find("note-jump").click();
            awaitFrame(b, 12, "01:00:00;12");
            b.await("the drawing on its frame", d -> paintedPixels(b) > 200);
            assertEquals(12, shownCode(b));
            b.screenshot("review-drawing");
        }
    }

    static long paintedPixels(Browser b) {
        Object n = b.js("const c = document.querySelector(\"[data-testid='overlay']\");"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
        return ((Number) n).longValue();
    }

    @Test
    void followersLandOnTheDriversFrameAndSeeTheLaser() throws Exception {
        try (Browser driver = new Browser(api.base());
                Browser follower = new Browser(api.base())) {
            driver.open("/review/" + dfAsset);
            awaitFrame(driver, 0, null);
            driver.find("live-start").click();
            String session = driver.await("a session id", d -> {
                String id = driver.find("live").getAttribute("data-session");
                return id == null || id.isEmpty() ? null : id;
            });
            follower.open("/review/" + dfAsset + "?session=" + session);
            follower.await("two members", d -> follower.all("member").size() == 2);
            driver.await("two members", d -> driver.all("member").size() == 2);

            for (int i = 0; i < 5; i++) {
                driver.press(Keys.ARROW_RIGHT);
            }
            awaitFrame(driver, 5, null);
            awaitFrame(follower, 5, "01:00:00;05");
            assertEquals(5, shownCode(follower));

            driver.press(Keys.END);
            awaitFrame(follower, 149, null);
            driver.press(Keys.HOME);
            awaitFrame(follower, 0, null);

            driver.press(" ");
            driver.await("playback moving", d -> Integer.parseInt(driver.textOrNull("frame-index")) > 8);
            driver.press(" ");
            driver.find("still");
            int stopped = Integer.parseInt(driver.find("frame-index").getText());
            awaitFrame(follower, stopped, null);
            assertEquals(stopped, shownCode(follower));

            driver.find("laser-toggle").click();
            WebElement overlay = driver.find("overlay");
            new Actions(driver.driver())
                    .moveToElement(overlay, 10, 10)
                    .moveByOffset(20, 10)
                    .moveByOffset(20, 10)
                    .perform();
            follower.find("laser");
            follower.screenshot("live-follower");

            try (Browser late = new Browser(api.base())) {
                late.open("/review/" + dfAsset + "?session=" + session);
                awaitFrame(late, stopped, null);
                late.await("three members", d -> late.all("member").size() == 3);
            }

            // The follower asks to drive, the driver hands over, and the roles swap.
            follower.find("request-drive").click();
            driver.await(
                    "the hand-over question",
                    d -> d.findElements(org.openqa.selenium.By.xpath("//button[text()='Hand over']"))
                                    .size()
                            == 1);
            driver.driver()
                    .findElement(org.openqa.selenium.By.xpath("//button[text()='Hand over']"))
                    .click();
            follower.awaitText("driver", "You are driving");
            follower.press(Keys.ARROW_RIGHT);
            awaitFrame(driver, stopped + 1, null);
            assertEquals(stopped + 1, shownCode(driver));
        }
    }

    @Test
    void aSecondVersionIsComparedSideBySideAndApproved() throws Exception {
        String media = api.upload(TestMedia.get(Variant.H264_2997_DF), "versions-df.mp4");
        api.awaitReady(media);
        String asset = api.asset(projectId, "Versions", media);
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            awaitFrame(b, 0, null);
            b.find("version-file").sendKeys(TestMedia.get(Variant.H264_LONG_GOP).toString());
            b.await(
                    "version 2 listed",
                    d -> new Select(b.find("version-select")).getOptions().size() == 2);
            JsonNode v2 = api.get("/api/assets/" + asset).at("/versions/1");
            api.awaitReady(v2.get("mediaId").asText());

            new Select(b.find("compare-mode")).selectByValue("side");
            b.find("pane-b");
            b.await(
                    "both panes show a still",
                    d -> b.driver()
                                    .findElements(org.openqa.selenium.By.cssSelector("[data-testid='still']"))
                                    .size()
                            == 2);
            for (int i = 0; i < 4; i++) {
                b.press(Keys.ARROW_RIGHT);
            }
            b.await(
                    "both panes on frame 4",
                    d -> b.driver()
                                    .findElements(
                                            org.openqa.selenium.By.cssSelector("[data-testid='still'][data-frame='4']"))
                                    .size()
                            == 2);
            List<WebElement> stills =
                    b.driver().findElements(org.openqa.selenium.By.cssSelector("[data-testid='still']"));
            for (WebElement still : stills) {
                assertEquals(4, FrameCode.read(still.getScreenshotAs(OutputType.BYTES)));
            }

            new Select(b.find("approval-select")).selectByValue("approved");
            b.awaitText("approval-badge", "Approved");
            assertEquals(
                    "approved",
                    api.get("/api/assets/" + asset)
                            .at("/versions/0/approval/status")
                            .asText());
            b.screenshot("compare");

            new Select(b.find("compare-mode")).selectByValue("wipe");
            b.await(
                    "the wipe over the first version",
                    d -> b.find("pane-b").getAttribute("style").contains("inset(0px 0px 0px 50%)"));
            b.screenshot("compare-wipe");
        }
    }
}
