package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.scenes.SuggestedCuts;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Suggested scene markers on the review page in a real browser: ] and [ go to the next and previous
 * cut's exact frame (read from the picture), and "Accept all" turns them into notes.
 */
class SceneCutsBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static String media;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(
                ServerConfig.defaults(data.resolve("server")).withPort(0).withWorkers(2));
        api = new ServerFixture(server);
        String project = api.project("Scene cuts");
        media = api.upload(TestMedia.get(Variant.H264_2997_DF), "cuts-df.mp4");
        api.awaitReady(media);
        asset = api.asset(project, "Cuts DF", media);
        // The suggestions as the detection job stores them (the job itself is SceneCutsRoutesTest's).
        SuggestedCuts.add(data.resolve("server"), media, 70);
        SuggestedCuts.add(data.resolve("server"), media, 20);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bracketsJumpToTheCutsAndAcceptAllMakesNotes() throws Exception {
        try (Browser b = new Browser(api.base())) {
            b.open("/review/" + asset);
            WebUiBrowserTest.awaitFrame(b, 0, "01:00:00;00");
            b.await(
                    "the suggestions",
                    d -> d.findElements(By.cssSelector("[data-testid=scene-cuts-open]"))
                                    .isEmpty()
                            ? null
                            : true);
            b.press("]");
            WebUiBrowserTest.awaitFrame(b, 20, "01:00:00;20");
            assertEquals(20, WebUiBrowserTest.shownCode(b));
            b.press("]");
            WebUiBrowserTest.awaitFrame(b, 70, "01:00:02;10");
            assertEquals(70, WebUiBrowserTest.shownCode(b));
            b.press("[");
            WebUiBrowserTest.awaitFrame(b, 20, "01:00:00;20");
            assertEquals(20, WebUiBrowserTest.shownCode(b));

            b.find("scene-cuts-open").click();
            assertEquals(
                    2,
                    b.driver()
                            .findElements(By.cssSelector("[data-testid=scene-cut]"))
                            .size());
            b.find("scene-cuts-accept-all").click();
            b.await(
                    "the suggestions to become notes",
                    d -> d.findElements(By.cssSelector("[data-testid=scene-cuts-open]"))
                                    .isEmpty()
                            ? true
                            : null);
            b.await(
                    "the notes in the list",
                    d -> d.findElements(By.cssSelector("[data-testid=note]")).size() == 2 ? true : null);
        }
        JsonNode notes = api.get("/api/media/" + media + "/comments");
        Set<Long> frames = new TreeSet<>();
        (notes.isArray() ? notes : notes.path("items"))
                .forEach(n -> frames.add(n.path("frame").asLong()));
        assertEquals(Set.of(20L, 70L), frames, notes.toString());
        assertEquals(
                0, api.get("/api/media/" + media + "/scene-cuts").path("cuts").size());
    }
}
