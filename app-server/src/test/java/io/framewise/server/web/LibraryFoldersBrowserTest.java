package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.organizer.sdk.testing.OrganizerTestKit;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.organizer.OrganizerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The library on the organizer's folder pages, in a real browser against a real server with a real
 * external organizer: folders are created, renamed and navigated by breadcrumbs; files are uploaded
 * into a folder by the picker and by dropping a file; assets move by menu and by drag and drop; an
 * organizer's own action notifies, and the bell shows it and marks it read.
 */
class LibraryFoldersBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data)
                .withPort(0)
                .withWorkers(1)
                .withOrganizers(OrganizerSettings.none()
                        .withCommand(OrganizerTestKit.command(ReviewRequestOrganizer.class))
                        // Generous deadlines: a busy test machine must not turn a slow answer into a failure.
                        .withDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(30))));
        api = new ServerFixture(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> folderNames(Browser b) {
        List<String> names = new ArrayList<>();
        b.all("folder").forEach(f -> names.add(f.getAttribute("data-name")));
        return names;
    }

    private static List<String> assetTitles(Browser b) {
        List<String> titles = new ArrayList<>();
        b.all("asset").forEach(a -> titles.add(a.getAttribute("data-title")));
        return titles;
    }

    private static List<String> texts(Browser b, String testId) {
        List<String> texts = new ArrayList<>();
        b.all(testId).forEach(e -> texts.add(e.getText().trim()));
        return texts;
    }

    private static WebElement folder(Browser b, String name) {
        return b.await(
                "folder " + name,
                d -> d.findElements(By.cssSelector("[data-testid='folder'][data-name='" + name + "']")).stream()
                        .findFirst()
                        .orElse(null));
    }

    /** Opens an item's ⋯ menu and picks a command by its label. */
    private static void pick(Browser b, WebElement holder, String menuTestId, String label) {
        holder.findElement(Browser.byTestId(menuTestId)).click();
        WebElement item =
                b.await("menu item " + label, d -> holder.findElements(By.cssSelector("[role='menuitem']")).stream()
                        .filter(e -> e.getText().trim().equals(label))
                        .findFirst()
                        .orElse(null));
        item.click();
    }

    private static WebElement assetSlot(Browser b, String title) {
        return b.await("asset " + title, d -> d.findElements(By.cssSelector(".slot")).stream()
                .filter(s -> !s.findElements(By.cssSelector("[data-title='" + title + "']"))
                        .isEmpty())
                .findFirst()
                .orElse(null));
    }

    private static void dialogText(Browser b, String text) {
        WebElement input = b.find("action-dialog").findElement(By.name("text"));
        input.clear();
        input.sendKeys(text);
        b.find("action-dialog")
                .findElement(By.cssSelector("button[type='submit']"))
                .click();
        b.await("the dialog to close", d -> b.all("action-dialog").isEmpty());
    }

    private static void awaitTitle(Browser b, String title) {
        b.awaitText("page-title", title);
    }

    private static void clickCrumb(Browser b, String name) {
        b.await("breadcrumb " + name, d -> b.all("crumb").stream()
                        .filter(c -> c.getText().trim().equals(name))
                        .findFirst()
                        .orElse(null))
                .click();
    }

    @Test
    void foldersAreMadeFilledMovedRenamedAndNavigated() throws Exception {
        String project = api.project("Show");
        String base = "/projects/" + project;
        // A file the page fetches and drops on itself, as a file dragged from the desktop arrives.
        String source = api.upload(TestMedia.get(Variant.H264_2997_DF), "source.mp4");
        api.awaitReady(source);
        try (Browser b = new Browser(api.base())) {
            b.open(base);
            awaitTitle(b, "Show");
            b.await("breadcrumbs to the project", d -> b.all("crumb").size() == 2);
            b.find("empty");

            // Create two folders in the project.
            b.find("new-folder").click();
            dialogText(b, "Shots");
            folder(b, "Shots");
            b.find("new-folder").click();
            dialogText(b, "Edit");
            b.await("both folders listed", d -> folderNames(b).equals(List.of("Shots", "Edit")));
            b.await("both folders in the tree under the project", d -> texts(b, "nav-folder")
                    .equals(List.of("Shots", "Edit")));
            String shotsPath =
                    folder(b, "Shots").findElement(By.cssSelector("a.open")).getAttribute("pathname");
            String shots = shotsPath.substring(shotsPath.lastIndexOf('/') + 1);

            // Upload into Shots by the file picker: the new asset is filed in that folder.
            folder(b, "Shots").findElement(By.cssSelector("a.open")).click();
            awaitTitle(b, "Shots");
            b.find("empty");
            b.find("file-input").sendKeys(TestMedia.get(Variant.H264_2997_DF).toString());
            b.await("the picked file filed here", d -> assetTitles(b).equals(List.of("h264-2997-df")));

            // Upload by dropping a file on the page (a synthetic drop carrying a real File).
            b.js(
                    "fetch('/api/media/' + arguments[0] + '/stream').then(r => r.blob()).then(blob => {"
                            + "  const dt = new DataTransfer();"
                            + "  dt.items.add(new File([blob], 'dropped take.mp4', { type: 'video/mp4' }));"
                            + "  const region = document.querySelector('[aria-label=Library]');"
                            + "  region.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                            + "  region.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                            + "});",
                    source);
            b.await("the dropped file filed here", d -> assetTitles(b)
                    .containsAll(List.of("h264-2997-df", "dropped take")));
            for (JsonNode a : api.get("/api/projects/" + project + "/assets?folder=" + shots)) {
                api.awaitReady(a.at("/versions/0/mediaId").asText());
            }
            assertEquals(
                    2,
                    api.get("/api/projects/" + project + "/assets?folder=" + shots)
                            .size());

            // Move one asset up to the project by its menu.
            pick(b, assetSlot(b, "h264-2997-df"), "asset-menu", "Move to…");
            new Select(b.find("action-dialog").findElement(By.name("destination"))).selectByVisibleText("Show");
            b.find("action-dialog")
                    .findElement(By.cssSelector("button[type='submit']"))
                    .click();
            b.await("the moved asset gone from Shots", d -> assetTitles(b).equals(List.of("dropped take")));
            assertTrue(b.find("library-status").getText().contains("Moved h264-2997-df"));

            // Breadcrumbs: back to the project, where the moved asset now is.
            clickCrumb(b, "Show");
            awaitTitle(b, "Show");
            b.await("the moved asset in the project", d -> assetTitles(b).equals(List.of("h264-2997-df")));

            // Drag the asset onto the Edit folder (HTML drag and drop, dispatched in the page).
            b.js(
                    "const slot = [...document.querySelectorAll('.slot')].find(s => s.querySelector(\"[data-title='h264-2997-df']\"));"
                            + "const target = document.querySelector(\"[data-testid=folder][data-name='Edit']\");"
                            + "const dt = new DataTransfer();"
                            + "slot.dispatchEvent(new DragEvent('dragstart', { dataTransfer: dt, bubbles: true }));"
                            + "target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                            + "target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                            + "slot.dispatchEvent(new DragEvent('dragend', { dataTransfer: dt, bubbles: true }));");
            b.await("the dragged asset gone from the project", d -> assetTitles(b)
                    .isEmpty());
            String editId = folder(b, "Edit")
                    .findElement(By.cssSelector("a.open"))
                    .getAttribute("pathname")
                    .replaceAll(".*/", "");
            assertEquals(
                    1,
                    api.get("/api/projects/" + project + "/assets?folder=" + editId)
                            .size());

            // A folder that holds something is not deleted, and the dialog says why.
            pick(b, folder(b, "Shots"), "folder-menu", "Delete");
            b.find("action-dialog")
                    .findElement(By.cssSelector("button[type='submit']"))
                    .click();
            String refusal = b.find("action-error").getText();
            assertFalse(refusal.isBlank());
            b.find("action-dialog")
                    .findElement(By.xpath(".//button[normalize-space()='Cancel']"))
                    .click();
            b.await("the dialog closed", d -> b.all("action-dialog").isEmpty());
            assertEquals(List.of("Shots", "Edit"), folderNames(b));

            // Rename Edit by its menu.
            pick(b, folder(b, "Edit"), "folder-menu", "Rename…");
            dialogText(b, "Edits");
            b.await("the renamed folder", d -> folderNames(b).equals(List.of("Shots", "Edits")));
            b.await("the tree renamed too", d -> texts(b, "nav-folder").equals(List.of("Shots", "Edits")));

            // Reorder: Edits up before Shots.
            pick(b, folder(b, "Edits"), "folder-menu", "Move up");
            b.await("the new order", d -> folderNames(b).equals(List.of("Edits", "Shots")));

            // Into Edits, then up by the breadcrumbs: project, projects, library.
            folder(b, "Edits").findElement(By.cssSelector("a.open")).click();
            awaitTitle(b, "Edits");
            b.await("the asset in Edits", d -> assetTitles(b).equals(List.of("h264-2997-df")));
            assertEquals(base + "/" + editId, new java.net.URI(b.driver().getCurrentUrl()).getPath());
            clickCrumb(b, "Projects");
            awaitTitle(b, "Projects");
            b.await("the project listed", d -> folderNames(b).contains("Show"));
            clickCrumb(b, "Library");
            awaitTitle(b, "Library");
            b.await("the library's top folders", d -> folderNames(b).containsAll(List.of("My folders", "Projects")));

            // Files dropped on a folder go into that folder.
            b.open(base);
            awaitTitle(b, "Show");
            b.js(
                    "fetch('/api/media/' + arguments[0] + '/stream').then(r => r.blob()).then(blob => {"
                            + "  const dt = new DataTransfer();"
                            + "  dt.items.add(new File([blob], 'into shots.mp4', { type: 'video/mp4' }));"
                            + "  const tile = document.querySelector(\"[data-testid=folder][data-name='Shots']\");"
                            + "  tile.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                            + "  tile.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                            + "});",
                    source);
            b.await("the file dropped on Shots filed there", d -> {
                try {
                    List<String> titles = new ArrayList<>();
                    api.get("/api/projects/" + project + "/assets?folder=" + shots)
                            .forEach(a -> titles.add(a.get("title").asText()));
                    return titles.contains("into shots");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(assetTitles(b).isEmpty(), "nothing filed at the project's top level");

            // A file picked at the project's top level, so its page shows folders and media together.
            b.find("file-input").sendKeys(TestMedia.get(Variant.PRORES_23976).toString());
            b.await("the upload in the project", d -> assetTitles(b).equals(List.of("prores-23976")));
            for (JsonNode a : api.get("/api/projects/" + project + "/assets")) {
                api.awaitReady(a.at("/versions/0/mediaId").asText());
            }
            b.await("the poster shown", d -> !d.findElements(By.cssSelector("[data-testid='asset'] img"))
                    .isEmpty());
            b.driver()
                    .findElement(By.xpath("//button[normalize-space()='Clear finished']"))
                    .click();
            b.await("the upload list cleared", d -> b.all("upload").isEmpty());
            b.screenshot("library-folders");
            b.driver()
                    .findElement(By.xpath("//button[normalize-space()='List']"))
                    .click();
            b.await("the list layout", d -> !d.findElements(By.cssSelector(".card.list"))
                    .isEmpty());
            b.screenshot("library-folders-list");
        }
    }

    @Test
    void anOrganizersActionNotifiesAndTheBellMarksItRead() throws Exception {
        String project = api.project("Notified");
        String media = api.upload(TestMedia.get(Variant.H264_2997_DF), "cut.mp4");
        api.awaitReady(media);
        String asset = api.asset(project, "Final cut", media);
        try (Browser b = new Browser(api.base())) {
            b.open("/projects/" + project);
            awaitTitle(b, "Notified");
            assertTrue(b.all("unread-count").isEmpty(), "nothing unread yet");

            // The organizer's own action sits in the asset's menu with the folder operations (and Share).
            WebElement slot = assetSlot(b, "Final cut");
            slot.findElement(Browser.byTestId("asset-menu")).click();
            b.await(
                    "the asset menu",
                    d -> slot.findElements(By.cssSelector("[role='menuitem']")).size() == 3);
            b.screenshot("library-actions");
            slot.findElement(Browser.byTestId("asset-menu")).click();
            pick(b, slot, "asset-menu", ReviewRequestOrganizer.LABEL);
            WebElement dialog = b.find("action-dialog");
            assertTrue(dialog.getText().contains("Final cut"));
            dialog.findElement(By.cssSelector("button[type='submit']")).click();
            b.await(
                    "the organizer's answer",
                    d -> b.textOrNull("library-status") != null
                            && b.textOrNull("library-status").contains("to review Final cut"));
            b.awaitText("unread-count", "1");

            b.find("bell").click();
            WebElement note = b.find("notification");
            assertTrue(note.getText().contains("asks you to review Final cut"), note.getText());
            assertEquals("false", note.getAttribute("data-read"));
            b.screenshot("notifications");

            note.findElement(Browser.byTestId("mark-read")).click();
            b.awaitAttribute("notification", "data-read", "true");
            b.await("no unread count", d -> b.all("unread-count").isEmpty());
            JsonNode list = api.get("/api/notifications");
            assertEquals(1, list.size());
            assertFalse(list.get(0).get("readAt").isNull(), "read on the server too");
            assertEquals(asset, list.get(0).at("/subject/id").asText());

            // After a reload the notification stays read.
            b.open("/projects/" + project);
            awaitTitle(b, "Notified");
            b.find("bell").click();
            b.awaitAttribute("notification", "data-read", "true");
            assertTrue(b.all("unread-count").isEmpty());

            // The notification leads to the review, where tags are seen and edited.
            b.find("notification").findElement(By.tagName("button")).click();
            b.await("the review opened", d -> d.getCurrentUrl().contains("/review/" + asset));
            b.find("add-tag").click();
            b.find("tag-input").sendKeys("Hero, Client Pick\n");
            b.await("two tags shown", d -> b.all("tag").size() == 2);
            assertEquals(
                    // The server keeps tags lower-cased and in order.
                    List.of("client pick", "hero"),
                    List.of(
                            b.all("tag").get(0).getText().replace("×", "").trim(),
                            b.all("tag").get(1).getText().replace("×", "").trim()));
            b.all("tag").get(1).findElement(By.tagName("button")).click();
            b.await("one tag left", d -> b.all("tag").size() == 1);
            assertEquals(
                    "client pick",
                    api.get("/api/assets/" + asset + "/tags").at("/tags/0").asText());
            b.screenshot("review-tags");
            b.open("/projects/" + project);
            b.awaitText("asset-tag", "client pick");

            // Administrators see every organizer's state.
            b.open("/admin");
            b.find("organizers-tab").click();
            b.await(
                    "both organizers running",
                    d -> b.all("organizer-row").stream()
                                    .filter(r -> "running".equals(r.getAttribute("data-state")))
                                    .count()
                            == 2);
            assertEquals("folders", b.all("organizer-row").get(0).getAttribute("data-name"));
            b.screenshot("admin-organizers");
        }
    }

    @Test
    void pagesOfAnotherOrganizerAreBrowsedUnderTheLibraryAddress() {
        try (Browser b = new Browser(api.base())) {
            b.open("/library?path=%2Freviews");
            awaitTitle(b, "Review requests");
            b.awaitText("page-organizer", "reviews");
            folder(b, "Open requests").findElement(By.cssSelector("a.open")).click();
            awaitTitle(b, "Open requests");
            assertTrue(b.driver().getCurrentUrl().endsWith("/library?path=%2Freviews%2Fopen"));
            b.find("empty");
            clickCrumb(b, "Review requests");
            awaitTitle(b, "Review requests");
            clickCrumb(b, "Library");
            awaitTitle(b, "Library");
            assertTrue(b.all("page-organizer").isEmpty(), "the built-in organizer's page carries no badge");
        }
    }

    @Test
    void uploadsIntoMyFoldersLandInTheHome() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/home");
            awaitTitle(b, "My folders");
            b.await("the canonical address", d -> d.getCurrentUrl().contains("/users/"));
            b.find("new-folder").click();
            dialogText(b, "Drafts");
            folder(b, "Drafts").findElement(By.cssSelector("a.open")).click();
            awaitTitle(b, "Drafts");
            b.find("file-input").sendKeys(TestMedia.get(Variant.H264_2997_DF).toString());
            b.await("the upload filed in Drafts", d -> assetTitles(b).equals(List.of("h264-2997-df")));
            clickCrumb(b, "My folders");
            awaitTitle(b, "My folders");
            b.await(
                    "Drafts listed, the asset inside it",
                    d -> folderNames(b).equals(List.of("Drafts"))
                            && assetTitles(b).isEmpty());
        }
    }
}
