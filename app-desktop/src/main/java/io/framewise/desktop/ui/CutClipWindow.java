package io.framewise.desktop.ui;

import io.framewise.desktop.clips.ClipMode;
import io.framewise.desktop.clips.CutClipViewModel;
import io.framewise.desktop.clips.CutClipViewModel.State;
import io.framewise.desktop.clips.CutClipViewModel.TemplateChoice;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Cut clip" window: the marked range, title, mode with what it means, template, notes and
 * where the clip is filed; then the clip's progress until it is ready, with a way on to share it.
 */
final class CutClipWindow extends VBox {

    private CutClipWindow(CutClipViewModel vm, Runnable close, Runnable share) {
        setId("cut-clip");
        setSpacing(12);
        setPadding(new Insets(16));
        setPrefWidth(560);

        Label heading = new Label("Cut clip");
        heading.getStyleClass().add("title-3");
        Label range = new Label();
        range.setId("cut-range");
        range.textProperty().bind(vm.rangeProperty());
        range.getStyleClass().add("timecode");

        TextField title = new TextField();
        title.setId("cut-title");
        title.setPromptText("Title (default: source title and timecodes)");
        title.textProperty().bindBidirectional(vm.titleProperty());

        ChoiceBox<ClipMode> mode = new ChoiceBox<>();
        mode.setId("cut-mode");
        mode.getItems().setAll(ClipMode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        Label explanation = new Label();
        explanation.setId("cut-mode-explanation");
        explanation.textProperty().bind(vm.modeExplanationProperty());
        explanation.setWrapText(true);
        explanation.getStyleClass().add("text-muted");
        explanation.setMinHeight(Region.USE_PREF_SIZE);

        ComboBox<TemplateChoice> template = new ComboBox<>(vm.templates());
        template.setId("cut-template");
        template.valueProperty().bindBidirectional(vm.templateProperty());
        template.setMaxWidth(Double.MAX_VALUE);

        CheckBox notes = new CheckBox("Copy the notes in the range onto the clip");
        notes.setId("cut-copy-notes");
        notes.selectedProperty().bindBidirectional(vm.copyNotesProperty());

        ToggleGroup filing = new ToggleGroup();
        RadioButton asAsset = new RadioButton("A new asset next to the source");
        asAsset.setId("cut-new-asset");
        asAsset.setToggleGroup(filing);
        RadioButton asVersion =
                new RadioButton("The next version of " + vm.source().title());
        asVersion.setId("cut-new-version");
        asVersion.setToggleGroup(filing);
        asVersion.setSelected(vm.asNewVersionProperty().get());
        asAsset.setSelected(!vm.asNewVersionProperty().get());
        asVersion.selectedProperty().addListener((o, a, b) -> vm.asNewVersionProperty()
                .set(b));

        GridPane form = FormGrid.of(10);
        form.addRow(0, new Label("Range"), range);
        form.addRow(1, new Label("Title"), title);
        form.addRow(2, new Label("Mode"), mode);
        form.add(explanation, 1, 3);
        form.addRow(4, new Label("Template"), template);
        form.add(notes, 1, 5);
        form.addRow(6, new Label("File as"), new VBox(6, asAsset, asVersion));

        ProgressBar progress = new ProgressBar();
        progress.setId("cut-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty()
                .bind(vm.stateProperty()
                        .isEqualTo(State.SENDING)
                        .or(vm.stateProperty().isEqualTo(State.PROCESSING))
                        .or(vm.stateProperty().isEqualTo(State.READY)));
        Label message = new Label();
        message.setId("cut-message");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.getStyleClass().add(vm.stateProperty().get() == State.FAILED ? "danger" : "text-muted");
        vm.stateProperty().addListener((o, a, s) -> {
            message.getStyleClass().removeAll("danger", "success", "text-muted");
            message.getStyleClass().add(s == State.FAILED ? "danger" : s == State.READY ? "success" : "text-muted");
        });

        Button cut = new Button("Cut clip");
        cut.setId("cut-start");
        cut.setDefaultButton(true);
        cut.getStyleClass().add("accent");
        cut.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> vm.stateProperty().get() != State.EDITING
                                && vm.stateProperty().get() != State.FAILED,
                        vm.stateProperty()));
        cut.setOnAction(e -> vm.cut());
        Button shareB = new Button("Share clip...");
        shareB.setId("cut-share");
        shareB.visibleProperty().bind(vm.stateProperty().isEqualTo(State.READY));
        shareB.managedProperty().bind(shareB.visibleProperty());
        shareB.setOnAction(e -> share.run());
        Button closeB = new Button("Close");
        closeB.setId("cut-close");
        closeB.setCancelButton(true);
        closeB.setOnAction(e -> close.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, grow, shareB, closeB, cut);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        // Once sent, the choices stay as they were sent.
        form.disableProperty()
                .bind(vm.stateProperty()
                        .isNotEqualTo(State.EDITING)
                        .and(vm.stateProperty().isNotEqualTo(State.FAILED)));
        getChildren().addAll(heading, form, progress, message, buttons);
    }

    /**
     * Opens the window over {@code owner}; closing it stops following the clip (the server carries
     * on). {@code share} is called with the window closed, for "Share clip...".
     */
    static Stage show(Window owner, CutClipViewModel vm, Runnable share) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Cut clip");
        CutClipWindow pane = new CutClipWindow(vm, stage::close, () -> {
            stage.close();
            share.run();
        });
        Scene scene = new Scene(pane);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> vm.close());
        stage.show();
        return stage;
    }
}
