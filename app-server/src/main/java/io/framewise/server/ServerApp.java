package io.framewise.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ErrorMapper;
import io.framewise.server.http.Json;
import io.framewise.server.http.RequestGuard;
import io.framewise.server.http.SecurityHeaders;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one app factory: standalone {@code main}, the desktop host mode and every test build the
 * server through {@link #start}, so they all get the same JSON mapping, error shape, security
 * headers, {@link RequestGuard} (host, origin and body type checks) and health route, plus whatever
 * {@link Feature}s the caller passes in. When the tests turn them on, {@link ServerExtension}s add
 * their servlet filters in front of it all (the contract check).
 */
public final class ServerApp implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);

    private final ServerConfig config;
    private final Javalin javalin;
    private final List<Feature> features;
    private final ObjectMapper json;
    private boolean closed;

    private ServerApp(ServerConfig config, Javalin javalin, List<Feature> features, ObjectMapper json) {
        this.config = config;
        this.javalin = javalin;
        this.features = features;
        this.json = json;
    }

    /** Builds and starts the server with the given features; health is always present. */
    public static ServerApp start(ServerConfig config, Feature... features) {
        return start(config, List.of(features));
    }

    /** Builds and starts the server with the given features; health is always present. */
    public static ServerApp start(ServerConfig config, List<? extends Feature> features) {
        try {
            PrivateFiles.secureDataFolder(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + config.dataDir(), e);
        }
        ObjectMapper json = Json.newMapper();
        List<Feature> all = new ArrayList<>();
        all.add(new HealthFeature());
        all.addAll(features);
        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            // Bodies are streamed by the features that accept them; nothing reads a whole body into memory.
            cfg.http.maxRequestSize = 1024 * 1024;
            cfg.router.ignoreTrailingSlashes = true;
            ErrorMapper.install(cfg);
            // Before every feature, so no route or WebSocket upgrade runs without them.
            SecurityHeaders.install(cfg);
            RequestGuard.install(cfg, config.addresses());
            for (Feature feature : all) {
                feature.register(cfg);
            }
            installExtensions(cfg);
        });
        ServerApp app = new ServerApp(config, javalin, List.copyOf(all), json);
        try {
            javalin.start(config.host(), config.port());
        } catch (RuntimeException e) {
            app.closeFeatures();
            throw e;
        }
        LOG.info(
                "Framewise server {} listening on {} with data in {}",
                Version.current(),
                app.baseUri(),
                config.dataDir());
        return app;
    }

    /** Puts the filters of enabled {@link ServerExtension}s in front of every request. */
    private static void installExtensions(JavalinConfig cfg) {
        List<Filter> filters = ServerExtension.enabled().stream()
                .flatMap(e -> e.filters().stream())
                .toList();
        if (filters.isEmpty()) {
            return;
        }
        cfg.jetty.modifyServletContextHandler(handler -> {
            for (Filter filter : filters) {
                handler.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
        });
    }

    /** The port actually bound (useful when the configuration asked for port 0). */
    public int port() {
        return javalin.port();
    }

    /** The URI clients on this machine reach the server at, ending with a slash. */
    public URI baseUri() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    public ServerConfig config() {
        return config;
    }

    /** The mapper the server writes JSON with, for features and tests that want the same rules. */
    public ObjectMapper json() {
        return json;
    }

    /** Stops accepting requests, then closes the features that hold resources. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        javalin.stop();
        closeFeatures();
        LOG.info("Framewise server stopped");
    }

    private void closeFeatures() {
        for (int i = features.size() - 1; i >= 0; i--) {
            if (features.get(i) instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed", features.get(i).getClass().getSimpleName(), e);
                }
            }
        }
    }
}
