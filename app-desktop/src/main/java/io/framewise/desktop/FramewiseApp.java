package io.framewise.desktop;

import atlantafx.base.theme.PrimerDark;
import io.framewise.desktop.ui.MainWindow;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: AtlantaFX's dark theme and the main window. */
public final class FramewiseApp extends Application {

    static DesktopOptions options;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        DesktopOptions o = options != null ? options : DesktopOptions.parse(new String[0], System.getenv());
        window = MainWindow.create(o.data(), false);
        Scene scene = new Scene(window.root(), 1440, 900);
        window.install(scene);
        stage.setTitle("Framewise");
        stage.setScene(scene);
        stage.show();
        if (o.server() != null) {
            window.connectTo(o.server());
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
    }
}
