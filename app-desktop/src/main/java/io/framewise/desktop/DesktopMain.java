package io.framewise.desktop;

import javafx.application.Application;

/**
 * Starts the desktop app. Not an {@code Application} itself: JavaFX on the class path (not as
 * modules) refuses to launch an Application subclass as the main class.
 */
public final class DesktopMain {

    private DesktopMain() {}

    public static void main(String[] args) {
        try {
            FramewiseApp.options = DesktopOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("framewise desktop: " + e.getMessage());
            System.exit(2);
        }
        Application.launch(FramewiseApp.class, args);
    }
}
