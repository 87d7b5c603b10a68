package io.framewise.desktop.host;

import io.framewise.server.FramewiseServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Host on LAN" switch: on starts the embedded server on every interface with local accounts
 * and announces it over mDNS; off withdraws the announcement and stops the server. The URL and its
 * QR code are for browser guests.
 */
public final class HostViewModel {

    private final Executor ui;
    private final Executor io;
    private final Path dataDir;
    private final Supplier<InetAddress> lanAddress;
    private final BooleanProperty hosting = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Not hosting");
    private final ObjectProperty<QrCode> qr = new SimpleObjectProperty<>();
    private FramewiseServer server;
    private Announcer announcer;

    public HostViewModel(Executor ui, Executor io, Path dataDir, Supplier<InetAddress> lanAddress) {
        this.ui = ui;
        this.io = io;
        this.dataDir = dataDir;
        this.lanAddress = lanAddress;
    }

    public CompletableFuture<Void> setHosting(boolean on) {
        if (on == hosting.get()) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        status.set(on ? "Starting the server on the LAN..." : "Stopping...");
        return CompletableFuture.runAsync(on ? this::start : this::stop, io).handleAsync((v, err) -> {
            busy.set(false);
            if (err != null) {
                hosting.set(false);
                status.set("Hosting failed: " + (err.getCause() != null ? err.getCause().getMessage() : err.getMessage()));
                url.set("");
                qr.set(null);
            } else if (on) {
                hosting.set(true);
                status.set("Hosting on the LAN; colleagues' apps find it by themselves");
            } else {
                hosting.set(false);
                status.set("Not hosting");
                url.set("");
                qr.set(null);
            }
            return null;
        }, ui);
    }

    private synchronized void start() {
        InetAddress address = lanAddress.get();
        server = EmbeddedServers.lan(dataDir, 0);
        try {
            String name = "Framewise on " + hostName();
            announcer = Announcer.announce(address, name, server.port());
            String link = "http://" + address.getHostAddress() + ":" + server.port() + "/";
            QrCode code = QrCode.of(link);
            ui.execute(() -> {
                url.set(link);
                qr.set(code);
            });
        } catch (RuntimeException e) {
            server.close();
            server = null;
            throw e;
        }
    }

    private synchronized void stop() {
        try {
            if (announcer != null) {
                announcer.close();
            }
        } finally {
            announcer = null;
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

    /** Stops hosting now (the app is closing). */
    public void shutdown() {
        stop();
    }

    static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                h = "this machine";
            }
        }
        return h;
    }

    public ReadOnlyBooleanProperty hostingProperty() {
        return hosting;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty urlProperty() {
        return url;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<QrCode> qrProperty() {
        return qr;
    }
}
