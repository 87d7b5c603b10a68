package io.framewise.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.library.LibraryRow;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.testing.Await;
import io.framewise.server.FramewiseServer;
import io.framewise.server.ServerConfig;
import io.framewise.server.demo.DemoLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real app in a real X window (Xvfb, GTK glass, software rendering) on the demo library:
 * library, a review with the demo's drawing, compare, the cut window and the share window, each captured from the X screen with
 * ImageMagick's {@code import} into target/screenshots/xvfb-*.png. Runs in its own surefire
 * execution (see the pom) because the other screen tests use Monocle in the same JVM.
 */
class RealWindowScreenshots {

    private static final String DISPLAY = System.getenv().getOrDefault("DISPLAY", ":97");
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static Process xvfb;
    private static FramewiseServer server;
    private static DemoLibrary demo;
    private static MainWindow window;

    @BeforeAll
    static void start() throws Exception {
        Path socket = Path.of("/tmp/.X11-unix/X" + DISPLAY.substring(1));
        if (!Files.exists(socket)) {
            xvfb = new ProcessBuilder("Xvfb", DISPLAY, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "xvfb.log").toFile())
                    .start();
            Await.until("Xvfb on " + DISPLAY, Duration.ofSeconds(20), () -> Files.exists(socket));
        }
        Path data = Files.createTempDirectory("framewise-xvfb");
        server = FramewiseServer.start(ServerConfig.defaults(data).withPort(0));
        demo = new DemoLibrary(Path.of("target", "demo-samples"));
        demo.load(server.baseUri(), Duration.ofMinutes(5));
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        up.get(30, TimeUnit.SECONDS);
        Await.fx(() -> {
            Stage stage = new Stage();
            stage.setX(0);
            stage.setY(0);
            stage.setTitle("Framewise");
            window = TestWindow.showOn(stage, data.resolve("desktop"));
        });
    }

    @AfterAll
    static void stop() {
        if (window != null) {
            Await.fx(() -> window.shutdown());
        }
        Platform.exit();
        if (server != null) {
            server.close();
        }
        if (xvfb != null) {
            xvfb.destroy();
        }
    }

    @Test
    void libraryReviewWithDrawingAndCompare() throws Exception {
        Await.fx(() -> window.connectTo(server.baseUri().toString()));
        Await.until(
                "the demo library",
                DEADLINE,
                () -> Await.on(() -> window.library().visible().size()) >= 3);
        Await.until(
                "the posters",
                DEADLINE,
                // Posters come after a clip is ready; the library picks them up without a refresh.
                () -> Await.on(() -> window.library().visible().stream()
                        .filter(r -> r.media() != null
                                && r.media().frameCount() != null
                                && r.media().frameCount() > 0)
                        .allMatch(r -> r.media().hasRendition("poster")
                                && window.library().poster(r.media().id()).isDone())));
        Await.until(
                "the start screen's tiles",
                DEADLINE,
                () -> Await.on(() -> window.home().recent().stream()
                                .filter(t -> window.home().poster(t.mediaId()).isDone())
                                .count())
                        >= 3);
        capture("xvfb-home");
        Await.fx(() -> window.showLibrary());
        capture("xvfb-library");

        LibraryRow interview = Await.on(() -> window.library().visible().stream()
                .filter(r -> r.title().startsWith("Interview"))
                .findFirst()
                .orElseThrow());
        Await.fx(() -> window.open(interview));
        Await.until(
                "the review's notes",
                DEADLINE,
                () -> Await.on(() -> window.review().notes().threads().size()) >= 1);
        NoteThread drawn = Await.on(() -> window.review().notes().threads().stream()
                .filter(NoteThread::hasDrawing)
                .findFirst()
                .orElseThrow());
        Await.fx(() -> window.review().goTo(drawn));
        Await.until(
                "the still of the drawn frame",
                DEADLINE,
                () -> Await.on(() -> {
                    var s = window.review().playback().stillProperty().get();
                    // The seek proxy's quick picture comes first; the screenshot is of the exact still.
                    return s != null
                            && s.index() == drawn.frame()
                            && !window.review().playback().previewShown().get();
                }));
        capture("xvfb-review-drawing");

        // A second version of the interview (another demo clip) to compare against.
        LibraryRow other = Await.on(() -> window.library().rows().stream()
                .filter(r -> r != interview
                        && r.media() != null
                        && r.media().frameCount() != null
                        && r.media().frameCount() > 0)
                .findFirst()
                .orElseThrow());
        ApiClient api = new ApiClient(server.baseUri(), null);
        // A media item is a version of one asset only: the other clip comes in again as a new upload.
        Path sample = demo.samples().stream()
                .filter(p -> p.getFileName().toString().equals(other.media().name()))
                .findFirst()
                .orElseThrow();
        String copy = api.upload(sample).id();
        Await.until("the second version to be processed", DEADLINE, () -> api.media(copy)
                .ready());
        api.addVersion(interview.asset().id(), copy);
        Await.fx(() -> window.review()
                .open(window.review().connection(), api.asset(interview.asset().id()), null));
        Await.until(
                "the review of two versions",
                DEADLINE,
                () -> Await.on(() -> window.review().versions().size()) == 2);
        Await.fx(() -> window.compareVersions());
        Await.until(
                "both versions in compare",
                DEADLINE,
                () -> Await.on(() -> window.compare().stillBProperty().get() != null
                        && window.compare().playback().stillProperty().get() != null));
        capture("xvfb-compare");

        // Back to the review: a marked range in the cut window, then the share window with a new link's form.
        Await.fx(() -> window.open(window.library().rows().stream()
                .filter(r -> r.asset().id().equals(interview.asset().id()))
                .findFirst()
                .orElseThrow()));
        Await.until(
                "the review again",
                DEADLINE,
                () -> Await.on(() -> {
                    var still = window.review().playback().stillProperty().get();
                    return still != null && still.index() == 0;
                }));
        Await.fx(() -> {
            var pb = window.review().playback();
            pb.step(12);
            pb.markIn();
            pb.step(36);
            pb.markOut();
        });
        var cut = Await.on(() -> window.cutMarkedClip());
        Await.until(
                "the templates asked for",
                DEADLINE,
                () -> Await.on(() -> !cut.templates().isEmpty()));
        Await.fx(() -> cut.titleProperty().set("Interview: the answer"));
        capture("xvfb-cut-clip");
        Await.fx(() -> closeDialogs());
        Await.fx(() -> window.shareReview());
        Await.fx(() -> find("#share-new").ifPresent(n -> ((javafx.scene.control.Button) n).fire()));
        Await.until(
                "the share form",
                DEADLINE,
                () -> Await.on(() -> find("#share-form").isPresent()));
        capture("xvfb-share");
        Await.fx(() -> closeDialogs());
    }

    /** A node in any of the app's windows (the dialogs are windows of their own). */
    private static java.util.Optional<javafx.scene.Node> find(String selector) {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null)
                .map(w -> w.getScene().lookup(selector))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    private static void closeDialogs() {
        for (javafx.stage.Window w : java.util.List.copyOf(javafx.stage.Window.getWindows())) {
            if (w instanceof Stage st && st.getOwner() != null) {
                st.close();
            }
        }
    }

    private static void capture(String name) throws Exception {
        // Three pulses after the last change: the scene has been rendered to the X window.
        java.util.concurrent.CountDownLatch pulses = new java.util.concurrent.CountDownLatch(3);
        Await.fx(() -> new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
                if (pulses.getCount() == 0) {
                    stop();
                }
            }
        }.start());
        assertTrue(pulses.await(30, TimeUnit.SECONDS), "the scene rendered");
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Process p = new ProcessBuilder("import", "-display", DISPLAY, "-window", "root", file.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "import finished");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        assertTrue(Files.size(file) > 10_000, "a real picture was captured");
    }
}
