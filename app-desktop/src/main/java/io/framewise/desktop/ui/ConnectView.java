package io.framewise.desktop.ui;

import io.framewise.desktop.connect.ConnectViewModel;
import io.framewise.desktop.connect.Discovery;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Connect: a server by URL (sign-in or token), one found on the LAN, or work locally. */
final class ConnectView extends VBox {

    ConnectView(ConnectViewModel vm, Path localData) {
        setId("connect-view");
        setSpacing(14);
        setPadding(new Insets(30));
        setMaxWidth(620);
        setAlignment(Pos.TOP_LEFT);

        Label heading = new Label("Connect to a Framewise server");
        heading.getStyleClass().add("title-2");
        TextField url = new TextField();
        url.setId("server-url");
        url.textProperty().bindBidirectional(vm.urlProperty());
        TextField user = new TextField();
        user.setId("username");
        user.textProperty().bindBidirectional(vm.usernameProperty());
        PasswordField pass = new PasswordField();
        pass.setId("password");
        pass.textProperty().bindBidirectional(vm.passwordProperty());
        TextField token = new TextField();
        token.setId("api-token");
        token.setPromptText("or paste a personal API token");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Server"), url);
        form.addRow(1, new Label("User name"), user);
        form.addRow(2, new Label("Password"), pass);
        form.addRow(3, new Label("API token"), token);
        url.setPrefWidth(420);
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.getStyleClass().add("accent");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(vm.busyProperty());
        connect.setOnAction(e -> vm.connect());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.busyProperty());
        Label message = new Label();
        message.setId("connect-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("warning");
        Label signIn = new Label("This server asks for a user name and password (or an API token).");
        signIn.visibleProperty().bind(vm.needsSignInProperty());
        signIn.managedProperty().bind(signIn.visibleProperty());

        Label lanHeading = new Label("Servers on this network");
        lanHeading.getStyleClass().add("title-4");
        ListView<Discovery.Found> lan = new ListView<>(vm.discovered());
        lan.setId("discovered");
        lan.setPrefHeight(110);
        lan.setPlaceholder(new Label("Looking for servers announced on the LAN..."));
        lan.setOnMouseClicked(e -> {
            Discovery.Found f = lan.getSelectionModel().getSelectedItem();
            if (f != null) {
                vm.choose(f);
                if (e.getClickCount() == 2) {
                    vm.connect();
                }
            }
        });

        Button local = new Button("Work locally");
        local.setId("work-locally");
        local.disableProperty().bind(vm.busyProperty());
        local.setOnAction(e -> vm.workLocally(localData));
        Label localNote =
                new Label("Runs the server inside this app on " + localData + " (no sign-in, this computer only).");
        localNote.getStyleClass().add("text-muted");
        localNote.setWrapText(true);

        getChildren()
                .addAll(
                        heading,
                        form,
                        new HBox(10, connect, busy),
                        signIn,
                        message,
                        new Separator(),
                        lanHeading,
                        lan,
                        new Separator(),
                        local,
                        localNote);
    }
}
