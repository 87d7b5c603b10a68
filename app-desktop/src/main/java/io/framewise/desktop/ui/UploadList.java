package io.framewise.desktop.ui;

import io.framewise.desktop.library.LibraryViewModel;
import io.framewise.desktop.library.UploadItem;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Uploads with their own progress: pause, resume or retry each; clear the finished ones. */
final class UploadList extends VBox {

    UploadList(LibraryViewModel vm) {
        setId("upload-list");
        setSpacing(4);
        setPadding(new Insets(6, 10, 0, 10));
        Label heading = new Label("Uploads");
        heading.getStyleClass().add("title-4");
        Button clear = new Button("Clear finished");
        clear.setOnAction(e -> vm.uploads().clearDone());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, heading, grow, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        ListView<UploadItem> list = new ListView<>(vm.uploads().items());
        list.setPrefHeight(120);
        list.setCellFactory(v -> new Cell(vm));
        getChildren().addAll(top, list);
        Runnable show = () -> {
            setVisible(!vm.uploads().items().isEmpty());
            setManaged(isVisible());
        };
        vm.uploads().items().addListener((ListChangeListener<UploadItem>) c -> show.run());
        show.run();
    }

    private static final class Cell extends ListCell<UploadItem> {
        private final LibraryViewModel vm;

        Cell(LibraryViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(UploadItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(item.name());
            name.setMinWidth(200);
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(item.progressProperty());
            bar.setPrefWidth(240);
            Label state = new Label();
            state.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> switch (item.stateProperty().get()) {
                                case UPLOADING -> String.format(
                                        "%d%% of %s",
                                        Math.round(item.progressProperty().get() * 100), bytes(item.size()));
                                case FILING -> "Adding to the library...";
                                default -> item.messageProperty().get();
                            },
                            item.stateProperty(),
                            item.progressProperty(),
                            item.messageProperty()));
            Button action = new Button();
            action.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> switch (item.stateProperty().get()) {
                                case UPLOADING -> "Pause";
                                case PAUSED -> "Resume";
                                case FAILED -> "Retry";
                                default -> "";
                            },
                            item.stateProperty()));
            action.visibleProperty().bind(action.textProperty().isNotEmpty());
            action.setOnAction(e -> {
                if (item.stateProperty().get() == UploadItem.State.UPLOADING) {
                    vm.pause(item);
                } else {
                    vm.resume(item);
                }
            });
            HBox row = new HBox(10, name, bar, state, action);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
        }

        private static String bytes(long n) {
            return n >= 1 << 20
                    ? String.format(java.util.Locale.ROOT, "%.1f MB", n / 1048576.0)
                    : String.format(java.util.Locale.ROOT, "%d KB", Math.max(1, n / 1024));
        }
    }
}
