package io.framewise.desktop.ui;

import io.framewise.desktop.client.SceneModels.SceneCut;
import io.framewise.desktop.review.PlaybackViewModel;
import io.framewise.desktop.review.SceneCutsViewModel;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * "Scene cuts (n)": the suggested scene markers, each to go to, accept as a note or dismiss, and
 * "Accept all". Hidden while there are none.
 */
final class SceneCutsMenu extends MenuButton {

    private final SceneCutsViewModel cuts;
    private final PlaybackViewModel playback;

    SceneCutsMenu(SceneCutsViewModel cuts, PlaybackViewModel playback) {
        this.cuts = cuts;
        this.playback = playback;
        setId("review-scene-cuts");
        cuts.cuts().addListener((ListChangeListener<SceneCut>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        int n = cuts.cuts().size();
        setText("Scene cuts (" + n + ")");
        setVisible(n > 0);
        setManaged(n > 0);
        getItems().clear();
        MenuItem all = new MenuItem("Accept all as notes");
        all.setId("scene-cuts-accept-all");
        all.setOnAction(e -> cuts.acceptAll());
        getItems().addAll(all, new SeparatorMenuItem());
        for (SceneCut cut : cuts.cuts()) {
            Menu one = new Menu("Frame " + cut.frame());
            MenuItem go = new MenuItem("Go to");
            go.setOnAction(e -> playback.step(cut.frame() - playback.frame()));
            MenuItem accept = new MenuItem("Accept as note");
            accept.setOnAction(e -> cuts.accept(cut));
            MenuItem dismiss = new MenuItem("Dismiss");
            dismiss.setOnAction(e -> cuts.dismiss(cut));
            one.getItems().addAll(go, accept, dismiss);
            getItems().add(one);
        }
    }
}
