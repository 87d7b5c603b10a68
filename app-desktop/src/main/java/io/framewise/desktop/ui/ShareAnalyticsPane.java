package io.framewise.desktop.ui;

import io.framewise.desktop.client.ShareModels.Heat;
import io.framewise.desktop.client.ShareModels.Share;
import io.framewise.desktop.client.ShareModels.ShareAnalytics;
import io.framewise.desktop.shares.ShareLinksViewModel;
import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;

/**
 * A link's analytics: opens, unique guests, watch time, downloads and notes, each guest's line,
 * which parts of the media were watched (a heat strip), and the CSV export.
 */
final class ShareAnalyticsPane extends VBox {

    private final ShareLinksViewModel vm;
    private final Label heading = new Label();
    private final GridPane totals = new GridPane();
    private final VBox guests = new VBox(4);
    private final Canvas heat = new Canvas(520, 18);

    ShareAnalyticsPane(ShareLinksViewModel vm, Runnable done) {
        this.vm = vm;
        setId("share-analytics");
        setSpacing(10);
        setPadding(new Insets(12, 0, 0, 0));
        heading.getStyleClass().add("title-4");
        totals.setHgap(28);
        totals.setVgap(2);
        Button csv = new Button("Export CSV...");
        csv.setId("share-export-csv");
        csv.setOnAction(e -> {
            Share s = vm.analyticsOfProperty().get();
            if (s == null) {
                return;
            }
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("share-" + s.id() + ".csv");
            File f = chooser.showSaveDialog(
                    getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.exportCsv(s, f.toPath());
            }
        });
        Button close = new Button("Done");
        close.setOnAction(e -> done.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, grow, csv, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        Label watched = new Label("Watched");
        watched.getStyleClass().add("text-muted");
        getChildren().addAll(heading, totals, watched, heat, guests, buttons);
        vm.analyticsProperty().addListener((o, a, b) -> show(b));
        show(vm.analyticsProperty().get());
    }

    private void show(ShareAnalytics a) {
        Share s = vm.analyticsOfProperty().get();
        heading.setText(s == null ? "" : "Analytics of " + ShareLinksViewModel.label(s));
        totals.getChildren().clear();
        guests.getChildren().clear();
        paintHeat(a == null ? null : a.heat());
        if (a == null) {
            totals.add(new Label("Loading..."), 0, 0);
            return;
        }
        String[][] cells = {
            {"Opens", n(a.opens())},
            {"Unique guests", n(a.uniqueGuests())},
            {"Watch time", ShareLinksViewModel.duration(a.watchSeconds())},
            {"Downloads", n(a.downloads())},
            {"Notes", n(a.notes())}
        };
        for (int i = 0; i < cells.length; i++) {
            Label value = new Label(cells[i][1]);
            value.setId("analytics-"
                    + cells[i][0].toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            value.getStyleClass().add("title-3");
            Label name = new Label(cells[i][0]);
            name.getStyleClass().add("text-muted");
            totals.add(value, i, 0);
            totals.add(name, i, 1);
        }
        List<String> lines = ShareLinksViewModel.guestLines(a);
        if (lines.isEmpty()) {
            Label none = new Label("No guest has opened the link yet.");
            none.getStyleClass().add("text-muted");
            guests.getChildren().add(none);
            return;
        }
        for (String text : lines) {
            Label line = new Label(text);
            line.getStyleClass().add("share-guest");
            guests.getChildren().add(line);
        }
    }

    /** One column per bucket, brighter where more was watched. */
    private void paintHeat(Heat h) {
        GraphicsContext g = heat.getGraphicsContext2D();
        double w = heat.getWidth();
        g.setFill(Color.web("#1c2128"));
        g.fillRect(0, 0, w, heat.getHeight());
        double[] levels = ShareLinksViewModel.heatLevels(h);
        double per = w / Math.max(1, levels.length);
        for (int i = 0; i < levels.length; i++) {
            double v = levels[i];
            if (v > 0) {
                g.setFill(Color.web("#f0883e", 0.25 + 0.75 * v));
                g.fillRect(i * per, 0, Math.ceil(per), heat.getHeight());
            }
        }
    }

    private static String n(Long v) {
        return Long.toString(v == null ? 0 : v);
    }
}
