package io.framewise.server.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.access.Action;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Resource;
import io.framewise.server.cluster.ClusterBus;
import io.framewise.server.live.LiveService;
import io.framewise.server.live.LiveSession;
import io.framewise.server.live.LiveSessions;
import io.framewise.server.live.MediaCatalog;
import io.framewise.server.live.SessionEvent;
import io.framewise.server.live.SessionException;
import io.framewise.server.live.SessionOutput;
import io.framewise.server.live.SharedSessions;
import io.framewise.server.ws.ClientMessage.AnswerDriver;
import io.framewise.server.ws.ClientMessage.CancelStroke;
import io.framewise.server.ws.ClientMessage.ClearLoop;
import io.framewise.server.ws.ClientMessage.CreateSession;
import io.framewise.server.ws.ClientMessage.JoinSession;
import io.framewise.server.ws.ClientMessage.LaserAt;
import io.framewise.server.ws.ClientMessage.LaserOff;
import io.framewise.server.ws.ClientMessage.LeaveSession;
import io.framewise.server.ws.ClientMessage.Loop;
import io.framewise.server.ws.ClientMessage.Pause;
import io.framewise.server.ws.ClientMessage.Ping;
import io.framewise.server.ws.ClientMessage.Play;
import io.framewise.server.ws.ClientMessage.Rate;
import io.framewise.server.ws.ClientMessage.ReleaseDriver;
import io.framewise.server.ws.ClientMessage.RequestDriver;
import io.framewise.server.ws.ClientMessage.Seek;
import io.framewise.server.ws.ClientMessage.SessionMessage;
import io.framewise.server.ws.ClientMessage.Step;
import io.framewise.server.ws.ClientMessage.StrokePart;
import io.framewise.server.ws.ClientMessage.Subscribe;
import io.framewise.server.ws.ClientMessage.SwitchVersion;
import io.framewise.server.ws.ClientMessage.Unsubscribe;
import io.framewise.server.ws.ClientMessageParser.Parsed;
import io.framewise.server.ws.ClientMessageParser.Rejected;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket protocol, independent of the socket library: opens and closes client connections,
 * answers each text message (or an {@code error} naming what was wrong), and routes subscriptions
 * to the {@link EventHub} and session requests to the {@link LiveService}, which holds their rules. Nothing a client sends can
 * make an exception escape; a client that sends {@value #MAX_CONSECUTIVE_ERRORS} invalid messages
 * in a row is closed with 1008.
 */
public final class WsGateway implements SessionOutput {

    public static final int DEFAULT_OUTBOX_CAPACITY = 512;
    static final int MAX_CONSECUTIVE_ERRORS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(WsGateway.class);

    private final ClientMessageParser parser = new ClientMessageParser();
    private final ServerMessages messages;
    private final EventHub events;
    private final LiveService live;
    private final int outboxCapacity;
    private final WsAccess access;
    private final ConcurrentHashMap<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private volatile SharedSessions shared;
    private volatile ClusterBus bus = ClusterBus.local();

    /** The bus topic session events travel on to members connected to other nodes. */
    static final String BUS_TOPIC = "live";

    public WsGateway(MediaCatalog catalog, ObjectMapper mapper, Clock clock, int outboxCapacity) {
        this(catalog, mapper, clock, outboxCapacity, WsAccess.OPEN);
    }

    /** A gateway that asks {@code access} about every message and every event it delivers. */
    public WsGateway(MediaCatalog catalog, ObjectMapper mapper, Clock clock, int outboxCapacity, WsAccess access) {
        this.access = access;
        this.messages = new ServerMessages(mapper);
        this.events = new EventHub(messages, access);
        this.live = new LiveService(new LiveSessions(catalog, this, clock), access);
        this.outboxCapacity = outboxCapacity;
    }

    public WsGateway(MediaCatalog catalog, ObjectMapper mapper) {
        this(catalog, mapper, Clock.systemUTC(), DEFAULT_OUTBOX_CAPACITY);
    }

    /**
     * Keeps live sessions in the database, shared with the other nodes on {@code cluster}, instead
     * of in this JVM (ADR 0062); session events for members on other nodes go over the bus.
     */
    void shareSessions(SharedSessions sessions, ClusterBus cluster) {
        this.bus = cluster;
        this.shared = sessions;
        cluster.subscribe(BUS_TOPIC, this::fromOtherNode);
    }

    /** Session events another node sent: {@code member,member,...\n message}, delivered to ours. */
    private void fromOtherNode(String payload) {
        int end = payload.indexOf('\n');
        if (end < 0) {
            throw new IllegalArgumentException("a live message is members and text on two lines");
        }
        String text = payload.substring(end + 1);
        for (String memberId : payload.substring(0, end).split(",")) {
            ClientConnection connection = connections.get(memberId);
            if (connection != null) {
                connection.send(text);
            }
        }
    }

    /** How many live sessions run (on every node, when they are shared). */
    public int sessionCount() {
        SharedSessions s = shared;
        return s != null ? s.sessionCount() : live.sessions().sessionCount();
    }

    /** Where the rest of the server publishes library and note events. */
    public EventHub events() {
        return events;
    }

    public LiveSessions sessions() {
        return live.sessions();
    }

    public int connectionCount() {
        return connections.size();
    }

    /** A client connected: registers it and greets it with {@code welcome}. */
    public ClientConnection open(WsTransport transport, Identity identity) {
        ClientConnection[] self = new ClientConnection[1];
        ClientConnection connection = new ClientConnection(identity, transport, outboxCapacity, () -> closed(self[0]));
        self[0] = connection;
        connections.put(connection.id(), connection);
        connection.send(messages.welcome(connection.id(), identity.displayName()));
        return connection;
    }

    /** The client's socket closed (or timed out, or was closed as too slow): clean up everywhere. */
    public void closed(ClientConnection connection) {
        if (!connection.markClosed()) {
            return;
        }
        connections.remove(connection.id());
        events.disconnected(connection);
        SharedSessions s = shared;
        if (s != null) {
            try {
                s.memberGone(connection.id());
            } catch (RuntimeException e) {
                // The heartbeat sweep of the other nodes takes the member out if this node cannot.
                LOG.warn("Could not take a closed connection out of its live sessions", e);
            }
        } else {
            live.memberGone(connection.id());
        }
    }

    public void onBinary(ClientConnection connection) {
        reject(connection, new ProtocolError("binary_unsupported", "send JSON text messages, not binary", null, null));
    }

    public void onText(ClientConnection connection, String text) {
        if (!connection.isOpen()) {
            return;
        }
        ClientMessageParser.Result result = parser.parse(text);
        if (result instanceof Rejected rejected) {
            reject(connection, rejected.error());
            return;
        }
        Parsed parsed = (Parsed) result;
        try {
            handle(connection, parsed.message());
            connection.validMessage();
        } catch (SessionException e) {
            // A well-formed request the session refused: an answer, not abuse.
            connection.validMessage();
            connection.send(messages.error(new ProtocolError(e.code(), e.getMessage(), parsed.type(), parsed.ref())));
        } catch (EventHub.TooManyTopics e) {
            reject(
                    connection,
                    new ProtocolError("too_many_subscriptions", e.getMessage(), parsed.type(), parsed.ref()));
        } catch (RuntimeException e) {
            LOG.error("WebSocket message of type {} failed", parsed.type(), e);
            connection.send(messages.error(new ProtocolError(
                    "internal", "the server could not handle this message", parsed.type(), parsed.ref())));
        }
    }

    @Override
    public void send(SessionEvent event, Collection<String> memberIds) {
        String text = messages.session(event);
        boolean elsewhere = false;
        for (String memberId : memberIds) {
            ClientConnection connection = connections.get(memberId);
            if (connection != null) {
                connection.send(text);
            } else {
                elsewhere = true;
            }
        }
        ClusterBus cluster = bus;
        if (elsewhere && cluster.shared()) {
            cluster.publish(BUS_TOPIC, String.join(",", memberIds) + '\n' + text);
        }
    }

    /**
     * Closes every connection whose identity matches (its credential was revoked, its account
     * disabled or deleted); returns how many.
     */
    public int closeWhere(java.util.function.Predicate<Identity> which, String reason) {
        int n = 0;
        for (ClientConnection c : List.copyOf(connections.values())) {
            if (which.test(c.identity())) {
                c.close(1008, reason);
                closed(c);
                n++;
            }
        }
        return n;
    }

    /**
     * Closes every connection with 1012 (service restart): this node may have missed events from
     * other nodes, and a client that reconnects reads what it missed from the activity feed and
     * rejoins its sessions, which hand it their snapshot.
     */
    public int resyncAll(String reason) {
        int n = 0;
        for (ClientConnection c : List.copyOf(connections.values())) {
            c.close(1012, reason);
            closed(c);
            n++;
        }
        return n;
    }

    /** Every open connection's identity (the server re-checks their credentials now and then). */
    public List<Identity> identities() {
        return connections.values().stream().map(ClientConnection::identity).toList();
    }

    /** Refuses the message unless the connection's principal may do {@code action} on the media item. */
    private void require(ClientConnection c, Action action, String mediaId) {
        Decision decision = access.decide(c.identity().principal(), action, new Resource.Media(mediaId));
        switch (decision.outcome()) {
            case ALLOW -> {}
            case UNAUTHENTICATED -> throw new SessionException("unauthenticated", "sign in first");
            case HIDDEN -> throw new SessionException("not_found", "no such media: " + mediaId);
            case DENY -> throw new SessionException("forbidden", "not allowed: " + decision.reason());
        }
    }

    private void handle(ClientConnection c, ClientMessage message) throws EventHub.TooManyTopics {
        if (message instanceof Subscribe s) {
            if (s.topic().scope() == Topic.Scope.MEDIA) {
                require(c, Action.MEDIA_VIEW, s.topic().id());
            } else if (s.topic().scope() == Topic.Scope.ASSET) {
                Decision d = access.decide(
                        c.identity().principal(),
                        Action.ASSET_VIEW,
                        new Resource.Asset(s.topic().id()));
                if (!d.allowed()) {
                    throw new SessionException(
                            "not_found", "no such asset: " + s.topic().id());
                }
            } else {
                Decision d = access.decide(c.identity().principal(), Action.EVENTS_SUBSCRIBE, Resource.SERVER);
                if (!d.allowed()) {
                    throw new SessionException("unauthenticated", "sign in first");
                }
            }
        }
        dispatch(c, message);
    }

    private void dispatch(ClientConnection c, ClientMessage message) throws EventHub.TooManyTopics {
        LiveService.Member me = new LiveService.Member(
                c.id(), c.identity().displayName(), c.identity().principal());
        if (message instanceof Ping) {
            c.send(messages.pong());
        } else if (message instanceof Subscribe s) {
            events.subscribe(c, s.topic());
        } else if (message instanceof Unsubscribe u) {
            if (!events.unsubscribe(c, u.topic())) {
                throw new SessionException("not_subscribed", "no such subscription");
            }
        } else if (shared != null && (message instanceof CreateSession || message instanceof SessionMessage)) {
            dispatchShared(shared, me, message);
        } else if (message instanceof CreateSession create) {
            live.create(me, create.media());
        } else if (message instanceof JoinSession join) {
            live.join(me, join.session());
        } else if (message instanceof LeaveSession leave) {
            live.leave(me, leave.session());
        } else if (message instanceof SwitchVersion v) {
            live.switchVersion(me, v.session(), v.media());
        } else if (message instanceof SessionMessage m) {
            handleInSession(live.session(me, m.session(), Action.LIVE_DRIVE), me.id(), m);
        } else {
            throw new IllegalStateException(
                    "unhandled message " + message.getClass().getSimpleName());
        }
    }

    private static void dispatchShared(SharedSessions sessions, LiveService.Member me, ClientMessage message) {
        if (message instanceof CreateSession create) {
            sessions.create(me, create.media());
        } else if (message instanceof JoinSession join) {
            sessions.join(me, join.session());
        } else if (message instanceof LeaveSession leave) {
            sessions.leave(me, leave.session());
        } else if (message instanceof SwitchVersion v) {
            sessions.switchVersion(me, v.session(), v.media());
        } else if (message instanceof SessionMessage m) {
            sessions.drive(me, m.session(), session -> handleInSession(session, me.id(), m));
        }
    }

    private static void handleInSession(LiveSession session, String me, SessionMessage message) {
        if (message instanceof Play p) {
            session.play(me, p.frame());
        } else if (message instanceof Pause p) {
            session.pause(me, p.frame());
        } else if (message instanceof Seek s) {
            session.seek(me, s.frame());
        } else if (message instanceof Step s) {
            session.step(me, s.delta());
        } else if (message instanceof Loop l) {
            session.loop(me, l.in(), l.out());
        } else if (message instanceof ClearLoop) {
            session.clearLoop(me);
        } else if (message instanceof Rate r) {
            session.rate(me, r.rate());
        } else if (message instanceof LaserAt l) {
            session.laser(me, l.x(), l.y(), l.frame());
        } else if (message instanceof LaserOff) {
            session.laserOff(me);
        } else if (message instanceof StrokePart s) {
            session.stroke(me, s.stroke(), s.frame(), s.color(), s.width(), s.points(), s.done());
        } else if (message instanceof CancelStroke s) {
            session.cancelStroke(me, s.stroke());
        } else if (message instanceof RequestDriver) {
            session.requestDriver(me);
        } else if (message instanceof AnswerDriver a) {
            session.answerDriverRequest(me, a.member(), a.grant());
        } else if (message instanceof ReleaseDriver) {
            session.releaseDriver(me);
        } else {
            throw new IllegalStateException(
                    "unhandled session message " + message.getClass().getSimpleName());
        }
    }

    private void reject(ClientConnection connection, ProtocolError error) {
        connection.send(messages.error(error));
        if (connection.invalidMessage() >= MAX_CONSECUTIVE_ERRORS) {
            connection.close(1008, "too many invalid messages in a row");
            closed(connection);
        }
    }
}
