package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiModels.Note;
import io.framewise.desktop.review.NoteLines;
import io.framewise.desktop.review.NoteThread;
import io.framewise.desktop.review.NotesViewModel;
import io.framewise.desktop.review.ReviewViewModel;
import io.framewise.desktop.review.TimeFormat;
import java.time.ZoneId;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** The notes panel: filter and search, the threads, and the composer with its drawing tools. */
final class NotesPanel extends VBox {

    final TextArea composer = new TextArea();
    final ListView<NoteThread> list = new ListView<>();

    NotesPanel(ReviewViewModel review) {
        NotesViewModel notes = review.notes();
        setSpacing(8);
        setPadding(new Insets(10));
        setPrefWidth(360);
        getStyleClass().add("notes-panel");

        Label heading = new Label("Notes");
        heading.getStyleClass().add("title-4");
        ChoiceBox<NotesViewModel.Filter> filter = new ChoiceBox<>();
        filter.getItems().setAll(NotesViewModel.Filter.values());
        filter.valueProperty().bindBidirectional(notes.filterProperty());
        filter.setId("notes-filter");
        TextField search = new TextField();
        search.setPromptText("Search notes");
        search.textProperty().bindBidirectional(notes.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox filters = new HBox(6, filter, search);

        list.setId("notes-list");
        list.setItems(notes.visible());
        list.setCellFactory(v -> new ThreadCell(review));
        list.setOnMouseClicked(e -> {
            NoteThread t = list.getSelectionModel().getSelectedItem();
            if (t != null) {
                review.goTo(t);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Label error = new Label();
        error.textProperty().bind(notes.errorProperty());
        error.getStyleClass().add("danger");
        error.setWrapText(true);

        composer.setId("note-text");
        composer.setPromptText("Note on this frame (M). Ctrl+Enter saves.");
        composer.setPrefRowCount(3);
        composer.setWrapText(true);
        composer.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                save(review);
                e.consume();
            }
        });
        MentionPopup.attach(composer, review.mentions());

        ToggleGroup tools = new ToggleGroup();
        javafx.scene.layout.FlowPane toolBar = new javafx.scene.layout.FlowPane(4, 4);
        ToggleButton draw = new ToggleButton("✎ Draw");
        draw.setId("draw-toggle");
        draw.getStyleClass().add("small");
        draw.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        draw.selectedProperty().bindBidirectional(review.drawingModeProperty());
        toolBar.getChildren().add(draw);
        for (String t : new String[] {"pen", "arrow", "line", "rect", "ellipse", "text"}) {
            ToggleButton b = new ToggleButton(t);
            b.setId("tool-" + t);
            b.getStyleClass().add("small");
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setToggleGroup(tools);
            b.setUserData(t);
            b.disableProperty().bind(review.drawingModeProperty().not());
            if (t.equals(review.drawing().toolProperty().get())) {
                b.setSelected(true);
            }
            toolBar.getChildren().add(b);
        }
        tools.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                review.drawing().toolProperty().set((String) b.getUserData());
            }
        });
        ColorPicker color =
                new ColorPicker(Color.web(review.drawing().colorProperty().get()));
        color.setPrefWidth(48);
        color.valueProperty()
                .addListener((o, a, b) -> review.drawing().colorProperty().set(hex(b)));
        Button undo = new Button("Undo");
        undo.setOnAction(e -> review.drawing().undo());
        Button add = new Button("Add note");
        add.setId("add-note");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> save(review));
        add.disableProperty().bind(notes.busyProperty());
        HBox actions = new HBox(6, color, undo, add);

        getChildren().addAll(heading, filters, list, error, toolBar, composer, actions);
    }

    private void save(ReviewViewModel review) {
        String text = composer.getText();
        review.addNote(text)
                .thenRun(() -> javafx.application.Platform.runLater(() -> {
                    if (review.notes().errorProperty().get().isEmpty() && !text.isBlank()) {
                        composer.clear();
                    }
                }));
    }

    static String hex(Color c) {
        return String.format(
                "#%02x%02x%02x",
                (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255), (int)
                        Math.round(c.getBlue() * 255));
    }

    /** One thread: where it is, who wrote it, what it says, who resolved it, its replies, and its actions. */
    private static final class ThreadCell extends ListCell<NoteThread> {
        private final ReviewViewModel review;

        ThreadCell(ReviewViewModel review) {
            this.review = review;
        }

        @Override
        protected void updateItem(NoteThread t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            TimeFormat fmt = review.playback().timeFormatProperty().get();
            String where = fmt.format(t.frame(), review.playback().timing());
            if (t.first().frameOut() != null) {
                where += " – "
                        + fmt.format(t.first().frameOut() - 1, review.playback().timing());
            }
            Label at = new Label(where + (t.hasDrawing() ? "  ✎" : "") + (t.resolved() ? "  ✓ resolved" : ""));
            at.getStyleClass().add(t.resolved() ? "text-muted" : "accent");
            ZoneId zone = ZoneId.systemDefault();
            Label byline = new Label(NoteLines.byline(t.first(), zone));
            byline.getStyleClass().addAll("note-byline", "text-small", "text-muted");
            Label text = new Label(t.first().text());
            text.setWrapText(true);
            text.setMaxWidth(300);
            VBox box = new VBox(3, at, byline, text);
            String colour = io.framewise.desktop.review.NoteColours.hex(t.colour());
            if (colour != null) {
                // The marker colour an editor gave the note in their editing application: its left edge.
                box.setStyle("-fx-border-color: transparent transparent transparent " + colour
                        + "; -fx-border-width: 0 0 0 4; -fx-padding: 0 0 0 6;");
                box.getProperties().put("note-colour", t.colour());
            }
            for (io.framewise.desktop.client.ApiModels.Attachment a : t.attachments()) {
                // An imported drawing: its PNG under the note, loaded off the UI thread.
                javafx.scene.image.ImageView picture = new javafx.scene.image.ImageView();
                picture.setId("attachment-" + a.id());
                picture.setFitWidth(200);
                picture.setPreserveRatio(true);
                picture.setStyle("-fx-background-color: black;");
                box.getChildren().add(new javafx.scene.layout.StackPane(picture));
                review.notes()
                        .picture(a)
                        .thenAccept(png -> javafx.application.Platform.runLater(() ->
                                picture.setImage(new javafx.scene.image.Image(new java.io.ByteArrayInputStream(png)))));
            }
            if (t.resolved()) {
                Label resolution = new Label(NoteLines.resolution(t, zone));
                resolution.getStyleClass().addAll("note-resolution", "text-small", "success");
                box.getChildren().add(resolution);
            }
            for (Note r : t.replies()) {
                Label reply = new Label("↳ " + NoteLines.author(r) + ": " + r.text());
                reply.setWrapText(true);
                reply.setMaxWidth(290);
                reply.getStyleClass().add("text-muted");
                box.getChildren().add(reply);
            }
            Button replyB = small("Reply", () -> ask("Reply", "")
                    .ifPresent(s -> review.notes().reply(t, s)));
            Button edit = small("Edit", () -> ask("Edit note", t.first().text())
                    .ifPresent(s -> review.notes().edit(t.first(), s)));
            Button resolve = small(
                    t.resolved() ? "Reopen" : "Resolve", () -> review.notes().resolve(t, !t.resolved()));
            resolve.setId("resolve-" + t.first().id());
            Button delete = small("Delete", () -> review.notes().delete(t.first()));
            box.getChildren().add(new HBox(4, replyB, edit, resolve, delete));
            setGraphic(box);
            setText(null);
        }

        private static Button small(String label, Runnable action) {
            Button b = new Button(label);
            b.getStyleClass().addAll("small", "flat");
            b.setOnAction(e -> action.run());
            return b;
        }

        private static java.util.Optional<String> ask(String title, String initial) {
            TextInputDialog d = new TextInputDialog(initial);
            d.setHeaderText(title);
            return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
        }
    }
}
