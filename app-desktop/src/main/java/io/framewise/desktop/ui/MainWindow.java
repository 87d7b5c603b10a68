package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ClipModels.ClipQueued;
import io.framewise.desktop.client.TokenStore;
import io.framewise.desktop.clips.CutClipViewModel;
import io.framewise.desktop.compare.CompareViewModel;
import io.framewise.desktop.connect.ConnectViewModel;
import io.framewise.desktop.connect.Connection;
import io.framewise.desktop.connect.Discovery;
import io.framewise.desktop.home.HomeViewModel;
import io.framewise.desktop.host.HostViewModel;
import io.framewise.desktop.host.LanAddress;
import io.framewise.desktop.library.FolderTreeModel;
import io.framewise.desktop.library.LibraryRow;
import io.framewise.desktop.library.LibraryViewModel;
import io.framewise.desktop.player.Player;
import io.framewise.desktop.player.VlcPlayer;
import io.framewise.desktop.review.MediaOpener;
import io.framewise.desktop.review.ReviewViewModel;
import io.framewise.desktop.shares.ShareLinksViewModel;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The window: a header (where the app is connected, the host switch) over one screen at a time:
 * connect, library, review or compare. It builds the ViewModels and hands them to their views.
 */
public final class MainWindow {

    private final BorderPane root = new BorderPane();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "framewise-io");
        t.setDaemon(true);
        return t;
    });
    /** Server and disk work; after shutdown late requests from the screens are dropped. */
    private final java.util.concurrent.Executor io = task -> {
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // The window is closing: nothing is waiting for this any more.
        }
    };

    private final ConnectViewModel connect;
    private final LibraryViewModel library;
    private final ReviewViewModel review;
    private final CompareViewModel compare;
    private final HostViewModel host;
    private final Label where = new Label("Not connected");
    private final Path data;
    private Discovery discovery;
    private ConnectView connectView;
    private LibraryView libraryView;
    private HomeView homeView;
    private final HomeViewModel home;
    private final FolderTreeModel folders;
    private ReviewView reviewView;
    private CompareView compareView;

    private MainWindow(Path data, boolean headlessAudio) {
        this.data = data;
        connect = new ConnectViewModel(Platform::runLater, io, TokenStore.forUser(System.getenv()));
        library = new LibraryViewModel(Platform::runLater, io);
        home = new HomeViewModel(Platform::runLater, io);
        folders = new FolderTreeModel(Platform::runLater, io);
        MediaOpener opener = new MediaOpener(vlcOrStills(headlessAudio));
        review = new ReviewViewModel(Platform::runLater, io, new FxTicker(), opener);
        compare = new CompareViewModel(Platform::runLater, io, new FxTicker());
        host = new HostViewModel(
                Platform::runLater,
                io,
                data.resolve("library"),
                () -> LanAddress.find().orElseGet(InetAddress::getLoopbackAddress),
                this::releaseLocal);
    }

    /** {@code headlessAudio}: no sound device (tests, CI); the app itself plays sound. */
    public static MainWindow create(Path data, boolean headlessAudio) {
        MainWindow w = new MainWindow(data, headlessAudio);
        w.build();
        return w;
    }

    private static MediaOpener.PlayerFactory vlcOrStills(boolean headlessAudio) {
        boolean present = VlcPlayer.libvlcPresent();
        return (mrl, rate, keyframes) ->
                present ? VlcPlayer.open(mrl, rate, keyframes, headlessAudio) : Player.none(VlcPlayer.INSTALL_HINT);
    }

    private void build() {
        root.setId("main-window");
        Label brand = new Label("Framewise");
        brand.getStyleClass().add("title-3");
        where.setId("connection-label");
        where.getStyleClass().add("text-muted");
        Button disconnect = new Button("Connect...");
        disconnect.setOnAction(e -> show(connectView));
        Button homeButton = new Button("Home");
        homeButton.setId("home-button");
        homeButton.setOnAction(e -> showHome());
        Button libraryButton = new Button("Library");
        libraryButton.setId("library-button");
        libraryButton.setOnAction(e -> showLibrary());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(14, brand, where, disconnect, homeButton, libraryButton, grow, new HostPanel(host));
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));
        header.setStyle("-fx-border-color: transparent transparent -color-border-default transparent;");
        root.setTop(header);

        connectView = new ConnectView(connect, data.resolve("library"));
        libraryView = new LibraryView(library, this::openReview, this::shareRow, this::shareFolder);
        homeView = new HomeView(home, folders, this::openFromHome, this::openFolder);
        reviewView = new ReviewView(
                review,
                () -> {
                    review.playback().stop();
                    show(libraryView);
                    library.refresh();
                },
                this::openCompare,
                this::cutClip,
                this::shareReviewed);
        compareView = new CompareView(compare, () -> {
            compare.close();
            show(reviewView);
        });
        connect.connectionProperty().addListener((o, a, c) -> connected(c));
        host.hostedProperty().addListener((o, was, now) -> {
            if (now != null) {
                connect.connectionProperty().set(now);
            } else if (was != null && connect.connectionProperty().get() == was) {
                review.close();
                connect.connectionProperty().set(null);
                where.setText("Not connected (hosting stopped)");
                show(connectView);
            }
        });
        StackPane centred = new StackPane(connectView);
        StackPane.setAlignment(connectView, Pos.TOP_CENTER);
        root.setCenter(centred);
        startDiscovery();
    }

    public void install(Scene scene) {
        scene.getStylesheets()
                .add(MainWindow.class
                        .getResource("/io/framewise/desktop/app.css")
                        .toExternalForm());
    }

    private void startDiscovery() {
        io.execute(() -> {
            try {
                InetAddress on = LanAddress.find().orElseGet(InetAddress::getLoopbackAddress);
                Discovery d = Discovery.browse(
                        on,
                        f -> Platform.runLater(() -> connect.found(f)),
                        n -> Platform.runLater(() -> connect.gone(n)));
                synchronized (this) {
                    discovery = d;
                }
            } catch (RuntimeException e) {
                Platform.runLater(() -> connect.messageProperty().set("LAN discovery is off: " + e.getMessage()));
            }
        });
    }

    /** Stops the app's own loopback server (hosting takes its library over). */
    private void releaseLocal() {
        Connection c = connect.connectionProperty().get();
        if (c != null && c.embedded() != null && c.embedded() != hostedServer()) {
            c.embedded().close();
        }
    }

    private io.framewise.server.embedded.EmbeddedServer hostedServer() {
        Connection h = host.hostedProperty().get();
        return h == null ? null : h.embedded();
    }

    public void connectTo(String url) {
        connect.urlProperty().set(url);
        connect.connect();
    }

    private void connected(Connection c) {
        if (c == null) {
            return;
        }
        where.setText("Connected to " + c.label());
        // The library loads behind the start screen, so "Library" shows it at once.
        library.load(c.api());
        folders.load(c.api());
        home.load(c.api());
        show(homeView);
    }

    /** A folder chosen in the start screen's tree opens in the library. */
    private void openFolder(String path) {
        if (connect.connectionProperty().get() == null) {
            return;
        }
        library.navigate(path);
        show(libraryView);
    }

    private void openReview(LibraryRow row) {
        Connection c = connect.connectionProperty().get();
        if (row.latest() == null) {
            return;
        }
        show(reviewView);
        review.open(c, row.asset(), null);
        reviewView.requestFocus();
    }

    /** The start screen's sections for the person connected. */
    private void showHome() {
        Connection c = connect.connectionProperty().get();
        if (c == null) {
            return;
        }
        home.load(c.api());
        folders.load(c.api());
        show(homeView);
    }

    /** Opens a home tile's asset for review, at the saved frame for "Continue watching". */
    private void openFromHome(HomeViewModel.Tile tile) {
        Connection c = connect.connectionProperty().get();
        if (c == null) {
            return;
        }
        long frame = HomeViewModel.openingFrame(tile);
        java.util.concurrent.CompletableFuture.supplyAsync(() -> c.api().asset(tile.assetId()), io)
                .thenAccept(asset -> Platform.runLater(() -> {
                    show(reviewView);
                    review.open(c, asset, null)
                            .thenRun(() -> Platform.runLater(() -> {
                                if (frame > 0) {
                                    review.playback().seek(frame);
                                }
                            }));
                    reviewView.requestFocus();
                }));
    }

    private void openCompare(ReviewViewModel r) {
        List<io.framewise.desktop.client.ApiModels.Version> vs = r.versions();
        var b = r.versionProperty().get();
        var a = vs.stream().filter(v -> !v.equals(b)).reduce((x, y) -> y).orElse(vs.get(0));
        r.playback().stop();
        show(compareView);
        compare.open(r.connection(), r.asset(), a, b);
        compareView.requestFocus();
    }

    /** "Cut clip" on the review's marked range; the library shows the clip once it is ready. */
    private CutClipViewModel cutClip(ReviewViewModel r) {
        Connection c = connect.connectionProperty().get();
        if (c == null || r.mediaProperty().get() == null) {
            return null;
        }
        r.playback().stop();
        CutClipViewModel vm = new CutClipViewModel(Platform::runLater, io);
        vm.stateProperty().addListener((o, was, now) -> {
            if (now == CutClipViewModel.State.READY) {
                library.refresh();
            }
        });
        vm.openMarked(c.api(), r);
        CutClipWindow.show(window(), vm, () -> {
            ClipQueued clip = vm.clipProperty().get();
            ShareLinksViewModel links = shareLinks();
            links.openClip(c.api(), clip.assetId(), clip.id())
                    .thenRun(() -> Platform.runLater(() -> ShareWindow.show(window(), links)));
        });
        return vm;
    }

    private ShareLinksViewModel shareReviewed(ReviewViewModel r) {
        return r.asset() == null
                ? null
                : showLinks((links, api) ->
                        links.openAsset(api, r.asset(), r.mediaProperty().get()));
    }

    private void shareRow(LibraryRow row) {
        showLinks((links, api) -> links.openAsset(api, row.asset(), row.media()));
    }

    private void shareFolder(String folderId, String name) {
        showLinks((links, api) -> links.openFolder(api, folderId, name));
    }

    /** Opens "Share" on the links {@code open} starts loading (it names the target at once). */
    private ShareLinksViewModel showLinks(BiConsumer<ShareLinksViewModel, ApiClient> open) {
        Connection c = connect.connectionProperty().get();
        if (c == null) {
            return null;
        }
        ShareLinksViewModel links = shareLinks();
        open.accept(links, c.api());
        ShareWindow.show(window(), links);
        return links;
    }

    private ShareLinksViewModel shareLinks() {
        return new ShareLinksViewModel(Platform::runLater, io, java.time.ZoneId.systemDefault());
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    void show(Node screen) {
        StackPane centred = new StackPane(screen);
        StackPane.setAlignment(screen, Pos.TOP_CENTER);
        root.setCenter(screen == connectView ? centred : screen);
        screen.requestFocus();
    }

    public BorderPane root() {
        return root;
    }

    public ConnectViewModel connect() {
        return connect;
    }

    public LibraryViewModel library() {
        return library;
    }

    public ReviewViewModel review() {
        return review;
    }

    public HomeViewModel home() {
        return home;
    }

    /** Shows the library (tests; the header's "Library" button does the same). */
    public void showLibrary() {
        if (connect.connectionProperty().get() != null) {
            show(libraryView);
        }
    }

    public CompareViewModel compare() {
        return compare;
    }

    public HostViewModel host() {
        return host;
    }

    /** Opens the review of a library row (tests and the library's double click). */
    public void open(LibraryRow row) {
        openReview(row);
    }

    /** Opens "Cut clip" on the review's marked range (tests; the review's button does the same). */
    public CutClipViewModel cutMarkedClip() {
        return cutClip(review);
    }

    /** Opens "Share" for the asset under review (tests; the review's button does the same). */
    public ShareLinksViewModel shareReview() {
        return shareReviewed(review);
    }

    public void compareVersions() {
        openCompare(review);
    }

    public void shutdown() {
        library.close();
        review.close();
        compare.close();
        host.shutdown();
        synchronized (this) {
            if (discovery != null) {
                discovery.close();
            }
        }
        releaseLocal();
        pool.shutdownNow();
    }
}
