package io.framewise.desktop.ui;

import io.framewise.desktop.markers.ExportNotesViewModel;
import io.framewise.desktop.markers.ExportNotesViewModel.AuthorChoice;
import io.framewise.desktop.markers.ExportNotesViewModel.State;
import io.framewise.desktop.markers.ExportNotesViewModel.Status;
import io.framewise.desktop.markers.MarkerExportFormat;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "Export notes" window: format and filters bound to the view model, then a save dialog. */
final class ExportNotesWindow extends VBox {

    private ExportNotesWindow(ExportNotesViewModel vm, Stage stage) {
        setId("export-notes-window");
        setSpacing(12);
        setPadding(new Insets(16));
        setPrefWidth(520);

        Label heading = new Label("Export notes as markers");
        heading.getStyleClass().add("title-3");

        ChoiceBox<MarkerExportFormat> format = new ChoiceBox<>();
        format.setId("export-format");
        format.getItems().setAll(MarkerExportFormat.values());
        format.valueProperty().bindBidirectional(vm.formatProperty());

        ChoiceBox<Status> status = new ChoiceBox<>();
        status.setId("export-status");
        status.getItems().setAll(Status.values());
        status.valueProperty().bindBidirectional(vm.statusProperty());

        VBox authors = new VBox(4);
        authors.setId("export-authors");
        for (AuthorChoice a : vm.authors()) {
            CheckBox box = new CheckBox(a.name());
            box.selectedProperty().bindBidirectional(a.selectedProperty());
            authors.getChildren().add(box);
        }
        Label everyone = new Label("None ticked: everyone");
        everyone.getStyleClass().add("text-muted");
        authors.getChildren().add(everyone);

        TextField from = new TextField();
        from.setId("export-from");
        from.setPromptText("first frame");
        from.textProperty().bindBidirectional(vm.fromProperty());
        TextField to = new TextField();
        to.setId("export-to");
        to.setPromptText("last frame");
        to.textProperty().bindBidirectional(vm.toProperty());
        Button marks = new Button("From I/O marks");
        marks.setMinWidth(Region.USE_PREF_SIZE);
        marks.setId("export-use-marks");
        marks.setDisable(!vm.hasMarks());
        marks.setOnAction(e -> vm.useMarks());
        HBox range = new HBox(8, from, to, marks);
        range.setAlignment(Pos.CENTER_LEFT);

        GridPane form = FormGrid.of(10);
        form.addRow(0, new Label("Format"), format);
        form.addRow(1, new Label("Notes"), status);
        form.addRow(2, new Label("Authors"), authors);
        form.addRow(3, new Label("Frames"), range);

        Label message = new Label();
        message.setId("export-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> !vm.problemProperty().get().isEmpty()
                                ? vm.problemProperty().get()
                                : !vm.messageProperty().get().isEmpty()
                                        ? vm.messageProperty().get()
                                        : vm.keptProperty().get()
                                                + (vm.keptProperty().get() == 1 ? " note" : " notes") + " as markers",
                        vm.problemProperty(),
                        vm.messageProperty(),
                        vm.keptProperty()));

        Button export = new Button("Export...");
        export.setId("export-save");
        export.setDefaultButton(true);
        export.getStyleClass().add("accent");
        export.disableProperty()
                .bind(vm.problemProperty().isNotEmpty().or(vm.stateProperty().isEqualTo(State.SAVING)));
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the markers");
            chooser.setInitialFileName(vm.suggestedFileName());
            String ext = vm.formatProperty().get().extension();
            chooser.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            vm.formatProperty().get().toString(), "*" + ext));
            File file = chooser.showSaveDialog(stage);
            if (file != null) {
                vm.save(file.toPath());
            }
        });
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, grow, close, export);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(heading, form, message, buttons);
    }

    /** Opens the window over {@code owner}. */
    static Stage show(Window owner, ExportNotesViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Export notes");
        Scene scene = new Scene(new ExportNotesWindow(vm, stage));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
