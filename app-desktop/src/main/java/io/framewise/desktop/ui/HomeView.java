package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiModels.HomeMention;
import io.framewise.desktop.home.HomeViewModel;
import io.framewise.desktop.home.HomeViewModel.Tile;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The start screen's four sections as tiles with posters ({@link HomeViewModel}); a tile opens the
 * review, "Continue watching" at the frame left at. Empty sections say what to do.
 */
final class HomeView extends ScrollPane {

    private final HomeViewModel vm;
    private final Consumer<Tile> open;

    HomeView(HomeViewModel vm, Consumer<Tile> open) {
        this.vm = vm;
        this.open = open;
        setId("home-view");
        setFitToWidth(true);
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
        setContent(box);
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
        Label title = new Label(t.title());
        title.setMaxWidth(192);
        VBox tile = new VBox(4, poster, title);
        tile.getStyleClass().add("home-tile");
        tile.setUserData(t.assetId());
        tile.setOnMouseClicked(e -> open.accept(t));
        return tile;
    }
}
