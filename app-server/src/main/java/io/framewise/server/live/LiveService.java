package io.framewise.server.live;

import io.framewise.server.access.Action;
import io.framewise.server.access.Decision;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import java.util.Objects;

/**
 * The host side of live review: who may start, join, drive and switch a session, and how many
 * sessions one member may be in. Every request names a media item or a session, and each is
 * authorized: starting or switching needs {@link Action#LIVE_DRIVE} on the media, joining
 * {@link Action#LIVE_JOIN} and the playback requests {@link Action#LIVE_DRIVE} on the session's
 * media. A session on media the member may not see answers exactly like one that does not exist,
 * so its id tells them nothing (not even which media it is on).
 *
 * <p>Sessions live in memory; starting and joining one is recorded in the audit log.
 * Transport-agnostic: refusals are {@link SessionException}s with the protocol's codes.
 */
public final class LiveService {

    /** How many sessions one member (one connection) may be in at once. */
    public static final int MAX_SESSIONS_PER_MEMBER = 8;

    /**
     * Who asks: a member of sessions (one connection), the name others see, and the principal
     * every request is authorized on.
     */
    public record Member(String id, String name, Principal principal) {
        public Member {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(principal, "principal");
        }
    }

    private final LiveSessions sessions;
    private final LiveAccess access;

    public LiveService(LiveSessions sessions, LiveAccess access) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.access = Objects.requireNonNull(access, "access");
    }

    public LiveSessions sessions() {
        return sessions;
    }

    /** Starts a session on a media item; the member joins it, drives, and gets its snapshot. */
    public LiveSession create(Member member, String mediaId) {
        requireOnMedia(member, Action.LIVE_DRIVE, mediaId);
        requireRoom(member);
        LiveSession session = sessions.create(member.id(), member.name(), mediaId);
        access.joined(member.principal(), mediaId, true);
        return session;
    }

    /** Joins a session; the member gets the full snapshot at once. */
    public LiveSession join(Member member, String sessionId) {
        LiveSession existing = session(member, sessionId, Action.LIVE_JOIN);
        if (!existing.hasMember(member.id())) {
            requireRoom(member);
        }
        LiveSession session = sessions.join(sessionId, member.id(), member.name());
        access.joined(member.principal(), session.state().mediaId(), false);
        return session;
    }

    /** Leaves a session the member is in (leaving needs no right: it only ever takes one away). */
    public void leave(Member member, String sessionId) {
        sessions.leave(sessionId, member.id());
    }

    /** Switches the session to another version of its asset, which the member must be allowed to drive too. */
    public void switchVersion(Member member, String sessionId, String mediaId) {
        session(member, sessionId, Action.LIVE_DRIVE);
        requireOnMedia(member, Action.LIVE_DRIVE, mediaId);
        sessions.switchVersion(sessionId, member.id(), mediaId);
    }

    /**
     * The session, once the member may do {@code action} on its media item; the caller then applies
     * a playback request ({@link LiveSession} checks who drives).
     */
    public LiveSession session(Member member, String sessionId, Action action) {
        LiveSession session = sessions.require(sessionId);
        String mediaId = session.state().mediaId();
        Decision decision = access.decide(member.principal(), action, new Resource.Media(mediaId));
        switch (decision.outcome()) {
            case ALLOW -> {}
            case UNAUTHENTICATED -> throw new SessionException("unauthenticated", "sign in first");
            case HIDDEN -> throw new SessionException("unknown_session", "no live session " + sessionId);
            case DENY -> throw new SessionException("forbidden", "not allowed: " + decision.reason());
        }
        return session;
    }

    /** A member's connection is gone: it leaves every session it was in. */
    public void memberGone(String memberId) {
        sessions.memberGone(memberId);
    }

    private void requireOnMedia(Member member, Action action, String mediaId) {
        Decision decision = access.decide(member.principal(), action, new Resource.Media(mediaId));
        switch (decision.outcome()) {
            case ALLOW -> {}
            case UNAUTHENTICATED -> throw new SessionException("unauthenticated", "sign in first");
            case HIDDEN -> throw new SessionException("not_found", "no such media: " + mediaId);
            case DENY -> throw new SessionException("forbidden", "not allowed: " + decision.reason());
        }
    }

    private void requireRoom(Member member) {
        if (sessions.sessionsJoinedBy(member.id()) >= MAX_SESSIONS_PER_MEMBER) {
            throw new SessionException(
                    "too_many_sessions", "one connection may be in at most " + MAX_SESSIONS_PER_MEMBER + " sessions");
        }
    }
}
