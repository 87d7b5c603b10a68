package io.framewise.desktop.ui;

import io.framewise.desktop.review.NoteLoopViewModel;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.review.ReviewViewModel;
import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/**
 * The review's note controls next to the transport: "Loop notes" with the handle around a frame
 * note, the notes list following the note being shown (N, Shift+N, the loop), and the "Export
 * report…" button for the top bar. Binds to {@link NoteLoopViewModel} and the review's report
 * export only.
 */
final class NoteLoopBar extends HBox {

    NoteLoopBar(ReviewViewModel review, ListView<NoteThread> list) {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        NoteLoopViewModel loop = review.noteLoop();
        ToggleButton toggle = new ToggleButton("Loop notes");
        toggle.setId("loop-notes");
        toggle.setTooltip(
                new Tooltip("Play each note's range in turn, over and over (N / Shift+N: next / previous note)"));
        toggle.setOnAction(e -> {
            loop.toggle();
            toggle.setSelected(loop.onProperty().get());
        });
        loop.onProperty().addListener((o, a, on) -> toggle.setSelected(on));
        toggle.disableProperty()
                .bind(javafx.beans.binding.Bindings.isEmpty(review.notes().threads()));
        Spinner<Double> handle = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(
                0, 10, NoteLoopViewModel.DEFAULT_HANDLE_SECONDS, 0.5));
        handle.setId("loop-handle");
        handle.setPrefWidth(80);
        handle.setTooltip(new Tooltip("Seconds played either side of a note on a single frame"));
        handle.valueProperty()
                .addListener((o, a, b) -> loop.handleSecondsProperty().set(b));
        getChildren().addAll(toggle, handle);
        loop.currentProperty().addListener((o, a, t) -> {
            if (t == null) {
                return;
            }
            for (NoteThread shown : list.getItems()) {
                if (shown.first().id().equals(t.first().id())) {
                    list.getSelectionModel().select(shown);
                    list.scrollTo(shown);
                    return;
                }
            }
        });
    }

    /** "Export report…": asks where, then saves the shown version's PDF review report there. */
    /** "Export report (PDF)...": saves the shown version's review report where the user picks. */
    static MenuItem exportReport(ReviewViewModel review, Node owner) {
        MenuItem item = new MenuItem("Export report (PDF)...");
        item.setId("export-report");
        item.disableProperty()
                .bind(review.versionProperty().isNull().or(review.report().busyProperty()));
        item.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(io.framewise.desktop.review.ReportExport.suggestedName(
                    review.titleProperty().get()));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            File f = chooser.showSaveDialog(
                    owner.getScene() == null ? null : owner.getScene().getWindow());
            if (f != null) {
                review.exportReport(f.toPath());
            }
        });
        review.report().messageProperty().addListener((o, a, m) -> review.messageProperty()
                .set(m));
        return item;
    }
}
