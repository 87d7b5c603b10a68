package io.framewise.desktop.ui;

import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.shares.ShareLinksViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Share": the links of an asset, clip or folder with their state and views, and under the list a
 * new link's form, a link being changed, or a link's analytics.
 */
final class ShareWindow extends VBox {

    private final ShareLinksViewModel vm;
    private final StackPane detail = new StackPane();

    private ShareWindow(ShareLinksViewModel vm) {
        this.vm = vm;
        setId("share-window");
        setSpacing(10);
        setPadding(new Insets(16));

        Label heading = new Label("Share " + vm.target().title());
        heading.getStyleClass().add("title-3");
        Label kind = new Label(
                switch (vm.target().type()) {
                    case "clip" -> "Clip";
                    case "folder" -> "Folder";
                    default -> "Asset";
                });
        kind.getStyleClass().add("text-muted");
        Button add = new Button("New link");
        add.setId("share-new");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> showForm(new ShareFormPane(vm.newLink(), this::clearDetail)));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, heading, kind, grow, add);
        top.setAlignment(Pos.CENTER_LEFT);

        ListView<Share> list = new ListView<>(vm.links());
        list.setId("share-list");
        list.setPrefHeight(190);
        list.setPlaceholder(new Label("No links yet: make one with New link."));
        list.setCellFactory(v -> new LinkCell());

        Label message = new Label();
        message.setId("share-list-message");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("text-muted");

        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        scroll.setStyle("-fx-background-color: transparent;");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(top, list, message, scroll);
    }

    private void showForm(Node pane) {
        detail.getChildren().setAll(pane);
    }

    private void clearDetail() {
        detail.getChildren().clear();
        vm.refresh();
    }

    private final class LinkCell extends ListCell<Share> {
        @Override
        protected void updateItem(Share s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(ShareLinksViewModel.label(s));
            name.getStyleClass().add("title-4");
            Label summary = new Label(vm.summary(s));
            summary.getStyleClass().add(s.active() ? "text-muted" : "warning");
            summary.getStyleClass().add("share-summary");
            Button edit = new Button("Edit");
            edit.setId("share-edit-" + s.id());
            edit.setDisable(!s.active());
            edit.setOnAction(e -> showForm(new ShareFormPane(vm.edit(s), ShareWindow.this::clearDetail)));
            Button stats = new Button("Analytics");
            stats.setId("share-analytics-" + s.id());
            stats.setOnAction(e -> {
                vm.showAnalytics(s);
                showForm(new ShareAnalyticsPane(vm, ShareWindow.this::clearDetail));
            });
            Button revoke = new Button("Revoke");
            revoke.setId("share-revoke-" + s.id());
            revoke.getStyleClass().add("danger");
            revoke.setDisable(s.revokedAt() != null);
            // Revoking cannot be undone: the first click asks, the second revokes.
            revoke.setOnAction(e -> {
                if (revoke.getText().equals("Revoke")) {
                    revoke.setText("Really revoke?");
                } else {
                    vm.revoke(s);
                }
            });
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox row = new HBox(10, new VBox(2, name, summary), grow, edit, stats, revoke);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
        }
    }

    /** Opens the links of the view model's target over {@code owner}. */
    static Stage show(Window owner, ShareLinksViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Share " + vm.target().title());
        // Fits small screens (a 1280x800 laptop): the form scrolls, the window never runs off the bottom.
        double height =
                Math.min(720, javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() - 100);
        Scene scene = new Scene(new ShareWindow(vm), 760, height);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
