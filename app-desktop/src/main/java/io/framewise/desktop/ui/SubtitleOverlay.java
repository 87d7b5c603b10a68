package io.framewise.desktop.ui;

import io.framewise.desktop.client.SubtitleModels.SubtitleTrack;
import io.framewise.desktop.review.SubtitlesViewModel;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;
import javafx.util.StringConverter;

/**
 * The subtitle track menu and the cue text over the picture; both only bind to {@link
 * SubtitlesViewModel}, which decides what shows on the playhead's frame.
 */
final class SubtitleOverlay {

    /** The menu's "off" entry (a ChoiceBox shows no text for a null value). */
    static final SubtitleTrack OFF =
            new SubtitleTrack("", null, "Subtitles off", "off", false, "", true, 0, null, null);

    private final ChoiceBox<SubtitleTrack> menu = new ChoiceBox<>();
    private final Label cue = new Label();
    private final javafx.scene.control.Button note = new javafx.scene.control.Button("Note on this cue");

    SubtitleOverlay(SubtitlesViewModel subtitles) {
        ObservableList<SubtitleTrack> choices = FXCollections.observableArrayList();
        Runnable refill = () -> {
            choices.setAll(subtitles.tracks().filtered(SubtitleTrack::text));
            choices.add(0, OFF);
            SubtitleTrack now = subtitles.selectedProperty().get();
            menu.setValue(now == null ? OFF : now);
        };
        subtitles.tracks().addListener((ListChangeListener<SubtitleTrack>) c -> refill.run());
        refill.run();
        menu.setItems(choices);
        menu.setId("subtitle-menu");
        menu.setConverter(new StringConverter<>() {
            @Override
            public String toString(SubtitleTrack t) {
                return t == null || t == OFF ? "Subtitles off" : t.menuName();
            }

            @Override
            public SubtitleTrack fromString(String s) {
                return null;
            }
        });
        menu.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(subtitles.tracks()));
        menu.managedProperty().bind(menu.visibleProperty());
        menu.valueProperty().addListener((o, was, now) -> {
            SubtitleTrack chosen = now == OFF ? null : now;
            if (now != null && chosen != subtitles.selectedProperty().get()) {
                subtitles.select(chosen);
            }
        });
        subtitles.selectedProperty().addListener((o, was, now) -> menu.setValue(now == null ? OFF : now));

        cue.setId("subtitle-cue");
        cue.textProperty().bind(subtitles.cueTextProperty());
        cue.visibleProperty().bind(subtitles.cueTextProperty().isNotEmpty());
        cue.setWrapText(true);
        cue.setTextAlignment(TextAlignment.CENTER);
        cue.setMouseTransparent(true);
        cue.setStyle("-fx-background-color: rgba(0,0,0,0.7); -fx-text-fill: white; -fx-font-size: 20px;"
                + " -fx-padding: 2 10 2 10; -fx-background-radius: 3;");
        StackPane.setAlignment(cue, Pos.BOTTOM_CENTER);
        cue.setTranslateY(-28);
        note.setId("cue-note");
        note.visibleProperty().bind(cue.visibleProperty());
        note.managedProperty().bind(note.visibleProperty());
    }

    /** What "Note on this cue" does (the view knows the composer). */
    void onNote(Runnable action) {
        note.setOnAction(e -> action.run());
    }

    javafx.scene.control.Button note() {
        return note;
    }

    ChoiceBox<SubtitleTrack> menu() {
        return menu;
    }

    Label cue() {
        return cue;
    }
}
