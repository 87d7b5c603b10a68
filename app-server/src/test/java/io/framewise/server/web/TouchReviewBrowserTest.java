package io.framewise.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.auth.AuthSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The review page on a phone (390x844) and a tablet (1024x768) in Chromium's device emulation, driven
 * by touch alone: a tap on the picture plays and pauses (and the paused still is the frame shown), a
 * swipe along the timeline scrubs to where the finger lifts, the step buttons are finger-sized and
 * step exactly one frame, and the page never scrolls sideways. Screenshots go to target/screenshots.
 */
class TouchReviewBrowserTest {

    @TempDir
    static Path data;

    static FramewiseServer server;
    static ServerFixture api;
    static String asset;
    static int frameCount;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        server = FramewiseServer.start(ServerConfig.defaults(data.resolve("server"))
                .withPort(0)
                .withWorkers(2)
                .withAuth(AuthSettings.local()));
        api = ServerFixture.asNewAdmin(server, "tess", AccountsBrowserTest.PASSWORD);
        String project = api.project("On the go");
        String media = api.upload(TestMedia.get(Variant.H264_2997_DF), "harbour.mp4");
        frameCount = api.awaitReady(media).get("frameCount").asInt();
        asset = api.asset(project, "Harbour", media);
        api.send(
                "POST",
                "/api/media/" + media + "/comments",
                ServerFixture.JSON.writeValueAsString(Map.of("frame", 30, "text", "Check the horizon")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"phone, 390, 844", "tablet, 1024, 768"})
    void tapSwipeAndStepByTouch(String device, int width, int height) {
        try (Browser b = Browser.device(api.base(), width, height)) {
            b.open("/review/" + asset);
            AccountsBrowserTest.signIn(b, "tess", AccountsBrowserTest.PASSWORD);
            WebUiBrowserTest.awaitFrame(b, 0, null);
            assertEquals(Boolean.TRUE, b.js("return matchMedia('(pointer: coarse)').matches"), "a touch screen");
            b.screenshot("touch-" + device + "-review");
            assertEquals(
                    Boolean.TRUE,
                    b.js("return document.documentElement.scrollWidth <= innerWidth + 1"),
                    "the page scrolls sideways at " + width + " px: "
                            + b.js("return document.documentElement.scrollWidth"));

            // Tap the picture: playing; tap again: paused on an exact still of the frame shown.
            tap(b, b.find("overlay"), 0.5, 0.5);
            b.awaitAttribute("play", "aria-label", "Pause");
            b.await("playback moving", d -> Integer.parseInt(b.textOrNull("frame-index")) > 5);
            tap(b, b.find("overlay"), 0.5, 0.5);
            b.awaitAttribute("play", "aria-label", "Play");
            int paused = Integer.parseInt(b.find("frame-index").getText());
            WebUiBrowserTest.awaitFrame(b, paused, null);
            assertEquals(paused, shownCode(b));

            // Swipe along the timeline from a fifth to four fifths: the playhead follows the finger.
            WebElement timeline = b.find("timeline");
            swipe(b, timeline, 0.2, 0.8);
            b.screenshot("touch-" + device + "-swiped");
            int expected = (int) Math.round(0.8 * (frameCount - 1));
            b.await("the playhead near four fifths (expected about " + expected + ")", d -> {
                String shown = b.textOrNull("frame-index");
                if (shown == null) {
                    throw new IllegalStateException("the review page is gone after the swipe: " + d.getCurrentUrl());
                }
                int f = Integer.parseInt(shown);
                return Math.abs(f - expected) <= Math.max(3, frameCount / 50);
            });
            int scrubbed = Integer.parseInt(b.find("frame-index").getText());
            WebUiBrowserTest.awaitFrame(b, scrubbed, null);
            assertEquals(scrubbed, shownCode(b));

            // Step buttons are finger-sized and step exactly one frame each way.
            for (String step : List.of("step-back", "play", "step-forward")) {
                Rectangle r = b.find(step).getRect();
                assertTrue(
                        r.getWidth() >= 44 && r.getHeight() >= 44, step + " is " + r.getWidth() + "x" + r.getHeight());
            }
            tap(b, b.find("step-forward"), 0.5, 0.5);
            WebUiBrowserTest.awaitFrame(b, scrubbed + 1, null);
            tap(b, b.find("step-back"), 0.5, 0.5);
            tap(b, b.find("step-back"), 0.5, 0.5);
            WebUiBrowserTest.awaitFrame(b, scrubbed - 1, null);
            assertEquals(scrubbed - 1, shownCode(b));
            b.screenshot("touch-" + device + "-stepped");
        }
    }

    /** The frame code drawn in the still, read with the still scrolled fully into view. */
    private static int shownCode(Browser b) {
        b.js("arguments[0].scrollIntoView({block: 'center'})", b.find("still"));
        return WebUiBrowserTest.shownCode(b);
    }

    private static void tap(Browser b, WebElement e, double fx, double fy) {
        b.js("arguments[0].scrollIntoView({block: 'center'})", e);
        Rectangle r = e.getRect();
        Object scroll = b.js("return [scrollX, scrollY]");
        List<?> s = (List<?>) scroll;
        int x = (int) Math.round(r.getX() + r.getWidth() * fx - ((Number) s.get(0)).doubleValue());
        int y = (int) Math.round(r.getY() + r.getHeight() * fy - ((Number) s.get(1)).doubleValue());
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence tap = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), x, y))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((RemoteWebDriver) b.driver()).perform(List.of(tap));
    }

    private static void swipe(Browser b, WebElement e, double fromX, double toX) {
        b.js("arguments[0].scrollIntoView({block: 'center'})", e);
        Rectangle r = e.getRect();
        List<?> s = (List<?>) b.js("return [scrollX, scrollY]");
        double left = r.getX() - ((Number) s.get(0)).doubleValue();
        int y = (int) Math.round(r.getY() + r.getHeight() / 2.0 - ((Number) s.get(1)).doubleValue());
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence swipe = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(
                        Duration.ZERO,
                        PointerInput.Origin.viewport(),
                        (int) Math.round(left + r.getWidth() * fromX),
                        y))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int i = 1; i <= 10; i++) {
            double fx = fromX + (toX - fromX) * i / 10.0;
            swipe.addAction(finger.createPointerMove(
                    Duration.ofMillis(30),
                    PointerInput.Origin.viewport(),
                    (int) Math.round(left + r.getWidth() * fx),
                    y));
        }
        swipe.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((RemoteWebDriver) b.driver()).perform(List.of(swipe));
    }
}
