package io.framewise.desktop.library;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ApiModels.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The library: projects, the assets of the chosen one with status and approval, search, posters,
 * and uploads (files dropped from the desktop become assets; progress counts files and bytes).
 */
public final class LibraryViewModel {

    private final Executor ui;
    private final Executor io;
    private final ObservableList<Project> projects = FXCollections.observableArrayList();
    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final ObservableList<LibraryRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LibraryRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty uploadProgress = new SimpleDoubleProperty(-1);
    private final Map<String, CompletableFuture<byte[]>> posters = new ConcurrentHashMap<>();
    private ApiClient api;

    public LibraryViewModel(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
        search.addListener((o, a, b) -> {
            String w = b == null ? "" : b.strip();
            visible.setPredicate(r -> w.isEmpty() || r.matches(w));
        });
        project.addListener((o, a, b) -> {
            if (b != null && (a == null || !a.id().equals(b.id()))) {
                refresh();
            }
        });
    }

    public CompletableFuture<Void> load(ApiClient client) {
        this.api = client;
        posters.clear();
        busy.set(true);
        return CompletableFuture.supplyAsync(client::projects, io)
                .handleAsync(
                        (list, err) -> {
                            busy.set(false);
                            if (err != null) {
                                message.set(cause(err));
                                return null;
                            }
                            projects.setAll(list);
                            Project current = project.get();
                            Project chosen = list.isEmpty()
                                    ? null
                                    : current != null && list.contains(current) ? current : list.get(0);
                            project.set(chosen);
                            // A changed project refreshes through its listener; an unchanged one (reconnect) here.
                            return chosen != null && chosen.equals(current);
                        },
                        ui)
                .thenCompose(same -> Boolean.TRUE.equals(same) ? refresh() : CompletableFuture.completedFuture(null));
    }

    /** Reloads the assets of the chosen project and the state of their media. */
    public CompletableFuture<Void> refresh() {
        ApiClient client = api;
        Project p = project.get();
        if (client == null || p == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(
                        () -> {
                            List<Asset> assets = client.assets(p.id());
                            Map<String, MediaItem> media = client.media().stream()
                                    .collect(Collectors.toMap(MediaItem::id, Function.identity()));
                            List<LibraryRow> out = new ArrayList<>();
                            for (Asset a : assets) {
                                out.add(new LibraryRow(
                                        a,
                                        a.latest() == null
                                                ? null
                                                : media.get(a.latest().mediaId())));
                            }
                            return out;
                        },
                        io)
                .handleAsync(
                        (list, err) -> {
                            busy.set(false);
                            if (err != null) {
                                message.set(cause(err));
                            } else {
                                message.set(list.isEmpty() ? "No media yet: drop files here to upload them." : "");
                                rows.setAll(list);
                            }
                            return null;
                        },
                        ui);
    }

    /** The poster JPEG of a media item, fetched once. */
    public CompletableFuture<byte[]> poster(String mediaId) {
        return posters.computeIfAbsent(mediaId, id -> CompletableFuture.supplyAsync(() -> api.poster(id), io));
    }

    /** Uploads files one after another; each becomes a new asset in the library. */
    public CompletableFuture<Void> upload(List<Path> files) {
        ApiClient client = api;
        uploadProgress.set(0);
        message.set("Uploading " + files.size() + (files.size() == 1 ? " file..." : " files..."));
        return CompletableFuture.runAsync(
                        () -> {
                            int done = 0;
                            for (Path f : files) {
                                MediaItem item = client.upload(f);
                                String name = f.getFileName().toString();
                                int dot = name.lastIndexOf('.');
                                client.createAsset(dot > 0 ? name.substring(0, dot) : name, item.id());
                                double progress = (double) ++done / files.size();
                                ui.execute(() -> uploadProgress.set(progress));
                            }
                        },
                        io)
                .handleAsync(
                        (v, err) -> {
                            uploadProgress.set(-1);
                            message.set(err == null ? "" : "Upload failed: " + cause(err));
                            return null;
                        },
                        ui)
                .thenCompose(v -> refresh());
    }

    static String cause(Throwable err) {
        Throwable c = err.getCause() != null ? err.getCause() : err;
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public ObservableList<Project> projects() {
        return projects;
    }

    public ObjectProperty<Project> projectProperty() {
        return project;
    }

    public ObservableList<LibraryRow> rows() {
        return rows;
    }

    public FilteredList<LibraryRow> visible() {
        return visible;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public DoubleProperty uploadProgressProperty() {
        return uploadProgress;
    }
}
