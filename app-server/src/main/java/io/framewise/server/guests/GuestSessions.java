package io.framewise.server.guests;

import io.framewise.server.access.Principal;
import io.framewise.server.auth.GuestCredentials;
import io.framewise.server.db.Ids;
import io.framewise.server.guests.GuestRepository.GuestSession;
import io.framewise.server.shares.LinkSecrets;
import io.framewise.server.shares.Share;
import io.framewise.server.shares.ShareRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Guest sessions: one is opened per view of a link, and its token ({@value GuestCredentials#PREFIX}
 * and 256 random bits, kept as its SHA-256) is then the guest's credential, as a cookie or a bearer
 * token. A session stands while it has not expired and its link is neither revoked nor expired; a
 * link that has been opened as often as it may be keeps the sessions it has.
 */
public final class GuestSessions implements GuestCredentials {

    /** How long a guest session lasts at most (never beyond its link's expiry). */
    public static final Duration LIFETIME = Duration.ofHours(12);

    /** Writing last_seen at most this often keeps a playing guest's requests from all being writes. */
    private static final long TOUCH_RESOLUTION_MILLIS = 60_000;

    private final GuestRepository guests;
    private final ShareRepository shares;
    private final Clock clock;

    public GuestSessions(GuestRepository guests, ShareRepository shares, Clock clock) {
        this.guests = Objects.requireNonNull(guests, "guests");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A session just opened, with its token. */
    public record Opened(GuestSession session, String token) {}

    /** Opens a session of the link (in the caller's unit of work, which has counted the view). */
    public Opened open(Share share, String name, String email, String address) {
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        if (share.expires() != null && share.expires().isBefore(expires)) {
            expires = share.expires();
        }
        String token = LinkSecrets.newSecret(PREFIX);
        GuestSession session = new GuestSession(Ids.newId(), share.id(), name, email, now, now, expires, null);
        guests.insert(session, LinkSecrets.hash(token), address);
        return new Opened(session, token);
    }

    @Override
    public Optional<Principal.Guest> authenticate(String token) {
        if (!LinkSecrets.plausible(token, PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<GuestSession> session =
                guests.findBySessionHash(LinkSecrets.hash(token)).filter(s -> s.usableAt(now));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<Share> share = standing(session.get().shareId(), now);
        if (share.isEmpty()) {
            return Optional.empty();
        }
        if (now.toEpochMilli() - session.get().lastSeen().toEpochMilli() >= TOUCH_RESOLUTION_MILLIS) {
            guests.touch(session.get().id(), now);
        }
        return Optional.of(principal(share.get(), session.get()));
    }

    @Override
    public boolean isLive(String guestId) {
        Instant now = clock.instant();
        return guests.get(guestId)
                .filter(s -> s.usableAt(now))
                .flatMap(s -> standing(s.shareId(), now))
                .isPresent();
    }

    /** The link, if its guests may still use it: not revoked, not expired (used up is fine). */
    private Optional<Share> standing(String shareId, Instant now) {
        return shares.get(shareId).filter(s -> {
            Share.State state = s.state(now);
            return state == Share.State.ACTIVE || state == Share.State.USED_UP;
        });
    }

    static Principal.Guest principal(Share share, GuestSession session) {
        return new Principal.Guest(
                share.id(),
                session.id(),
                session.name(),
                session.email(),
                share.rights(),
                share.live(),
                share.createdBy(),
                new Principal.Credential(Principal.Credential.Kind.GUEST, session.id()));
    }
}
