package io.framewise.desktop.host;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.connect.Connection;
import io.framewise.server.embedded.EmbeddedServer;
import io.framewise.server.embedded.HostAdmin;
import io.framewise.server.embedded.HostToken;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Host on LAN" switch: on starts the embedded server on every interface with local accounts
 * and announces it over mDNS; off withdraws the announcement and stops the server. The URL and its
 * QR code are for browser guests. The app reaches its own library with one expiring admin token
 * ({@link HostToken}) that ends with the hosting.
 */
public final class HostViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(HostViewModel.class);
    /** How often the host app's own token is checked for renewal (it lives {@link HostToken#LIFETIME}). */
    private static final Duration RENEW_CHECK = Duration.ofHours(6);

    private final Executor ui;
    private final Executor io;
    private final Path dataDir;
    private final Supplier<InetAddress> lanAddress;
    private final BooleanProperty hosting = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Not hosting");
    private final ObjectProperty<QrCode> qr = new SimpleObjectProperty<>();
    private final StringProperty adminNotice = new SimpleStringProperty("");
    private final ObjectProperty<Connection> hosted = new SimpleObjectProperty<>();
    private EmbeddedServer server;
    private Announcer announcer;
    private HostToken token;
    private ScheduledExecutorService renewal;

    private final Runnable releaseLibrary;

    /**
     * {@code releaseLibrary} runs before the LAN server starts: it stops the app's own loopback
     * server on the same data folder, so hosting promotes that library instead of opening it twice.
     */
    public HostViewModel(
            Executor ui, Executor io, Path dataDir, Supplier<InetAddress> lanAddress, Runnable releaseLibrary) {
        this.releaseLibrary = releaseLibrary;
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
        return CompletableFuture.runAsync(on ? this::start : this::stop, io)
                .handleAsync(
                        (v, err) -> {
                            busy.set(false);
                            if (err != null) {
                                hosting.set(false);
                                status.set("Hosting failed: "
                                        + (err.getCause() != null
                                                ? err.getCause().getMessage()
                                                : err.getMessage()));
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
                                adminNotice.set("");
                                hosted.set(null);
                            }
                            return null;
                        },
                        ui);
    }

    private synchronized void start() {
        InetAddress address = lanAddress.get();
        releaseLibrary.run();
        String name = "Framewise on " + hostName();
        server = EmbeddedServer.lan(dataDir, 0, Announcer.hostName(name));
        try {
            announcer = Announcer.announce(address, name, server.port());
            String link = "http://" + address.getHostAddress() + ":" + server.port() + "/";
            QrCode code = QrCode.of(link);
            HostAdmin me = server.ensureAdmin(adminName()).orElse(null);
            String notice = me != null && me.createdNow()
                    ? "Admin account for browsers: " + me.name() + " / " + me.initialPassword()
                            + " (shown once; change it after signing in)"
                    : "";
            Connection own = null;
            if (me != null) {
                token = server.issueHostToken(me);
                ApiClient api = new ApiClient(server.baseUri(), token.token());
                own = new Connection(api, "Hosted on the LAN (" + link + ")", server);
                HostToken renewing = token;
                renewal = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "framewise-host-token");
                    t.setDaemon(true);
                    return t;
                });
                renewal.scheduleWithFixedDelay(
                        () -> renew(renewing, api), RENEW_CHECK.toMinutes(), RENEW_CHECK.toMinutes(), TimeUnit.MINUTES);
            }
            Connection hostedConnection = own;
            ui.execute(() -> {
                url.set(link);
                qr.set(code);
                adminNotice.set(notice);
                hosted.set(hostedConnection);
            });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static void renew(HostToken token, ApiClient api) {
        try {
            token.renewIfDue(Instant.now(), api::useToken);
        } catch (RuntimeException e) {
            LOG.warn("Renewing the host app's own API token failed; trying again later", e);
        }
    }

    /**
     * The host's admin account is named after the OS user. A new hosted library has no accounts yet:
     * the server creates this one with a generated password, shown once (for signing in from a
     * browser); others are added by the admin.
     */
    static String adminName() {
        String user = System.getProperty("user.name", "host")
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "");
        return user.isEmpty() ? "host" : user;
    }

    private synchronized void stop() {
        try {
            if (renewal != null) {
                renewal.shutdownNow();
            }
            if (announcer != null) {
                announcer.close();
            }
        } finally {
            renewal = null;
            announcer = null;
            try {
                if (token != null) {
                    // The app's own credential ends with the hosting; the next start issues a new one.
                    token.revoke();
                }
            } catch (RuntimeException e) {
                LOG.warn("Revoking the host app's own API token failed; the next start revokes it", e);
            } finally {
                token = null;
                if (server != null) {
                    server.close();
                    server = null;
                }
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

    public ReadOnlyStringProperty adminNoticeProperty() {
        return adminNotice;
    }

    /** The app's own connection to the hosted library (an admin token issued in process). */
    public ReadOnlyObjectProperty<Connection> hostedProperty() {
        return hosted;
    }

    public ReadOnlyObjectProperty<QrCode> qrProperty() {
        return qr;
    }
}
