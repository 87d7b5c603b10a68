package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiModels.Mentionable;
import io.framewise.desktop.review.MentionCompletion;
import javafx.collections.ListChangeListener;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** The {@code @name} suggestions under a note editor: arrows move, Enter or Tab takes one, Escape closes. */
final class MentionPopup {

    private MentionPopup() {}

    static void attach(TextArea editor, MentionCompletion mentions) {
        ContextMenu popup = new ContextMenu();
        popup.setId("mention-popup");
        Runnable look = () -> mentions.update(editor.getText(), editor.getCaretPosition());
        editor.caretPositionProperty().addListener((o, a, b) -> look.run());
        editor.textProperty().addListener((o, a, b) -> look.run());
        Runnable render = () -> {
            popup.getItems().clear();
            for (int i = 0; i < mentions.suggestions().size(); i++) {
                Mentionable p = mentions.suggestions().get(i);
                Label label = new Label("@" + p.name() + "  " + p.displayName());
                if (i == mentions.activeProperty().get()) {
                    label.setStyle("-fx-font-weight: bold;");
                }
                CustomMenuItem item = new CustomMenuItem(label, true);
                item.setOnAction(e -> take(editor, mentions.choose(p, editor.getText(), editor.getCaretPosition())));
                popup.getItems().add(item);
            }
            if (popup.getItems().isEmpty()) {
                popup.hide();
            } else if (!popup.isShowing() && editor.getScene() != null) {
                popup.show(editor, Side.BOTTOM, 0, 0);
            }
        };
        mentions.suggestions().addListener((ListChangeListener<Mentionable>) c -> render.run());
        mentions.activeProperty().addListener((o, a, b) -> render.run());
        editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (mentions.suggestions().isEmpty()) {
                return;
            }
            if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
                mentions.move(e.getCode() == KeyCode.DOWN ? 1 : -1);
            } else if ((e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) || e.getCode() == KeyCode.TAB) {
                take(editor, mentions.chooseActive(editor.getText(), editor.getCaretPosition()));
            } else if (e.getCode() == KeyCode.ESCAPE) {
                mentions.suggestions().clear();
            } else {
                return;
            }
            e.consume();
        });
    }

    private static void take(TextArea editor, MentionCompletion.Completed done) {
        if (done != null) {
            editor.setText(done.text());
            editor.positionCaret(done.caret());
        }
    }
}
