package io.framewise.server.ws;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Action;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.cluster.ClusterBus;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Json;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.live.JooqLiveSessionStore;
import io.framewise.server.live.MediaCatalog;
import io.framewise.server.live.MediaFacts;
import io.framewise.server.live.SharedSessions;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.ProbeSummary;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of the server at {@value WebSocketEndpoint#PATH}: event subscriptions and live
 * review sessions. Sessions learn a media item's frame count and rate from the library, so only
 * items that are ready and have video frames can host one.
 *
 * <p>The rest of the server publishes through {@link #events()}, e.g.
 * {@code new DomainEvents(..., live.events()::publish)}. Jetty closes the sockets when the server
 * stops, and each close cleans up the client's sessions; behind the access layer one daemon thread
 * re-checks credentials.
 */
public final class LiveFeature implements Feature, AutoCloseable {

    /** How often open connections' credentials are checked again (expiry, revocation elsewhere). */
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(30);

    private final WsGateway gateway;
    private final WebSocketEndpoint endpoint;
    private final Access access;
    private final ScheduledExecutorService recheck;
    private volatile ClusterBus cluster = ClusterBus.local();
    private final MediaCatalog catalog;
    private final WsAccess liveAccess;
    private ScheduledExecutorService heartbeat;

    /** Without accounts: every client is a guest named by {@code ?name=} and may do everything. */
    public LiveFeature(MediaRepository media, AssetRepository assets) {
        this.catalog = catalog(media, assets);
        this.liveAccess = WsAccess.OPEN;
        this.gateway = new WsGateway(catalog, Json.newMapper());
        this.endpoint = new WebSocketEndpoint(gateway);
        this.access = null;
        this.recheck = null;
    }

    /**
     * Behind the access layer: the upgrade request is authenticated like any API request (cookie,
     * bearer header or {@code ?access_token=}), every message is authorized, and a connection
     * closes when its session or token is revoked or its account disabled.
     */
    public LiveFeature(MediaRepository media, AssetRepository assets, Access access) {
        this.access = Objects.requireNonNull(access, "access");
        WsAccess wsAccess = new WsAccess() {
            @Override
            public Decision decide(Principal principal, Action action, Resource resource) {
                return access.authorizer().decide(principal, action, resource);
            }

            @Override
            public void joined(Principal who, String mediaId, boolean started) {
                access.audit(
                        who,
                        null,
                        started ? "live.started" : "live.joined",
                        new Resource.Media(mediaId),
                        AuditOutcome.SUCCESS,
                        Map.of());
            }
        };
        this.catalog = catalog(media, assets);
        this.liveAccess = wsAccess;
        this.gateway = new WsGateway(
                catalog, Json.newMapper(), Clock.systemUTC(), WsGateway.DEFAULT_OUTBOX_CAPACITY, wsAccess);
        this.endpoint = new WebSocketEndpoint(
                gateway,
                IdentityResolver.authenticatedPrincipal(),
                ctx -> {
                    Principal principal = access.authenticator().authenticate(ctx, true);
                    // A share link's guest connects only when the link allows live sessions; each
                    // message is then held to the link like any request.
                    boolean liveGuest = principal instanceof Principal.Guest guest && guest.live();
                    if (!(principal instanceof Principal.Person) && !liveGuest) {
                        throw new ApiException.Unauthenticated(
                                "Sign in first (cookie, 'Authorization: Bearer' or ?access_token=).");
                    }
                    ctx.attribute(IdentityResolver.PRINCIPAL_ATTRIBUTE, principal);
                },
                WebSocketEndpoint.DEFAULT_IDLE_TIMEOUT,
                WebSocketEndpoint.DEFAULT_PING_INTERVAL);
        this.recheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "framewise-ws-credentials");
            t.setDaemon(true);
            return t;
        });
        long period = RECHECK_INTERVAL.toMillis();
        recheck.scheduleWithFixedDelay(this::recheckCredentials, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Joins the other nodes on {@code bus}: events published here reach their clients and theirs
     * reach ours; when this node may have missed some, its clients are told to reconnect. The
     * feature closes the bus when it closes.
     */
    public void joinCluster(ClusterBus bus, JooqLiveSessionStore sessions) {
        this.cluster = Objects.requireNonNull(bus, "bus");
        gateway.events().joinCluster(bus);
        if (bus.shared()) {
            SharedSessions shared =
                    new SharedSessions(sessions, catalog, liveAccess, gateway, Clock.systemUTC(), bus.nodeId());
            gateway.shareSessions(shared, bus);
            heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "framewise-live-heartbeat");
                t.setDaemon(true);
                return t;
            });
            shared.beat();
            heartbeat.scheduleWithFixedDelay(
                    () -> {
                        try {
                            shared.beat();
                        } catch (RuntimeException e) {
                            LoggerFactory.getLogger(LiveFeature.class).warn("Live session heartbeat failed", e);
                        }
                    },
                    SharedSessions.BEAT_MILLIS,
                    SharedSessions.BEAT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        bus.onGap(() -> gateway.resyncAll("events from other nodes were missed; reconnect"));
    }

    /** Closes connections whose credential no longer stands; runs every {@link #RECHECK_INTERVAL}. */
    public int recheckCredentials() {
        if (access == null) {
            return 0;
        }
        try {
            return gateway.closeWhere(
                    identity -> !access.authenticator().stillValid(identity.principal()), "signed out");
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(LiveFeature.class).warn("Checking WebSocket credentials failed", e);
            return 0;
        }
    }

    /** Closes the connections opened with this credential (a revoked token, an ended session). */
    public int revoked(Principal.Credential credential) {
        return gateway.closeWhere(
                identity -> identity.principal() instanceof Principal.Person p
                        && p.credential().equals(credential),
                "signed out");
    }

    /** Closes the connections of a share link's guests (the link was revoked or no longer allows live). */
    public int shareEnded(String shareId) {
        return gateway.closeWhere(
                identity -> identity.principal() instanceof Principal.Guest g
                        && g.shareId().equals(shareId),
                "the share link ended");
    }

    /** Closes every connection of this user (account disabled, deleted, password reset). */
    public int signedOut(String userId) {
        return gateway.closeWhere(identity -> userId.equals(identity.userId()), "signed out");
    }

    @Override
    public void close() {
        if (recheck != null) {
            recheck.shutdownNow();
        }
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        cluster.close();
    }

    /**
     * The library as live sessions see it: ready items with at least one video frame, each with the
     * one asset it is a version of (a session switches only between versions of that asset).
     */
    static MediaCatalog catalog(MediaRepository media, AssetRepository assets) {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(assets, "assets");
        return id -> media.get(id)
                .filter(item -> item.status() == MediaStatus.READY)
                .flatMap(item -> facts(item, assets.assetOfMedia(item.id()).orElse(null)));
    }

    private static Optional<MediaFacts> facts(MediaItem item, String assetId) {
        ProbeSummary probe = item.probe();
        if (probe == null || probe.frameCount() < 1 || probe.frameRate() == null) {
            return Optional.empty();
        }
        return Optional.of(new MediaFacts(item.id(), assetId, probe.frameCount(), probe.frameRate()));
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
