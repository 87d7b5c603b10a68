package io.framewise.server.live;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All live sessions of a server: creates them with unguessable ids, joins members, and cleans up a
 * member from every session when its connection drops. Transport-agnostic: members are ids, events
 * leave through the {@link SessionOutput}.
 */
public final class LiveSessions {

    private final MediaCatalog catalog;
    private final SessionOutput output;
    private final Clock clock;
    private final ConcurrentHashMap<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> sessionsOfMember = new ConcurrentHashMap<>();

    public LiveSessions(MediaCatalog catalog, SessionOutput output, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.output = Objects.requireNonNull(output, "output");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates a session on a media item; the creator joins it, drives, and gets its snapshot. */
    public LiveSession create(String memberId, String name, String mediaId) {
        MediaFacts media = requireMedia(mediaId);
        LiveSession session = new LiveSession(SecureIds.next(), media, clock, output);
        sessions.put(session.id(), session);
        join(session.id(), memberId, name);
        return session;
    }

    /** Joins a session; the member gets the full snapshot at once. */
    public LiveSession join(String sessionId, String memberId, String name) {
        LiveSession session = require(sessionId);
        session.join(memberId, name);
        sessionsOfMember
                .computeIfAbsent(memberId, key -> ConcurrentHashMap.newKeySet())
                .add(sessionId);
        return session;
    }

    public void leave(String sessionId, String memberId) {
        LiveSession session = require(sessionId);
        if (!session.hasMember(memberId)) {
            throw new SessionException("not_member", "you are not in session " + sessionId);
        }
        remove(session, memberId);
        Set<String> joined = sessionsOfMember.get(memberId);
        if (joined != null) {
            joined.remove(sessionId);
        }
    }

    /** A member's connection is gone: it leaves every session it was in. */
    public void memberGone(String memberId) {
        Set<String> joined = sessionsOfMember.remove(memberId);
        if (joined == null) {
            return;
        }
        for (String sessionId : joined) {
            LiveSession session = sessions.get(sessionId);
            if (session != null) {
                remove(session, memberId);
            }
        }
    }

    /**
     * Switches a session to another version of the asset it shows, looked up in the catalog. Only
     * versions of that asset: members were let in for it, and another media item may be one some
     * of them must not see.
     */
    public void switchVersion(String sessionId, String memberId, String mediaId) {
        LiveSession session = require(sessionId);
        MediaFacts next = requireMedia(mediaId);
        String shown =
                catalog.find(session.state().mediaId()).map(MediaFacts::assetId).orElse(null);
        if (shown == null || !shown.equals(next.assetId())) {
            throw new SessionException(
                    "not_a_version", "media " + mediaId + " is not a version of the asset this session reviews");
        }
        session.switchVersion(memberId, next);
    }

    public LiveSession require(String sessionId) {
        LiveSession session = sessions.get(sessionId);
        if (session == null) {
            throw new SessionException("unknown_session", "no live session " + sessionId);
        }
        return session;
    }

    public Optional<LiveSession> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** How many sessions a member is in, so the transport can cap it. */
    public int sessionsJoinedBy(String memberId) {
        Set<String> joined = sessionsOfMember.get(memberId);
        return joined == null ? 0 : joined.size();
    }

    private void remove(LiveSession session, String memberId) {
        if (session.leave(memberId)) {
            sessions.remove(session.id(), session);
        }
    }

    private MediaFacts requireMedia(String mediaId) {
        return catalog.find(mediaId)
                .orElseThrow(() -> new SessionException(
                        "unknown_media", "media " + mediaId + " is unknown or not ready for review"));
    }
}
