package io.framewise.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

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
}
