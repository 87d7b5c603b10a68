package io.framewise.desktop.ui;

import io.framewise.desktop.shares.ShareFormViewModel;
import io.framewise.desktop.shares.ShareFormViewModel.VersionChoice;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The options of one share link (new or being changed), then, for a new one, the link itself with
 * "Copy link": it is shown only this once.
 */
final class ShareFormPane extends VBox {

    ShareFormPane(ShareFormViewModel vm, Runnable done) {
        setId("share-form");
        setSpacing(10);
        setPadding(new Insets(12, 0, 0, 0));

        Label heading = new Label(vm.editing() ? "Change link" : "New link");
        heading.getStyleClass().add("title-4");

        ChoiceBox<VersionChoice> version = new ChoiceBox<>(vm.versions());
        version.setId("share-version");
        version.valueProperty().bindBidirectional(vm.versionProperty());
        version.setDisable(vm.editing());

        DatePicker expires = new DatePicker();
        expires.setId("share-expires");
        expires.setPromptText("Never");
        expires.valueProperty().bindBidirectional(vm.expiresProperty());
        Button never = new Button("Never");
        never.setOnAction(e -> vm.expiresProperty().set(null));

        PasswordField password = new PasswordField();
        password.setId("share-password");
        password.setPromptText(
                vm.editing() && Boolean.TRUE.equals(vm.edited().hasPassword())
                        ? "Unchanged (type to set a new one)"
                        : "None (8 characters or more)");
        password.setPrefColumnCount(22);
        password.textProperty().bindBidirectional(vm.passwordProperty());
        CheckBox clear = new CheckBox("Remove the password");
        clear.selectedProperty().bindBidirectional(vm.clearPasswordProperty());
        clear.setVisible(vm.editing() && Boolean.TRUE.equals(vm.edited().hasPassword()));
        clear.setManaged(clear.isVisible());
        password.disableProperty().bind(vm.clearPasswordProperty());

        CheckBox view = new CheckBox("View");
        view.setSelected(true);
        view.setDisable(true);
        CheckBox comment = check("share-comment", "Comment", vm.commentProperty());
        CheckBox approve = check("share-approve", "Approve", vm.approveProperty());
        CheckBox download = check("share-download", "Download original", vm.downloadProperty());
        CheckBox proxy = check("share-download-proxy", "Download proxy", vm.downloadProxyProperty());
        FlowPane rights = new FlowPane(14, 6, view, comment, approve, download, proxy);

        TextField maxViews = new TextField();
        maxViews.setId("share-max-views");
        maxViews.setPromptText("No limit");
        maxViews.setPrefColumnCount(6);
        maxViews.textProperty().bindBidirectional(vm.maxViewsProperty());

        CheckBox watermark = check(
                "share-watermark",
                "Watermark: each guest's name or e-mail and the time over the player and in downloads",
                vm.watermarkProperty());
        watermark.setWrapText(true);
        CheckBox email = check("share-require-email", "Guests give their e-mail", vm.requireEmailProperty());
        CheckBox live = check("share-live", "Guests may join live sessions", vm.liveProperty());

        TextField title = new TextField();
        title.setId("share-title");
        title.setPromptText("What guests see as the link's title");
        title.textProperty().bindBidirectional(vm.titleProperty());

        GridPane form = FormGrid.of(8);
        int row = 0;
        form.addRow(row++, new Label("Title"), title);
        if (vm.versions().size() > 1) {
            form.addRow(row++, new Label("Shows"), version);
        }
        form.addRow(row++, new Label("Guests may"), rights);
        form.addRow(row++, new Label("Expires after"), new HBox(8, expires, never));
        form.addRow(row++, new Label("Password"), new HBox(8, password, clear));
        form.addRow(row++, new Label("Maximum views"), maxViews);
        form.add(watermark, 1, row++);
        form.add(email, 1, row++);
        form.add(live, 1, row++);
        form.disableProperty().bind(vm.savedProperty().and(vm.linkProperty().isNotEmpty()));

        Label message = new Label();
        message.setId("share-message");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.getStyleClass().add("warning");

        TextField link = new TextField();
        link.setId("share-link");
        link.setEditable(false);
        link.textProperty().bind(vm.linkProperty());
        HBox.setHgrow(link, Priority.ALWAYS);
        Button copy = new Button("Copy link");
        copy.setId("share-copy");
        copy.getStyleClass().add("accent");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.linkProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox linkRow = new HBox(8, link, copy);
        linkRow.setAlignment(Pos.CENTER_LEFT);
        linkRow.visibleProperty().bind(vm.linkProperty().isNotEmpty());
        linkRow.managedProperty().bind(linkRow.visibleProperty());

        Button save = new Button(vm.editing() ? "Save changes" : "Create link");
        save.setId("share-save");
        save.getStyleClass().add("accent");
        save.setDefaultButton(true);
        save.disableProperty().bind(vm.busyProperty());
        save.setOnAction(e -> vm.save());
        save.visibleProperty().bind(vm.linkProperty().isEmpty());
        save.managedProperty().bind(save.visibleProperty());
        Button close = new Button("Done");
        close.setId("share-done");
        close.setOnAction(e -> done.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(10, grow, close, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        vm.savedProperty().addListener((o, a, b) -> {
            if (b && vm.editing()) {
                done.run();
            }
        });
        getChildren().addAll(heading, form, linkRow, message, buttons);
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty p) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        return c;
    }
}
