package io.framewise.server.ws;

import io.framewise.server.Feature;
import io.framewise.server.http.Json;
import io.framewise.server.live.MediaCatalog;
import io.framewise.server.live.MediaFacts;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.ProbeSummary;
import io.javalin.config.JavalinConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The WebSocket side of the server at {@value WebSocketEndpoint#PATH}: event subscriptions and live
 * review sessions. Sessions learn a media item's frame count and rate from the library, so only
 * items that are ready and have video frames can host one.
 *
 * <p>The rest of the server publishes through {@link #events()}, e.g.
 * {@code new NotesFeature(..., live.events()::publish)}. It holds no threads of its own: Jetty
 * closes the sockets when the server stops, and each close cleans up the client's sessions.
 */
public final class LiveFeature implements Feature {

    private final WsGateway gateway;
    private final WebSocketEndpoint endpoint;

    public LiveFeature(MediaRepository media) {
        this.gateway = new WsGateway(catalog(Objects.requireNonNull(media, "media")), Json.newMapper());
        this.endpoint = new WebSocketEndpoint(gateway);
    }

    /** The library as live sessions see it: ready items with at least one video frame. */
    static MediaCatalog catalog(MediaRepository media) {
        return id ->
                media.get(id).filter(item -> item.status() == MediaStatus.READY).flatMap(LiveFeature::facts);
    }

    private static Optional<MediaFacts> facts(MediaItem item) {
        ProbeSummary probe = item.probe();
        if (probe == null || probe.frameCount() < 1 || probe.frameRate() == null) {
            return Optional.empty();
        }
        // Loose media items for now; the asset is filled in once the library links versions here.
        return Optional.of(new MediaFacts(item.id(), null, probe.frameCount(), probe.frameRate()));
    }

    @Override
    public void register(JavalinConfig cfg) {
        endpoint.register(cfg);
    }

    /** Where library and note events are published to subscribed clients. */
    public EventHub events() {
        return gateway.events();
    }

    public WsGateway gateway() {
        return gateway;
    }
}
