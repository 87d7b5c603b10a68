package io.framewise.desktop.connect;

import io.framewise.desktop.client.ApiClient;
import io.framewise.desktop.client.ApiError;
import io.framewise.desktop.client.TokenStore;
import io.framewise.server.embedded.EmbeddedServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connect screen: a server by URL (signing in with a local account, which is turned into a
 * personal API token for this machine and remembered, or with a token pasted in), a server found
 * on the LAN, or "work locally" on an embedded server. {@link #connectionProperty()} is set once
 * connected.
 */
public final class ConnectViewModel {

    private final Executor ui;
    private final Executor io;
    private final TokenStore tokens;
    private final StringProperty url = new SimpleStringProperty("http://127.0.0.1:8642/");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty needsSignIn = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<Discovery.Found> discovered = FXCollections.observableArrayList();
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();

    public ConnectViewModel(Executor ui, Executor io, TokenStore tokens) {
        this.ui = ui;
        this.io = io;
        this.tokens = tokens;
    }

    /**
     * Connects to the URL: with a token typed in, else a remembered token, else none if the server
     * needs no sign-in; otherwise asks for a user name and password (and signs in if they are given).
     */
    public CompletableFuture<Void> connect() {
        String address = url.get().strip();
        String user = username.get().strip();
        String pass = password.get();
        String typed = token.get().strip();
        return work(() -> {
            ApiClient api = new ApiClient(URI.create(address), null);
            String server = api.base().toString();
            String mode = api.authMode();
            if (!typed.isEmpty()) {
                api.useToken(typed);
                api.me();
                tokens.put(server, typed);
            } else if (!mode.equals("none")) {
                String saved = tokens.token(server).orElse(null);
                boolean signedIn = false;
                if (saved != null) {
                    api.useToken(saved);
                    try {
                        api.me();
                        signedIn = true;
                    } catch (ApiError e) {
                        if (!e.unauthenticated()) {
                            throw e;
                        }
                        tokens.remove(server);
                        api.useToken(null);
                    }
                }
                if (!signedIn) {
                    if (user.isEmpty() || pass.isEmpty()) {
                        ui.execute(() -> needsSignIn.set(true));
                        throw new ApiError(401, "unauthenticated", "This server asks you to sign in", null);
                    }
                    api.login(user, pass);
                    tokens.put(
                            server,
                            api.issueToken("Framewise desktop on " + machine()).token());
                }
            }
            return new Connection(api, api.base().getHost() + ":" + api.base().getPort(), null);
        });
    }

    /** Starts the embedded server on {@code dataDir} (loopback, no sign-in) and connects to it. */
    public CompletableFuture<Void> workLocally(Path dataDir) {
        return work(() -> {
            EmbeddedServer server = EmbeddedServer.local(dataDir);
            return new Connection(new ApiClient(server.baseUri(), null), "This computer (" + dataDir + ")", server);
        });
    }

    public void choose(Discovery.Found found) {
        url.set(found.url());
    }

    private CompletableFuture<Void> work(Supplier<Connection> task) {
        busy.set(true);
        message.set("Connecting...");
        return CompletableFuture.supplyAsync(task, io)
                .handleAsync(
                        (c, err) -> {
                            busy.set(false);
                            if (err != null) {
                                Throwable cause = err.getCause() != null ? err.getCause() : err;
                                message.set(cause.getMessage() == null ? cause.toString() : cause.getMessage());
                            } else {
                                message.set("");
                                password.set("");
                                connection.set(c);
                            }
                            return null;
                        },
                        ui);
    }

    static String machine() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "this computer";
        }
    }

    public void found(Discovery.Found f) {
        discovered.removeIf(d -> d.name().equals(f.name()));
        discovered.add(f);
    }

    public void gone(String name) {
        discovered.removeIf(d -> d.name().equals(name));
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty needsSignInProperty() {
        return needsSignIn;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<Discovery.Found> discovered() {
        return discovered;
    }

    public ObjectProperty<Connection> connectionProperty() {
        return connection;
    }
}
