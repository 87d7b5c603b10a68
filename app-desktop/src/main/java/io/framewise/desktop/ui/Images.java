package io.framewise.desktop.ui;

import io.framewise.desktop.player.StillImage;
import java.io.ByteArrayInputStream;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Turning the ViewModels' neutral pictures into JavaFX images. */
final class Images {

    private Images() {}

    static Image of(StillImage s) {
        if (s == null) {
            return null;
        }
        WritableImage img = new WritableImage(s.width(), s.height());
        img.getPixelWriter()
                .setPixels(0, 0, s.width(), s.height(), PixelFormat.getIntArgbInstance(), s.argb(), 0, s.width());
        return img;
    }

    static Image of(byte[] encoded) {
        return encoded == null ? null : new Image(new ByteArrayInputStream(encoded));
    }
}
