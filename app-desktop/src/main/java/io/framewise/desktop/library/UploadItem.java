package io.framewise.desktop.library;

import io.framewise.desktop.client.TusUpload;
import java.nio.file.Path;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One file on its way into the library: bytes the server holds, its state, and where it will be
 * filed. A paused or failed item keeps its tus upload, so resuming sends only what is missing.
 */
public final class UploadItem {

    /** Where an arrived file becomes an asset: a project and folder, or the server's default project. */
    public record Target(String projectId, String folderId) {}

    public enum State {
        UPLOADING,
        PAUSED,
        FILING,
        DONE,
        FAILED
    }

    private final Path file;
    private final Target target;
    private final TusUpload upload;
    private final LongProperty sent = new SimpleLongProperty(0);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.UPLOADING);
    private final StringProperty message = new SimpleStringProperty("");
    private volatile String mediaId;

    UploadItem(Path file, Target target, TusUpload upload) {
        this.file = file;
        this.target = target;
        this.upload = upload;
        sent.addListener(
                (o, a, b) -> progress.set(upload.size() == 0 ? 1 : Math.min(1.0, b.doubleValue() / upload.size())));
    }

    public String name() {
        return file.getFileName().toString();
    }

    /** The asset title the web UI gives a file: its name without the extension. */
    public String title() {
        String n = name();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    public long size() {
        return upload.size();
    }

    public Target target() {
        return target;
    }

    TusUpload upload() {
        return upload;
    }

    String mediaId() {
        return mediaId;
    }

    void mediaId(String id) {
        this.mediaId = id;
    }

    public LongProperty sentProperty() {
        return sent;
    }

    /** 0..1 of the file on the server. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /** Words for the state: an error, or where it was filed. */
    public StringProperty messageProperty() {
        return message;
    }

    public boolean resumable() {
        return state.get() == State.PAUSED || state.get() == State.FAILED;
    }
}
