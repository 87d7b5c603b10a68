package io.framewise.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.testing.Await;
import io.framewise.desktop.testing.ReviewServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

/** The main window as the window tests show it: the app's dark theme, 1280x800, on their stage. */
final class TestWindow {

    private TestWindow() {}

    /** Shows a new main window keeping its data under {@code data} on {@code stage}; on the FX thread. */
    static MainWindow showOn(Stage stage, Path data) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        MainWindow window = MainWindow.create(data, true);
        Scene scene = new Scene(window.root(), 1280, 800);
        window.install(scene);
        stage.setScene(scene);
        stage.show();
        return window;
    }

    /**
     * Connects {@code window} to the test server, opens the asset titled {@code title} for review and
     * waits for its first still; answers the review's playback.
     */
    static PlaybackViewModel openReview(MainWindow window, ReviewServer server, String title, Duration deadline) {
        Await.fx(() -> window.connectTo(server.server.baseUri().toString()));
        Await.until(
                "the library",
                deadline,
                () -> Await.on(() -> window.library().visible().stream()
                        .anyMatch(r -> r.title().equals(title))));
        Await.fx(() -> window.open(window.library().visible().stream()
                .filter(r -> r.title().equals(title))
                .findFirst()
                .orElseThrow()));
        Await.until(
                "the first still",
                deadline,
                () -> Await.on(() -> {
                    var st = window.review().playback().stillProperty().get();
                    return st != null && st.index() == 0;
                }));
        return Await.on(() -> window.review().playback());
    }

    /**
     * Connects as a person would (types the address, presses Connect), waits for the start screen and
     * for the library to list {@code assets} assets behind it, then opens the library.
     */
    static void connectAndOpenLibrary(
            FxRobot robot, MainWindow window, ReviewServer server, int assets, Duration deadline) {
        robot.clickOn("#server-url").eraseText(40).write(server.server.baseUri().toString());
        robot.clickOn("#connect");
        Await.until("the start screen", deadline, () -> robot.lookup("#home-view")
                .tryQuery()
                .isPresent());
        Await.until(
                "the library to list " + assets + " assets",
                deadline,
                () -> Await.on(() -> window.library().visible().size()) == assets);
        robot.clickOn("#library-button");
        Await.until("the library", deadline, () -> robot.lookup("#library-list")
                .tryQuery()
                .isPresent());
    }

    /** Closes the windows a test opened over the main window, then the main window's connections. */
    static void close(MainWindow window) {
        Await.fx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage st && st.getOwner() != null) {
                    st.close();
                }
            }
        });
        if (window != null) {
            Await.fx(() -> window.shutdown());
        }
    }
}
