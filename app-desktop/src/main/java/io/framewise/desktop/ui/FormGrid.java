package io.framewise.desktop.ui;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** A dialog's form: labels in a first column as wide as the longest, fields taking the rest. */
final class FormGrid {

    private FormGrid() {}

    static GridPane of(double rowGap) {
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(rowGap);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        return form;
    }
}
