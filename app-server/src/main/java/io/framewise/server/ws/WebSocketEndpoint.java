package io.framewise.server.ws;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * Puts the {@link WsGateway} on a Javalin 7 app at {@value #PATH}.
 *
 * <p>Keep-alive: the server pings every client every {@code pingInterval}; a client's pong (which
 * browsers send by themselves) counts as traffic, so quiet but alive clients stay connected, while
 * a client that vanished without closing is dropped after {@code idleTimeout} and removed from its
 * sessions like one that closed. The idle timeout and message limits are set on Jetty's WebSocket
 * factory, so they apply to every WebSocket route of the app.
 */
public final class WebSocketEndpoint {

    public static final String PATH = "/api/ws";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

    private final WsGateway gateway;
    private final IdentityResolver identities;
    private final Handler beforeUpgrade;
    private final Duration idleTimeout;
    private final Duration pingInterval;
    private final ConcurrentHashMap<String, ClientConnection> bySocket = new ConcurrentHashMap<>();

    public WebSocketEndpoint(
            WsGateway gateway, IdentityResolver identities, Duration idleTimeout, Duration pingInterval) {
        this(gateway, identities, null, idleTimeout, pingInterval);
    }

    /**
     * @param beforeUpgrade runs on the HTTP upgrade request before it becomes a WebSocket: it
     *     authenticates (throwing refuses the upgrade with the usual error answer) and leaves the
     *     principal in the {@link IdentityResolver#PRINCIPAL_ATTRIBUTE} attribute; null for none
     */
    public WebSocketEndpoint(
            WsGateway gateway,
            IdentityResolver identities,
            Handler beforeUpgrade,
            Duration idleTimeout,
            Duration pingInterval) {
        this.beforeUpgrade = beforeUpgrade;
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.identities = Objects.requireNonNull(identities, "identities");
        if (pingInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("pings must come more often than the idle timeout");
        }
        this.idleTimeout = idleTimeout;
        this.pingInterval = pingInterval;
    }

    public WebSocketEndpoint(WsGateway gateway) {
        this(gateway, IdentityResolver.displayNameFromQuery(), DEFAULT_IDLE_TIMEOUT, DEFAULT_PING_INTERVAL);
    }

    /** Registers the route and the WebSocket limits on an app's configuration. */
    public void register(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setIdleTimeout(idleTimeout);
            factory.setMaxTextMessageSize(Protocol.MAX_TRANSPORT_MESSAGE_BYTES);
            factory.setMaxBinaryMessageSize(Protocol.MAX_MESSAGE_BYTES);
        });
        if (beforeUpgrade != null) {
            config.routes.wsBeforeUpgrade(PATH, beforeUpgrade);
        }
        config.routes.ws(PATH, this::configure);
    }

    private void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Identity identity;
            try {
                identity = identities.resolve(
                        new IdentityResolver.Handshake(ctx.queryParamMap(), ctx.headerMap(), ctx.attributeMap()));
            } catch (IdentityResolver.Rejected e) {
                ctx.closeSession(1008, e.getMessage());
                return;
            }
            ClientConnection connection = gateway.open(new JettyTransport(ctx), identity);
            bySocket.put(ctx.sessionId(), connection);
            ctx.enableAutomaticPings(pingInterval.toMillis(), TimeUnit.MILLISECONDS);
        });
        ws.onMessage(ctx -> withConnection(ctx, c -> gateway.onText(c, ctx.message())));
        ws.onBinaryMessage(ctx -> withConnection(ctx, gateway::onBinary));
        ws.onClose(ctx -> {
            ctx.disableAutomaticPings();
            ClientConnection connection = bySocket.remove(ctx.sessionId());
            if (connection != null) {
                gateway.closed(connection);
            }
        });
        // Errors (including idle timeouts) are followed by onClose, which cleans up.
        ws.onError(ctx -> {});
    }

    private void withConnection(WsContext ctx, Consumer<ClientConnection> action) {
        ClientConnection connection = bySocket.get(ctx.sessionId());
        if (connection != null) {
            action.accept(connection);
        }
    }

    /** Jetty's asynchronous send and close behind the transport seam. */
    private static final class JettyTransport implements WsTransport {
        private final WsContext ctx;

        JettyTransport(WsContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void sendText(String text, Consumer<Throwable> completion) {
            ctx.session.sendText(text, Callback.from(() -> completion.accept(null), completion));
        }

        @Override
        public void close(int code, String reason) {
            ctx.closeSession(code, reason);
        }
    }
}
