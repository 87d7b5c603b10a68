package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiModels.HomeMention;
import io.framewise.desktop.client.Sprites;
import io.framewise.desktop.home.HomeViewModel;
import io.framewise.desktop.home.HomeViewModel.Tile;
import io.framewise.desktop.library.FolderTreeModel;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The start screen: the folder tree beside the four sections as tiles with posters that scrub on
 * hover ({@link HomeViewModel}); a tile opens the review, "Continue watching" at the frame left at.
 * Empty sections say what to do.
 */
final class HomeView extends BorderPane {

    private final HomeViewModel vm;
    private final Consumer<Tile> open;

    HomeView(HomeViewModel vm, FolderTreeModel folders, Consumer<Tile> open, Consumer<String> openFolder) {
        this.vm = vm;
        this.open = open;
        setId("home-view");
        ScrollPane scroll = new ScrollPane();
        scroll.setFitToWidth(true);
        Label error = new Label();
        error.textProperty().bind(vm.errorProperty());
        error.getStyleClass().add("danger");
        VBox box = new VBox(
                10,
                error,
                section("Needs my review", "needsReview", vm.needsReview()),
                mentions(),
                section("Recently uploaded", "recent", vm.recent()),
                section("Continue watching", "continue", vm.continueWatching()));
        box.setPadding(new Insets(12));
        scroll.setContent(box);
        FolderTreeView tree = new FolderTreeView(folders, openFolder);
        tree.setPadding(new Insets(12, 0, 12, 12));
        setLeft(tree);
        setCenter(scroll);
    }

    private VBox section(String title, String key, ObservableList<Tile> tiles) {
        Label heading = new Label(title);
        heading.getStyleClass().add("title-4");
        Label empty = new Label();
        empty.setWrapText(true);
        empty.getStyleClass().add("text-muted");
        FlowPane grid = new FlowPane(10, 10);
        grid.setId("home-" + key);
        Runnable fill = () -> {
            grid.getChildren().setAll(tiles.stream().map(this::tile).toList());
            empty.setText(vm.emptyText(key));
        };
        tiles.addListener((ListChangeListener<Tile>) c -> fill.run());
        fill.run();
        return new VBox(6, heading, empty, grid);
    }

    private VBox mentions() {
        Label heading = new Label("Mentions and replies to me");
        heading.getStyleClass().add("title-4");
        Label empty = new Label();
        empty.getStyleClass().add("text-muted");
        VBox list = new VBox(4);
        list.setId("home-mentions");
        ObservableList<HomeMention> items = vm.mentions();
        Runnable fill = () -> {
            list.getChildren()
                    .setAll(items.stream().map(m -> new Label(m.text())).toList());
            empty.setText(vm.emptyText("mentions"));
        };
        items.addListener((ListChangeListener<HomeMention>) c -> fill.run());
        fill.run();
        return new VBox(6, heading, empty, list);
    }

    private VBox tile(Tile t) {
        ImageView poster = new ImageView();
        poster.setFitWidth(192);
        poster.setFitHeight(108);
        poster.setPreserveRatio(true);
        vm.poster(t.mediaId()).thenAccept(bytes -> {
            if (bytes.length > 0) {
                Platform.runLater(() -> poster.setImage(Images.of(bytes)));
            }
        });
        scrubs(poster, t);
        Label title = new Label(t.title());
        title.setMaxWidth(192);
        Label detail = new Label(HomeViewModel.detail(t));
        detail.getStyleClass().add("text-muted");
        VBox tile = new VBox(4, poster, title, detail);
        tile.setCursor(javafx.scene.Cursor.HAND);
        tile.getStyleClass().add("home-tile");
        tile.setUserData(t.assetId());
        tile.setOnMouseClicked(e -> open.accept(t));
        return tile;
    }

    /**
     * Hover scrub, as on the web's cards: moving the pointer across the poster shows the sprite
     * sheet's picture for that part of the media; leaving puts the poster back.
     */
    private void scrubs(ImageView poster, Tile t) {
        Image[] sheet = new Image[1];
        Sprites[] index = new Sprites[1];
        Image[] still = new Image[1];
        poster.setOnMouseEntered(e -> vm.sprites(t.mediaId()).thenAccept(s -> {
            if (s != null) {
                Platform.runLater(() -> {
                    index[0] = s;
                    if (sheet[0] == null) {
                        sheet[0] = Images.of(s.jpeg());
                    }
                });
            }
        }));
        poster.setOnMouseMoved(e -> {
            Sprites s = index[0];
            if (s == null || sheet[0] == null) {
                return;
            }
            if (poster.getViewport() == null) {
                still[0] = poster.getImage();
            }
            int n = HomeViewModel.scrubTile(
                    s, e.getX() / poster.getBoundsInLocal().getWidth());
            poster.setImage(sheet[0]);
            poster.setViewport(new Rectangle2D(s.tileX(n), s.tileY(n), s.tileWidth(), s.tileHeight()));
            poster.getProperties().put("scrub-frame", s.frames()[n]);
        });
        poster.setOnMouseExited(e -> {
            if (poster.getViewport() != null) {
                poster.setViewport(null);
                poster.setImage(still[0]);
                poster.getProperties().remove("scrub-frame");
            }
        });
    }
}
