package io.framewise.desktop.ui;

import io.framewise.desktop.host.HostViewModel;
import io.framewise.desktop.host.QrCode;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** The "Host on LAN" switch with the URL and QR code guests open. */
final class HostPanel extends HBox {

    HostPanel(HostViewModel vm) {
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        ToggleButton toggle = new ToggleButton("Host on LAN");
        toggle.setId("host-toggle");
        toggle.selectedProperty().addListener((o, a, b) -> {
            if (b != vm.hostingProperty().get()) {
                vm.setHosting(b);
            }
        });
        vm.hostingProperty().addListener((o, a, b) -> toggle.setSelected(b));
        toggle.disableProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("text-muted");
        Label url = new Label();
        url.setId("host-url");
        url.textProperty().bind(vm.urlProperty());
        url.getStyleClass().add("accent");
        Canvas qr = new Canvas(0, 0);
        vm.qrProperty().addListener((o, a, code) -> paint(qr, code));
        Label admin = new Label();
        admin.textProperty().bind(vm.adminNoticeProperty());
        admin.getStyleClass().add("warning");
        admin.managedProperty().bind(admin.textProperty().isNotEmpty());
        VBox text = new VBox(2, status, url, admin);
        getChildren().addAll(toggle, text, qr);
        setPadding(new Insets(0, 4, 0, 4));
    }

    private static void paint(Canvas canvas, QrCode code) {
        if (code == null) {
            canvas.setWidth(0);
            canvas.setHeight(0);
            return;
        }
        double cell = 2;
        canvas.setWidth(code.size() * cell);
        canvas.setHeight(code.size() * cell);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setFill(Color.BLACK);
        for (int y = 0; y < code.size(); y++) {
            for (int x = 0; x < code.size(); x++) {
                if (code.dark(x, y)) {
                    g.fillRect(x * cell, y * cell, cell, cell);
                }
            }
        }
    }
}
