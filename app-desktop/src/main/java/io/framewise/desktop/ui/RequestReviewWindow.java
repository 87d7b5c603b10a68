package io.framewise.desktop.ui;

import io.framewise.desktop.review.RequestReviewViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "Request review" window: people to ask, the day it is due and a message. */
final class RequestReviewWindow extends VBox {

    private RequestReviewWindow(RequestReviewViewModel vm, Stage stage) {
        setId("request-review-window");
        setSpacing(12);
        setPadding(new Insets(16));
        setPrefWidth(460);

        Label heading = new Label("Request review");
        heading.getStyleClass().add("title-3");

        VBox people = new VBox(4);
        people.setId("request-people");
        Runnable fill = () -> {
            people.getChildren().clear();
            for (RequestReviewViewModel.Choice c : vm.people()) {
                CheckBox box = new CheckBox(
                        c.person().displayName() + "  @" + c.person().name());
                box.selectedProperty().bindBidirectional(c.chosenProperty());
                people.getChildren().add(box);
            }
        };
        vm.people().addListener((ListChangeListener<RequestReviewViewModel.Choice>) ch -> fill.run());
        fill.run();

        DatePicker due = new DatePicker();
        due.setId("request-due");
        due.valueProperty().bindBidirectional(vm.dueProperty());
        TextArea message = new TextArea();
        message.setId("request-message");
        message.setPrefRowCount(2);
        message.setWrapText(true);
        message.textProperty().bindBidirectional(vm.messageProperty());

        GridPane form = FormGrid.of(10);
        form.addRow(0, new Label("Who"), people);
        form.addRow(1, new Label("Due by"), due);
        form.addRow(2, new Label("Message"), message);

        Label status = new Label();
        status.setId("request-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        Button send = new Button("Send request");
        send.setId("request-send");
        send.setDefaultButton(true);
        send.getStyleClass().add("accent");
        send.disableProperty().bind(vm.busyProperty());
        send.setOnAction(e -> vm.send());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, grow, close, send);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(heading, form, status, buttons);
    }

    /** Opens the window over {@code owner} and loads who may be asked. */
    static Stage show(Window owner, RequestReviewViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Request review");
        Scene scene = new Scene(new RequestReviewWindow(vm, stage));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        vm.load();
        return stage;
    }
}
