package io.framewise.desktop.ui;

import io.framewise.desktop.review.ImportNotesViewModel;
import io.framewise.desktop.review.ImportNotesViewModel.State;
import io.framewise.desktop.review.ReviewViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Import EDL..." window: choose (or drop) a file, read its dry run, then import. It only binds
 * {@link ImportNotesViewModel}.
 */
final class ImportNotesWindow extends VBox {

    ImportNotesWindow(ImportNotesViewModel vm, Runnable close) {
        setSpacing(8);
        setPadding(new Insets(12));
        setPrefWidth(680);
        Label heading = new Label("Import EDL or markers");
        heading.setStyle("-fx-font-size: 1.2em; -fx-font-weight: bold;");
        Label explains = new Label(
                "CMX3600 EDL (Avid, Premiere, Resolve), FCP7 XML, FCPXML or OpenTimelineIO: locators and markers become notes.");
        explains.setWrapText(true);

        Label fileName = new Label("No file chosen");
        fileName.setId("import-file-name");
        vm.fileProperty()
                .addListener((o, a, b) -> fileName.setText(
                        b == null ? "No file chosen" : b.getFileName().toString()));
        Button choose = new Button("Choose file...");
        choose.setId("import-choose");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Import EDL or markers");
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter(
                                    "EDL and marker files", "*.edl", "*.xml", "*.fcpxml", "*.otio", "*.json"),
                            new FileChooser.ExtensionFilter("All files", "*.*"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.choose(f.toPath());
            }
        });
        HBox fileRow = new HBox(10, choose, fileName);
        fileRow.setAlignment(Pos.CENTER_LEFT);

        TextField offset = new TextField();
        offset.setId("import-offset");
        offset.setPrefColumnCount(8);
        offset.textProperty().bindBidirectional(vm.offsetProperty());
        offset.setOnAction(e -> vm.preview());
        offset.focusedProperty().addListener((o, was, now) -> {
            if (!now && vm.fileProperty().get() != null) {
                vm.preview();
            }
        });
        CheckBox events = new CheckBox("Every EDL event as a note too");
        events.setId("import-events");
        events.selectedProperty().bindBidirectional(vm.eventsProperty());
        events.setOnAction(e -> vm.preview());
        HBox options = new HBox(10, new Label("Offset (frames)"), offset, events);
        options.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("import-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setStyle("-fx-font-weight: bold;");
        Label error = new Label();
        error.setId("import-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #e66;");
        error.textProperty().bind(vm.errorProperty());

        ListView<String> notes = new ListView<>(vm.notes());
        notes.setId("import-notes");
        notes.setPrefHeight(220);
        ListView<String> skipped = new ListView<>(vm.skipped());
        skipped.setId("import-skipped");
        skipped.setPrefHeight(90);

        Button importB = new Button("Import");
        importB.setId("import-submit");
        importB.setDefaultButton(true);
        importB.disableProperty().bind(vm.canImportProperty().not());
        importB.setOnAction(e -> vm.importNow());
        Button closeB = new Button("Close");
        closeB.setId("import-close");
        closeB.setCancelButton(true);
        closeB.setOnAction(e -> close.run());
        HBox buttons = new HBox(10, importB, closeB);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label skippedLabel = new Label("Skipped lines");
        skippedLabel.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.skipped()));
        fileRow.disableProperty().bind(vm.stateProperty().isEqualTo(State.IMPORTING));
        getChildren()
                .addAll(heading, explains, fileRow, options, summary, error, notes, skippedLabel, skipped, buttons);
    }

    /** Opens the window over {@code owner} for the version on screen, with {@code file} read at once if given. */
    static Stage show(Window owner, ReviewViewModel review, Executor io, Path file) {
        String mediaId = review.mediaProperty().get().id();
        ImportNotesViewModel vm = new ImportNotesViewModel(
                Platform::runLater,
                io,
                review.connection().api(),
                mediaId,
                n -> review.playback().timing().timecodeOf(n).toString(),
                () -> review.notes().refresh());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Import EDL");
        Scene scene = new Scene(new ImportNotesWindow(vm, stage::close));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        if (file != null) {
            vm.choose(file);
        }
        return stage;
    }
}
