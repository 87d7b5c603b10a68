package io.framewise.desktop.ui;

import io.framewise.desktop.compare.CompareViewModel;
import io.framewise.desktop.review.PlaybackViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/** A/B compare: two versions side by side or as a wipe, on one playhead. */
final class CompareView extends BorderPane {

    private final ImageView a = new ImageView();
    private final ImageView b = new ImageView();
    private final javafx.scene.shape.Line divider = new javafx.scene.shape.Line();
    private final Pane stage = new Pane(a, b, divider);
    private final CompareViewModel vm;

    CompareView(CompareViewModel vm, Runnable back) {
        this.vm = vm;
        setId("compare-view");
        PlaybackViewModel pb = vm.playback();
        Button backB = new Button("← Review");
        backB.setOnAction(e -> back.run());
        ChoiceBox<CompareViewModel.Mode> mode = new ChoiceBox<>();
        mode.setId("compare-mode");
        mode.getItems().setAll(CompareViewModel.Mode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        Slider wipe = new Slider(0, 1, 0.5);
        wipe.valueProperty().bindBidirectional(vm.wipeProperty());
        wipe.disableProperty().bind(vm.modeProperty().isNotEqualTo(CompareViewModel.Mode.WIPE));
        Label la = new Label();
        la.textProperty().bind(vm.labelAProperty().concat("  |  ").concat(vm.labelBProperty()));
        la.getStyleClass().add("title-4");
        HBox top = new HBox(10, backB, la, mode, new Label("Wipe"), wipe);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 10, 8, 10));
        setTop(top);

        a.setPreserveRatio(true);
        b.setPreserveRatio(true);
        divider.setMouseTransparent(true);
        stage.setStyle("-fx-background-color: black;");
        setCenter(stage);
        pb.stillProperty().addListener((o, x, img) -> {
            a.setImage(Images.of(img));
            layoutPictures();
        });
        vm.stillBProperty().addListener((o, x, img) -> {
            b.setImage(Images.of(img));
            layoutPictures();
        });
        vm.modeProperty().addListener(o -> layoutPictures());
        vm.wipeProperty().addListener(o -> layoutPictures());
        stage.widthProperty().addListener(o -> layoutPictures());
        stage.heightProperty().addListener(o -> layoutPictures());

        Label position = new Label();
        position.setId("compare-position");
        position.textProperty().bind(pb.position());
        position.getStyleClass().add("title-4");
        position.setOnMouseClicked(e -> pb.cycleTimeFormat());
        Button play = new Button("▶ / ❚❚");
        play.setOnAction(e -> pb.togglePlay());
        Label msg = new Label();
        msg.textProperty().bind(vm.messageProperty());
        TimelineBar timeline = new TimelineBar(pb, java.util.List::of);
        VBox bottom = new VBox(6, timeline, new HBox(10, play, position, msg));
        bottom.setPadding(new Insets(8, 10, 10, 10));
        setBottom(bottom);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case SPACE -> pb.togglePlay();
                case LEFT -> pb.step(e.isShiftDown() ? -10 : -1);
                case RIGHT -> pb.step(e.isShiftDown() ? 10 : 1);
                case J -> pb.shuttleBack();
                case K -> pb.stop();
                case L -> pb.shuttleForward();
                case HOME -> pb.home();
                case END -> pb.end();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private void layoutPictures() {
        double w = stage.getWidth();
        double h = stage.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        boolean side = vm.modeProperty().get() == CompareViewModel.Mode.SIDE_BY_SIDE;
        double slotW = side ? w / 2 - 4 : w;
        for (ImageView v : new ImageView[] {a, b}) {
            double aspect = v.getImage() == null
                    ? 16.0 / 9
                    : v.getImage().getWidth() / v.getImage().getHeight();
            double pw = Math.min(slotW, h * aspect);
            double ph = pw / aspect;
            v.setFitWidth(pw);
            v.setFitHeight(ph);
            double x = (side && v == b ? w / 2 + 4 : 0) + (slotW - pw) / 2;
            v.relocate(x, (h - ph) / 2);
        }
        divider.setVisible(!side);
        if (side) {
            b.setClip(null);
        } else {
            double lineX = b.getLayoutX() + b.getFitWidth() * vm.wipeProperty().get();
            divider.setStartX(lineX);
            divider.setEndX(lineX);
            divider.setStartY(b.getLayoutY());
            divider.setEndY(b.getLayoutY() + b.getFitHeight());
            divider.setStroke(javafx.scene.paint.Color.WHITE);
            divider.setStrokeWidth(2);
            // Wipe: B over A, cut at the wipe position, both on the same rectangle.
            double cut = b.getFitWidth() * vm.wipeProperty().get();
            b.setClip(new Rectangle(cut, 0, Math.max(0, b.getFitWidth() - cut), b.getFitHeight()));
        }
    }
}
