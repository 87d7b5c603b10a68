package io.framewise.desktop.library;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.ApiModels.ActionResult;
import io.framewise.desktop.client.ApiModels.Asset;
import io.framewise.desktop.client.ApiModels.Crumb;
import io.framewise.desktop.client.ApiModels.FolderEntry;
import io.framewise.desktop.client.ApiModels.FolderPage;
import io.framewise.desktop.client.ApiModels.MediaItem;
import io.framewise.desktop.client.ApiModels.OrganizerAction;
import io.framewise.desktop.client.ApiModels.PageAsset;
import io.framewise.desktop.client.ApiModels.Project;
import io.framewise.desktop.client.EventStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The library as the organizer serves it: a page per folder path (the root, projects, a project's
 * folders, home folders) with breadcrumbs, sub-folders, the assets with status and approval, and the
 * page's actions; search, posters, and resumable uploads filed into the folder on screen (outside a
 * project, into the uploader's home).
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
    private final StringProperty path = new SimpleStringProperty("/");
    private final StringProperty title = new SimpleStringProperty("Library");
    private final ObservableList<Crumb> breadcrumbs = FXCollections.observableArrayList();
    private final ObservableList<FolderEntry> folders = FXCollections.observableArrayList();
    private final ObservableList<OrganizerAction> actions = FXCollections.observableArrayList();
    private final Uploads uploads;
    private final Map<String, CompletableFuture<byte[]>> posters = new ConcurrentHashMap<>();
    private ApiClient api;

    public LibraryViewModel(Executor ui, Executor io) {
        this(ui, io, Uploads.DEFAULT_CHUNK_BYTES);
    }

    public LibraryViewModel(Executor ui, Executor io, int uploadChunkBytes) {
        this.ui = ui;
        this.io = io;
        this.uploads = new Uploads(ui, io, uploadChunkBytes);
        search.addListener((o, a, b) -> {
            String w = b == null ? "" : b.strip();
            visible.setPredicate(r -> w.isEmpty() || r.matches(w));
        });
        // Picking a project in the chooser opens its page, unless the page on screen is already in it.
        project.addListener((o, a, b) -> {
            if (b != null && !b.id().equals(projectOf(path.get()))) {
                navigate("/projects/" + b.id());
            }
        });
    }

    public CompletableFuture<Void> load(ApiClient client) {
        this.api = client;
        posters.clear();
        listen(client);
        return loadProjects(client);
    }

    /** The projects; a new library has none until its first asset makes the default one. */
    private CompletableFuture<Void> loadProjects(ApiClient client) {
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
                            String here = projectOf(path.get());
                            if (here == null && !list.isEmpty() && path.get().equals("/")) {
                                // The first visit opens the first project rather than the bare root.
                                path.set("/projects/" + list.get(0).id());
                            }
                            return null;
                        },
                        ui)
                .thenCompose(v -> refresh());
    }

    /** Opens the page at {@code folderPath} (an organizer path such as /projects/ID or /home). */
    public CompletableFuture<Void> navigate(String folderPath) {
        path.set(folderPath);
        String projectId = projectOf(folderPath);
        if (projectId != null && api != null && projects.stream().noneMatch(p -> p.id().equals(projectId))) {
            // A project made since the chooser was filled (on the web, by someone else): list it.
            return loadProjects(api);
        }
        return refresh();
    }

    /** Opens the user's own home folders. */
    public CompletableFuture<Void> home() {
        return navigate("/home");
    }

    /**
     * Runs an organizer action picked on this page, on the page itself or on an asset or folder
     * ({@code targetType} and {@code targetId} null for the page); follows where it says to go next.
     */
    public CompletableFuture<ActionResult> runAction(
            OrganizerAction action, String targetType, String targetId, Map<String, String> parameters) {
        ApiClient client = api;
        String here = path.get();
        busy.set(true);
        return CompletableFuture.supplyAsync(
                        () -> client.runAction(action.organizer(), action.id(), here, targetType, targetId, parameters),
                        io)
                .handleAsync(
                        (result, err) -> {
                            busy.set(false);
                            if (err != null) {
                                message.set(action.label() + " failed: " + cause(err));
                                return null;
                            }
                            message.set(result.message() == null ? "" : result.message());
                            return result;
                        },
                        ui)
                .thenCompose(result -> {
                    if (result == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    CompletableFuture<Void> next =
                            result.navigatePath() != null ? navigate(result.navigatePath()) : refresh();
                    return next.thenApply(v -> result);
                });
    }

    /** The page's action with this id, if the organizer offers it here. */
    public java.util.Optional<OrganizerAction> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Makes a folder on this page (the folders organizer's create-folder action). */
    public CompletableFuture<ActionResult> createFolder(String name) {
        return action("create-folder")
                .map(a -> runAction(a, null, null, Map.of("name", name)))
                .orElseGet(() -> refused("Folders cannot be made here"));
    }

    /** Moves an asset of this page into the folder at {@code folderPath}. */
    public CompletableFuture<ActionResult> moveAsset(LibraryRow row, String folderPath) {
        return action("move-asset")
                .map(a -> runAction(a, "asset", row.asset().id(), Map.of("folderPath", folderPath)))
                .orElseGet(() -> refused("Assets cannot be moved here"));
    }

    /**
     * Where an asset on this page can move: the project's top, each folder on the way here, this
     * folder and its sub-folders (names as the user sees them, paths as the organizer reads them).
     */
    public Map<String, String> moveTargets() {
        Map<String, String> out = new LinkedHashMap<>();
        String here = path.get();
        String projectId = projectOf(here);
        if (projectId == null) {
            return out;
        }
        for (Crumb c : breadcrumbs) {
            if (projectOf(c.path()) != null) {
                out.put(c.name(), c.path());
            }
        }
        out.put(title.get() + " (here)", here);
        for (FolderEntry f : folders) {
            out.put(title.get() + " / " + f.name(), f.path());
        }
        return out;
    }

    private CompletableFuture<ActionResult> refused(String why) {
        message.set(why);
        return CompletableFuture.completedFuture(null);
    }

    /** The project of an organizer path /projects/{id}/..., or null for any other page. */
    static String projectOf(String folderPath) {
        String[] parts = folderPath == null ? new String[0] : folderPath.split("/");
        return parts.length >= 3 && parts[1].equals("projects") ? parts[2] : null;
    }

    /**
     * Where a file dropped on the page at {@code folderPath} is filed: a project's folder; in a home
     * (My folders) its folder, whose project the server knows; outside both, the top of the
     * uploader's home.
     */
    static UploadItem.Target targetOf(String folderPath) {
        String projectId = projectOf(folderPath);
        String[] parts = folderPath == null ? new String[0] : folderPath.split("/");
        String folderId = parts.length > 3 ? parts[parts.length - 1] : null;
        if (projectId != null) {
            return new UploadItem.Target(projectId, folderId);
        }
        boolean home = parts.length >= 3 && parts[1].equals("users");
        return new UploadItem.Target(null, home ? folderId : null);
    }

    /**
     * Follows the server's library events (uploads added, processing progress, ready, failed), so
     * statuses and posters appear without a manual refresh. A burst of events makes one refresh
     * now and at most one after it.
     */
    private void listen(ApiClient client) {
        EventStream old = events;
        events = null;
        if (old != null) {
            io.execute(old::close);
        }
        io.execute(() -> {
            try {
                EventStream s = client.openEvents(m -> {
                    if (m.path("type").asText().equals("library.event")) {
                        ui.execute(this::refreshSoon);
                    }
                });
                s.subscribeLibrary();
                ui.execute(() -> events = s);
            } catch (RuntimeException e) {
                ui.execute(() -> message.set("Live library updates are off (" + e.getMessage() + "); use Refresh"));
            }
        });
    }

    private boolean refreshing;
    private boolean refreshAgain;
    private EventStream events;

    private void refreshSoon() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        refresh()
                .whenComplete((v, e) -> ui.execute(() -> {
                    refreshing = false;
                    if (refreshAgain) {
                        refreshAgain = false;
                        refreshSoon();
                    }
                }));
    }

    private int posterChecks;
    private boolean posterCheckPending;

    /**
     * The server announces a clip as ready before its poster is made (and sends no event for the
     * poster), so while a ready clip still lacks one the list is looked at again every two
     * seconds, for a minute at most; one check is pending at a time.
     */
    private void awaitPosters(List<LibraryRow> list) {
        boolean missing = list.stream()
                .anyMatch(r -> r.media() != null
                        && r.media().ready()
                        && r.media().frameCount() != null
                        && r.media().frameCount() > 0
                        && !r.media().hasRendition("poster"));
        if (!missing) {
            posterChecks = 0;
        } else if (!posterCheckPending && posterChecks++ < 30) {
            posterCheckPending = true;
            CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS, ui)
                    .execute(() -> {
                        posterCheckPending = false;
                        refreshSoon();
                    });
        }
    }

    /** Stops following library events (the window closing). */
    public void close() {
        EventStream s = events;
        events = null;
        if (s != null) {
            s.close();
        }
    }

    /** Reloads the page on screen: folders, breadcrumbs, actions, and the assets with their media. */
    public CompletableFuture<Void> refresh() {
        ApiClient client = api;
        String here = path.get();
        if (client == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        int generation = refreshes.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> pageOf(client, here), io)
                .handleAsync(
                        (loaded, err) -> {
                            if (!here.equals(path.get())
                                    || applied.getAndAccumulate(generation, Math::max) > generation) {
                                // The user moved on, or a later refresh already showed a newer page.
                                return null;
                            }
                            busy.set(false);
                            if (err != null) {
                                message.set(cause(err));
                                return null;
                            }
                            FolderPage page = loaded.page();
                            path.set(page.path());
                            title.set(page.title());
                            breadcrumbs.setAll(page.breadcrumbs());
                            folders.setAll(page.folders());
                            actions.setAll(page.actions());
                            String projectId = projectOf(page.path());
                            projects.stream()
                                    .filter(p -> p.id().equals(projectId))
                                    .findFirst()
                                    .ifPresentOrElse(project::set, () -> project.set(null));
                            boolean empty =
                                    loaded.rows().isEmpty() && (page.folders().isEmpty() || projects.isEmpty());
                            message.set(empty ? "No media yet: drop files here to upload them." : "");
                            rows.setAll(loaded.rows());
                            awaitPosters(loaded.rows());
                            return null;
                        },
                        ui);
    }

    private final java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();

    /** The newest refresh shown; an older one finishing late is dropped (events refresh from their thread). */
    private final java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();

    private record Loaded(FolderPage page, List<LibraryRow> rows) {}

    private static Loaded pageOf(ApiClient client, String folderPath) {
        FolderPage page = client.folderPage(folderPath);
        if (page.assets().isEmpty()) {
            return new Loaded(page, List.of());
        }
        Map<String, MediaItem> media =
                client.media().stream().collect(Collectors.toMap(MediaItem::id, Function.identity()));
        List<LibraryRow> out = new ArrayList<>();
        for (PageAsset pa : page.assets()) {
            Asset a;
            try {
                a = client.asset(pa.id());
            } catch (ApiError e) {
                if (e.status() == 404) {
                    continue; // Removed since the page was made.
                }
                throw e;
            }
            out.add(new LibraryRow(
                    a, a.latest() == null ? null : media.get(a.latest().mediaId())));
        }
        return new Loaded(page, out);
    }

    /** The poster JPEG of a media item, fetched once. */
    public CompletableFuture<byte[]> poster(String mediaId) {
        return posters.computeIfAbsent(mediaId, id -> CompletableFuture.supplyAsync(() -> api.poster(id), io));
    }

    /**
     * Uploads files one after another (resumably, each with its progress in {@link #uploads()}),
     * filing each as an asset into the folder on screen; on a page outside any project they go to
     * the server's default project, which then opens.
     */
    public CompletableFuture<Void> upload(List<Path> files) {
        ApiClient client = api;
        UploadItem.Target target = targetOf(path.get());
        uploadProgress.set(0);
        message.set("Uploading " + files.size() + (files.size() == 1 ? " file..." : " files..."));
        CompletableFuture<List<Asset>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        int[] done = {0};
        for (Path f : files) {
            chain = chain.thenCompose(list -> uploads.start(client, f, target).thenApply(asset -> {
                if (asset != null) {
                    list.add(asset);
                }
                uploadProgress.set((double) ++done[0] / files.size());
                return list;
            }));
        }
        return chain.handleAsync(
                        (list, err) -> {
                            uploadProgress.set(-1);
                            long failed = uploads.items().stream()
                                    .filter(i -> i.stateProperty().get() == UploadItem.State.FAILED)
                                    .count();
                            message.set(
                                    err != null
                                            ? "Upload failed: " + cause(err)
                                            : failed > 0 ? failed + " upload(s) failed: see Uploads to retry" : "");
                            return list == null ? List.<Asset>of() : list;
                        },
                        ui)
                .thenCompose(list -> afterFiling(client, target, list));
    }

    /** Carries on a paused or failed upload, then shows the folder it was filed in. */
    public CompletableFuture<Void> resume(UploadItem item) {
        ApiClient client = api;
        return uploads.resume(client, item)
                .thenCompose(asset -> afterFiling(client, item.target(), asset == null ? List.of() : List.of(asset)));
    }

    public void pause(UploadItem item) {
        uploads.pause(item);
    }

    private CompletableFuture<Void> afterFiling(ApiClient client, UploadItem.Target target, List<Asset> filed) {
        if (target.projectId() == null && !filed.isEmpty() && !path.get().startsWith("/users/")) {
            // Filed at the top of the uploader's home: show it there.
            path.set("/home");
        }
        return refresh();
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

    public Uploads uploads() {
        return uploads;
    }

    /** The organizer path of the page on screen. */
    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObservableList<Crumb> breadcrumbs() {
        return breadcrumbs;
    }

    public ObservableList<FolderEntry> folders() {
        return folders;
    }

    public ObservableList<OrganizerAction> actions() {
        return actions;
    }
}
