package io.framewise.desktop.compare;

import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.Version;
import io.framewise.desktop.connect.Connection;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.StillImage;
import io.framewise.desktop.review.MediaOpener;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.review.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A/B compare of two versions of an asset, side by side or as a wipe, on one playhead: version A's
 * transport drives, and B shows the frame with the same index (its last frame when B is shorter).
 * Both pictures are frame-exact stills, so the two never drift apart, also while playing.
 */
public final class CompareViewModel {

    public enum Mode {
        SIDE_BY_SIDE("Side by side"),
        WIPE("Wipe");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Executor ui;
    private final Executor io;
    private final MediaOpener opener;
    private final PlaybackViewModel playback;
    private final ObjectProperty<StillImage> stillB = new SimpleObjectProperty<>();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.SIDE_BY_SIDE);
    private final DoubleProperty wipe = new SimpleDoubleProperty(0.5);
    private final StringProperty labelA = new SimpleStringProperty("");
    private final StringProperty labelB = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private MediaOpener.Opened a;
    private MediaOpener.Opened b;

    public CompareViewModel(Executor ui, Executor io, Ticker ticker) {
        this.ui = ui;
        this.io = io;
        this.opener = new MediaOpener((mrl, rate, keyframes) -> Player.none("compare plays from stills"));
        this.playback = new PlaybackViewModel(ui, ticker);
        playback.frameProperty().addListener((o, was, now) -> showB(now.longValue()));
    }

    public CompletableFuture<Void> open(Connection conn, Asset asset, Version va, Version vb) {
        labelA.set(asset.title() + "  v" + va.number());
        labelB.set(asset.title() + "  v" + vb.number());
        message.set("Opening v" + va.number() + " and v" + vb.number() + "...");
        return CompletableFuture.supplyAsync(
                        () -> new MediaOpener.Opened[] {opener.open(conn, va.mediaId()), opener.open(conn, vb.mediaId())
                        },
                        io)
                .thenAcceptAsync(
                        pair -> {
                            close();
                            a = pair[0];
                            b = pair[1];
                            playback.load(a.timing(), a.player(), a.stills());
                            showB(playback.frame());
                            message.set("");
                        },
                        ui)
                .exceptionally(err -> {
                    ui.execute(() ->
                            message.set("Cannot compare: " + err.getCause().getMessage()));
                    return null;
                });
    }

    private void showB(long frame) {
        MediaOpener.Opened other = b;
        if (other == null) {
            return;
        }
        long index = Math.min(frame, other.timing().lastFrame());
        other.stills()
                .get(index, 1)
                .thenAccept(img -> ui.execute(() -> {
                    if (Math.min(playback.frame(), other.timing().lastFrame()) == img.index()) {
                        stillB.set(img);
                    }
                }));
    }

    public void close() {
        playback.stop();
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        a = null;
        b = null;
    }

    public PlaybackViewModel playback() {
        return playback;
    }

    public ObjectProperty<StillImage> stillBProperty() {
        return stillB;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public DoubleProperty wipeProperty() {
        return wipe;
    }

    public StringProperty labelAProperty() {
        return labelA;
    }

    public StringProperty labelBProperty() {
        return labelB;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
