package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiModels.Project;
import io.framewise.desktop.library.LibraryRow;
import io.framewise.desktop.library.LibraryViewModel;
import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The library: the organizer's page on screen (breadcrumbs, folders, actions), project chooser and
 * Home, search, the assets with poster, status and approval; drop files to upload them into it.
 */
final class LibraryView extends BorderPane {

    final ListView<LibraryRow> list = new ListView<>();

    LibraryView(
            LibraryViewModel vm,
            Consumer<LibraryRow> open,
            Consumer<LibraryRow> share,
            java.util.function.BiConsumer<String, String> shareFolder) {
        setId("library-view");
        ChoiceBox<Project> projects = new ChoiceBox<>(vm.projects());
        projects.valueProperty().bindBidirectional(vm.projectProperty());
        projects.setConverter(new StringConverter<>() {
            @Override
            public String toString(Project p) {
                return p == null ? "" : p.name();
            }

            @Override
            public Project fromString(String s) {
                return null;
            }
        });
        TextField search = new TextField();
        search.setId("library-search");
        search.setPromptText("Search the library");
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refresh());
        ProgressBar upload = new ProgressBar();
        upload.progressProperty().bind(vm.uploadProgressProperty());
        upload.visibleProperty().bind(vm.uploadProgressProperty().greaterThanOrEqualTo(0));
        upload.managedProperty().bind(upload.visibleProperty());
        Label heading = new Label("Library");
        heading.getStyleClass().add("title-3");
        Button home = new Button("My folders");
        home.setId("library-home");
        home.setOnAction(e -> vm.home());
        Button all = new Button("Projects");
        all.setOnAction(e -> vm.navigate("/projects"));
        LibraryNav nav = new LibraryNav(vm, share, shareFolder);
        HBox top = new HBox(10, heading, home, all, projects, search, upload, nav.actions, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(10));
        setTop(new VBox(top, nav));

        list.setId("library-list");
        list.setItems(vm.visible());
        list.setCellFactory(v -> new RowCell(vm));
        list.setOnContextMenuRequested(e -> {
            LibraryRow row = list.getSelectionModel().getSelectedItem();
            if (row != null) {
                nav.menuFor(row).show(list, e.getScreenX(), e.getScreenY());
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER
                    && list.getSelectionModel().getSelectedItem() != null) {
                open.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(6, 10, 10, 10));
        message.getStyleClass().add("text-muted");
        setCenter(list);
        setBottom(new VBox(new UploadList(vm), message));

        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped((DragEvent e) -> {
            List<File> files = e.getDragboard().getFiles();
            if (files != null && !files.isEmpty()) {
                vm.upload(files.stream().map(File::toPath).toList());
            }
            e.setDropCompleted(true);
            e.consume();
        });
    }

    private static final class RowCell extends ListCell<LibraryRow> {
        private final LibraryViewModel vm;

        RowCell(LibraryViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(LibraryRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            ImageView poster = new ImageView();
            poster.setFitWidth(160);
            poster.setFitHeight(90);
            poster.setPreserveRatio(true);
            StackPane frame = new StackPane(poster);
            frame.setPrefSize(160, 90);
            frame.setMinSize(160, 90);
            frame.setStyle("-fx-background-color: #0d1117;");
            if (row.media() != null && row.media().hasRendition("poster")) {
                String id = row.media().id();
                vm.poster(id)
                        .thenAccept(bytes -> Platform.runLater(() -> {
                            if (row.equals(getItem())) {
                                poster.setImage(Images.of(bytes));
                            }
                        }));
            }
            Label title = new Label(row.title());
            title.getStyleClass().add("title-4");
            String facts = row.media() == null || row.media().frameCount() == null
                    ? ""
                    : row.media().frameCount() == 0
                            ? String.format(
                                    java.util.Locale.ROOT,
                                    "Audio only · %.1f s · v%d",
                                    row.media().durationSeconds() == null
                                            ? 0.0
                                            : row.media().durationSeconds(),
                                    row.latest() == null ? 0 : row.latest().number())
                            : String.format(
                                    "%d×%d · %s fps · %d frames%s · v%d%s",
                                    row.media().width(),
                                    row.media().height(),
                                    fps(row.media().frameRate()),
                                    row.media().frameCount(),
                                    Boolean.TRUE.equals(row.media().dropFrame()) ? " · DF" : "",
                                    row.latest() == null ? 0 : row.latest().number(),
                                    // Clips are marked as in the web library.
                                    row.media().clipOf() == null ? "" : " · Clip");
            Label detail = new Label(facts);
            detail.getStyleClass().add("text-muted");
            Label status = new Label(row.status());
            status.getStyleClass()
                    .add(
                            row.status().startsWith("Failed")
                                    ? "danger"
                                    : row.status().equals("Ready") ? "success" : "warning");
            Label approval = new Label(
                    switch (row.approval()) {
                        case "approved" -> "✓ Approved";
                        case "changes_requested" -> "Changes requested";
                        default -> "Needs review";
                    });
            approval.getStyleClass().add(row.approval().equals("approved") ? "success" : "text-muted");
            VBox text = new VBox(4, title, detail, status);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox box = new HBox(14, frame, text, grow, approval);
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
        }

        private static String fps(String rate) {
            if (rate == null) {
                return "?";
            }
            String[] p = rate.split("/");
            double v = Double.parseDouble(p[0]) / (p.length > 1 ? Double.parseDouble(p[1]) : 1);
            return v == Math.rint(v) ? Integer.toString((int) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
        }
    }
}
