package io.framewise.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.server.access.Action;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Resource;
import io.framewise.server.live.LiveService.Member;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live sessions that several server nodes share (ADR 0062). A session is a row of the database, not
 * an object in one JVM: each request, on whichever node its member is connected to, rebuilds the
 * {@link LiveSession} from the row under a row lock, applies the request with the session's own
 * rules, and writes it back in the same transaction. What the session told its members is delivered
 * after the commit through {@code delivery}, which reaches members on this node at once and the
 * others through the cluster bus. So a late joiner anywhere gets the snapshot from the database.
 *
 * <p>The row also names the node each member is connected to; a node that stops beating for
 * {@link #NODE_TIMEOUT_MILLIS} loses its members, with the rules of a member who left (a driver
 * gone hands over to the member present longest, and playback pauses).
 *
 * <p>The same rights as {@link LiveService}: start and switch need {@link Action#LIVE_DRIVE} on the
 * media, join {@link Action#LIVE_JOIN}, playback requests {@link Action#LIVE_DRIVE} on the session's
 * media, and a session on media one may not see answers like one that does not exist.
 */
public final class SharedSessions {

    /** How often a node records that it is alive. */
    public static final long BEAT_MILLIS = 5_000;

    /** A node silent for this long is taken for dead and its members leave their sessions. */
    public static final long NODE_TIMEOUT_MILLIS = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(SharedSessions.class);

    /** A session's row: the session and the node of each member. */
    record Kept(LiveSession.Stored session, Map<String, String> nodes) {}

    private record Told(SessionEvent event, List<String> memberIds) {}

    private final JooqLiveSessionStore store;
    private final MediaCatalog catalog;
    private final LiveAccess access;
    private final SessionOutput delivery;
    private final Clock clock;
    private final String nodeId;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ConcurrentHashMap<String, Set<String>> sessionsOfMember = new ConcurrentHashMap<>();

    public SharedSessions(
            JooqLiveSessionStore store,
            MediaCatalog catalog,
            LiveAccess access,
            SessionOutput delivery,
            Clock clock,
            String nodeId) {
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.access = Objects.requireNonNull(access, "access");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    }

    /** Starts a session on a media item; the member joins it, drives, and gets its snapshot. */
    public String create(Member member, String mediaId) {
        requireOnMedia(member, Action.LIVE_DRIVE, mediaId, "not_found", "no such media: " + mediaId);
        requireRoom(member, null);
        MediaFacts media = requireMedia(mediaId);
        List<Told> told = new ArrayList<>();
        LiveSession session = new LiveSession(SecureIds.next(), media, clock, capture(told));
        session.join(member.id(), member.name());
        Map<String, String> nodes = new LinkedHashMap<>();
        nodes.put(member.id(), nodeId);
        store.insert(session.id(), new JooqLiveSessionStore.Row(mediaId, write(new Kept(session.stored(), nodes))));
        joinedHere(member.id(), session.id());
        deliver(told);
        access.joined(member.principal(), mediaId, true);
        return session.id();
    }

    /** Joins a session; the member gets the full snapshot, read from the database, at once. */
    public void join(Member member, String sessionId) {
        String mediaId = sessionMedia(member, sessionId, Action.LIVE_JOIN);
        requireRoom(member, sessionId);
        change(sessionId, (session, nodes) -> {
            session.join(member.id(), member.name());
            nodes.put(member.id(), nodeId);
        });
        joinedHere(member.id(), sessionId);
        access.joined(member.principal(), mediaId, false);
    }

    /** Leaves a session the member is in (leaving needs no right: it only ever takes one away). */
    public void leave(Member member, String sessionId) {
        change(sessionId, (session, nodes) -> {
            if (!session.hasMember(member.id())) {
                throw new SessionException("not_member", "you are not in session " + sessionId);
            }
            session.leave(member.id());
            nodes.remove(member.id());
        });
        leftHere(member.id(), sessionId);
    }

    /** Switches to another version of the session's asset, which the member must be allowed to drive too. */
    public void switchVersion(Member member, String sessionId, String mediaId) {
        sessionMedia(member, sessionId, Action.LIVE_DRIVE);
        requireOnMedia(member, Action.LIVE_DRIVE, mediaId, "not_found", "no such media: " + mediaId);
        MediaFacts next = requireMedia(mediaId);
        change(sessionId, (session, nodes) -> {
            String shown = session.state().assetId();
            if (shown == null || !shown.equals(next.assetId())) {
                throw new SessionException(
                        "not_a_version", "media " + mediaId + " is not a version of the asset this session reviews");
            }
            session.switchVersion(member.id(), next);
        });
    }

    /** Applies a playback, pointer, drawing or driver request once the member may drive the session's media. */
    public void drive(Member member, String sessionId, Consumer<LiveSession> request) {
        sessionMedia(member, sessionId, Action.LIVE_DRIVE);
        change(sessionId, (session, nodes) -> request.accept(session));
    }

    /** A member's connection on this node is gone: it leaves every session it was in. */
    public void memberGone(String memberId) {
        Set<String> joined = sessionsOfMember.remove(memberId);
        if (joined == null) {
            return;
        }
        for (String sessionId : joined) {
            try {
                change(sessionId, (session, nodes) -> {
                    session.leave(memberId);
                    nodes.remove(memberId);
                });
            } catch (SessionException e) {
                // The session ended meanwhile: nothing to leave.
            }
        }
    }

    /** Records this node's heartbeat, and takes the members of silent nodes out of their sessions. */
    public void beat() {
        long now = clock.millis();
        store.beat(nodeId, now);
        Set<String> alive = store.aliveSince(now - NODE_TIMEOUT_MILLIS);
        for (String sessionId : store.ids()) {
            try {
                change(sessionId, (session, nodes) -> {
                    for (Map.Entry<String, String> m : List.copyOf(nodes.entrySet())) {
                        if (!alive.contains(m.getValue())) {
                            session.leave(m.getKey());
                            nodes.remove(m.getKey());
                        }
                    }
                });
            } catch (SessionException e) {
                // Ended meanwhile.
            } catch (RuntimeException e) {
                LOG.warn("Could not sweep live session {}", sessionId, e);
            }
        }
    }

    public int sessionCount() {
        return store.count();
    }

    /** A change to one session: the rebuilt session and the node of each member, both to modify. */
    @FunctionalInterface
    interface Change {
        void apply(LiveSession session, Map<String, String> nodes);
    }

    private void change(String sessionId, Change change) {
        List<Told> told = new ArrayList<>();
        boolean found = store.change(sessionId, row -> {
            told.clear(); // a retried transaction starts over
            Kept kept = read(row.stateJson());
            LiveSession session = LiveSession.restore(kept.session(), clock, capture(told));
            Map<String, String> nodes = new LinkedHashMap<>(kept.nodes());
            change.apply(session, nodes);
            if (!session.members().isEmpty()) {
                return new JooqLiveSessionStore.Row(
                        session.state().mediaId(), write(new Kept(session.stored(), nodes)));
            }
            return null;
        });
        if (!found) {
            throw new SessionException("unknown_session", "no live session " + sessionId);
        }
        deliver(told);
    }

    private static SessionOutput capture(List<Told> told) {
        return (event, memberIds) -> told.add(new Told(event, List.copyOf(memberIds)));
    }

    private void deliver(List<Told> told) {
        for (Told t : told) {
            delivery.send(t.event(), t.memberIds());
        }
    }

    /** The media of a session the member may do {@code action} on; otherwise as if there were no such session. */
    private String sessionMedia(Member member, String sessionId, Action action) {
        String mediaId = store.mediaOf(sessionId)
                .orElseThrow(() -> new SessionException("unknown_session", "no live session " + sessionId));
        requireOnMedia(member, action, mediaId, "unknown_session", "no live session " + sessionId);
        return mediaId;
    }

    private void requireOnMedia(Member member, Action action, String mediaId, String hiddenCode, String hidden) {
        Decision decision = access.decide(member.principal(), action, new Resource.Media(mediaId));
        switch (decision.outcome()) {
            case ALLOW -> {}
            case UNAUTHENTICATED -> throw new SessionException("unauthenticated", "sign in first");
            case HIDDEN -> throw new SessionException(hiddenCode, hidden);
            case DENY -> throw new SessionException("forbidden", "not allowed: " + decision.reason());
        }
    }

    private void requireRoom(Member member, String joining) {
        Set<String> joined = sessionsOfMember.get(member.id());
        boolean already = joined != null && joining != null && joined.contains(joining);
        if (!already && joined != null && joined.size() >= LiveService.MAX_SESSIONS_PER_MEMBER) {
            throw new SessionException(
                    "too_many_sessions",
                    "one connection may be in at most " + LiveService.MAX_SESSIONS_PER_MEMBER + " sessions");
        }
    }

    private MediaFacts requireMedia(String mediaId) {
        return catalog.find(mediaId)
                .orElseThrow(() -> new SessionException(
                        "unknown_media", "media " + mediaId + " is unknown or not ready for review"));
    }

    private void joinedHere(String memberId, String sessionId) {
        sessionsOfMember
                .computeIfAbsent(memberId, k -> ConcurrentHashMap.newKeySet())
                .add(sessionId);
    }

    private void leftHere(String memberId, String sessionId) {
        Set<String> joined = sessionsOfMember.get(memberId);
        if (joined != null) {
            joined.remove(sessionId);
        }
    }

    private String write(Kept kept) {
        try {
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live session did not turn into JSON", e);
        }
    }

    private Kept read(String text) {
        try {
            return json.readValue(text, Kept.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored live session could not be read", e);
        }
    }
}
