package io.framewise.server.guests;

import io.framewise.server.access.AccessFacts;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.auth.LoginRateLimiter;
import io.framewise.server.auth.PasswordHasher;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.ApiException;
import io.framewise.server.library.Asset;
import io.framewise.server.library.AssetRepository;
import io.framewise.server.library.LibraryService.AssetDetails;
import io.framewise.server.library.LibraryService.VersionDetails;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.shares.LinkSecrets;
import io.framewise.server.shares.Share;
import io.framewise.server.shares.ShareRepository;
import io.framewise.server.shares.ShareService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The guest's side of share links: the first screen of a link, opening it (one view, a guest
 * session), what it shows, and the player's heartbeats. A revoked or unknown link answers 404, an
 * expired or used-up one 410, both in words. Passwords are checked like sign-in passwords: Argon2id
 * in the shared hashing cap, failures limited per link and per client address (429).
 */
public final class GuestService {

    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;
    /** The most playing time one heartbeat may report. */
    static final double MAX_HEARTBEAT_SECONDS = 600;

    private static final DateTimeFormatter WATERMARK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ShareRepository shares;
    private final ShareService shareService;
    private final GuestRepository guests;
    private final GuestSessions sessions;
    private final AssetRepository assets;
    private final MediaRepository media;
    private final AccessFacts facts;
    private final UnitOfWork work;
    private final Permissions permissions;
    private final PasswordHasher hasher;
    private final LoginRateLimiter limiter;
    private final Clock clock;
    private final FirstOpen firstOpen;

    /** Hears of a share link opened for the first time (after the opening is stored). */
    public interface FirstOpen {
        void opened(Share share, String guestName);
    }

    public GuestService(
            ShareRepository shares,
            ShareService shareService,
            GuestRepository guests,
            GuestSessions sessions,
            AssetRepository assets,
            MediaRepository media,
            AccessFacts facts,
            UnitOfWork work,
            Permissions permissions,
            PasswordHasher hasher,
            LoginRateLimiter limiter,
            Clock clock) {
        this(
                shares,
                shareService,
                guests,
                sessions,
                assets,
                media,
                facts,
                work,
                permissions,
                hasher,
                limiter,
                clock,
                (s, n) -> {});
    }

    public GuestService(
            ShareRepository shares,
            ShareService shareService,
            GuestRepository guests,
            GuestSessions sessions,
            AssetRepository assets,
            MediaRepository media,
            AccessFacts facts,
            UnitOfWork work,
            Permissions permissions,
            PasswordHasher hasher,
            LoginRateLimiter limiter,
            Clock clock,
            FirstOpen firstOpen) {
        this.firstOpen = Objects.requireNonNull(firstOpen, "firstOpen");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.shareService = Objects.requireNonNull(shareService, "shareService");
        this.guests = Objects.requireNonNull(guests, "guests");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.assets = Objects.requireNonNull(assets, "assets");
        this.media = Objects.requireNonNull(media, "media");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.work = Objects.requireNonNull(work, "work");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a link shows to a guest before it is opened. */
    public record LinkInfo(String title, boolean requireEmail, boolean hasPassword) {}

    /** A guest session just opened: its token and the link. */
    public record Opened(String guestToken, Instant expires, Share share, String targetTitle) {}

    /** What a guest's link shows them. */
    public record View(
            Share share, String targetTitle, Principal.Guest guest, String watermark, List<AssetDetails> assets) {}

    public LinkInfo link(String token) {
        Share share = openable(token);
        return new LinkInfo(title(share), share.requireEmail(), share.hasPassword());
    }

    /** Opens the link as a guest: one view of it. */
    public Opened open(Caller caller, String token, String rawName, String rawEmail, String password) {
        Share share = openable(token);
        String name = name(rawName);
        String email = email(rawEmail, share.requireEmail());
        if (share.hasPassword()) {
            checkPassword(caller, share, password);
        }
        GuestSessions.Opened opened = work.inTransaction(() -> {
            if (!shares.countView(share.id(), clock.instant())) {
                // Someone else took the last view (or the link changed) since it was read.
                throw refusal(shares.get(share.id()).orElse(share));
            }
            GuestSessions.Opened o = sessions.open(share, name, email, caller.address());
            Principal.Guest guest = GuestSessions.principal(share, o.session());
            permissions.audit(
                    new Caller(guest, caller.address()),
                    "guest.opened",
                    share.resource(),
                    AuditOutcome.SUCCESS,
                    detailsOf(guest));
            if (share.views() == 0) {
                work.afterCommit(() -> firstOpen.opened(share, name));
            }
            return o;
        });
        return new Opened(opened.token(), opened.session().expires(), share, title(share));
    }

    public View view(Caller caller) {
        Principal.Guest guest = guest(caller);
        Share share =
                shares.get(guest.shareId()).orElseThrow(() -> new ApiException.Unauthenticated("Open the link again."));
        AccessFacts.ShareScope scope = facts.shareScope(share.id())
                .orElseThrow(() -> new ApiException.Unauthenticated("Open the link again."));
        List<AssetDetails> shown = new ArrayList<>();
        for (String assetId : scope.assetIds().stream().sorted().toList()) {
            Optional<Asset> asset = assets.get(assetId);
            if (asset.isEmpty()) {
                continue;
            }
            List<VersionDetails> versions = assets.versions(assetId).stream()
                    .filter(v -> scope.mediaIds().contains(v.mediaId()))
                    .map(v -> new VersionDetails(v, assets.approval(v.id())))
                    .toList();
            if (!versions.isEmpty()) {
                shown.add(new AssetDetails(asset.get(), versions));
            }
        }
        shown.sort((a, b) -> a.asset().created().compareTo(b.asset().created()));
        String watermark = share.watermark() ? watermark(guest, clock.instant()) : null;
        return new View(share, title(share), guest, watermark, shown);
    }

    /** Records what the guest's player played: watch time and the watched frames. */
    public void heartbeat(Caller caller, String mediaId, long fromFrame, long toFrame, double seconds) {
        Principal.Guest guest = guest(caller);
        permissions.require(caller, Action.MEDIA_VIEW, new Resource.Media(mediaId));
        MediaItem item = media.get(mediaId).orElseThrow(() -> new ApiException.NotFound("no such media: " + mediaId));
        long frames = item.probe() == null ? 0 : item.probe().frameCount();
        if (fromFrame < 0 || toFrame <= fromFrame || toFrame > frames) {
            throw new ApiException.Invalid(
                    "fromFrame and toFrame must be a range [from, to) inside the media's " + frames + " frames",
                    Map.of("field", "toFrame"));
        }
        if (!(seconds >= 0 && seconds <= MAX_HEARTBEAT_SECONDS)) {
            throw new ApiException.Invalid(
                    "seconds must be 0.." + (int) MAX_HEARTBEAT_SECONDS, Map.of("field", "seconds"));
        }
        guests.addWatch(guest.guestId(), mediaId, fromFrame, toFrame, Math.round(seconds * 1000), clock.instant());
    }

    /** What a watermark link draws over the player and burns into downloads: name · e-mail · time. */
    public static String watermark(Principal.Guest guest, Instant at) {
        StringBuilder text = new StringBuilder(guest.name());
        if (guest.email() != null) {
            text.append(" · ").append(guest.email());
        }
        return text.append(" · ").append(WATERMARK_TIME.format(at)).toString();
    }

    private void checkPassword(Caller caller, Share share, String password) {
        String key = "share-" + LinkSecrets.hash(share.id()).substring(0, 32);
        LoginRateLimiter.Reservation reservation = limiter.reserve(key, caller.address());
        if (reservation instanceof LoginRateLimiter.Refusal refusal) {
            audit(caller, share, "guest.password", AuditOutcome.DENIED, "rate_limited");
            throw new ApiException.TooManyRequests(
                    "Too many wrong passwords for this link; try again in " + refusal.retryAfterSeconds() + " s.",
                    refusal.retryAfterSeconds());
        }
        LoginRateLimiter.Attempt attempt = (LoginRateLimiter.Attempt) reservation;
        boolean right;
        try {
            right = password != null && hasher.verify(password, share.passwordHash());
        } catch (RuntimeException e) {
            attempt.cancel();
            throw e;
        }
        if (!right) {
            audit(caller, share, "guest.password", AuditOutcome.DENIED, "wrong_password");
            throw new ApiException.Unauthenticated(
                    password == null ? "This link needs a password." : "The password is wrong.");
        }
        attempt.succeeded();
    }

    private void audit(Caller caller, Share share, String event, AuditOutcome outcome, String reason) {
        permissions.audit(caller, event, share.resource(), outcome, Map.of("shareId", share.id(), "reason", reason));
    }

    /** The link of a token, if guests may open it now; 404 or 410 in words otherwise. */
    private Share openable(String token) {
        if (!LinkSecrets.plausible(token, LinkSecrets.LINK_PREFIX)) {
            throw unknown();
        }
        Share share = shares.findByTokenHash(LinkSecrets.hash(token)).orElseThrow(GuestService::unknown);
        if (share.state(clock.instant()) != Share.State.ACTIVE) {
            throw refusal(share);
        }
        return share;
    }

    private ApiException refusal(Share share) {
        return switch (share.state(clock.instant())) {
            case REVOKED -> unknown();
            case EXPIRED -> new ApiException.Gone(
                    "This link has expired. Ask the person who sent it for a new one.", Map.of("state", "expired"));
            case USED_UP, ACTIVE -> new ApiException.Gone(
                    "This link has been opened as many times as it may be. Ask the person who sent it for a new one.",
                    Map.of("state", "used-up"));
        };
    }

    private static ApiException unknown() {
        return new ApiException.NotFound(
                "This link does not exist or has been revoked. Ask the person who sent it for a new one.",
                Map.of("type", "share"));
    }

    private String title(Share share) {
        return share.title() != null ? share.title() : shareService.targetTitle(share);
    }

    private static Principal.Guest guest(Caller caller) {
        if (caller.principal() instanceof Principal.Guest guest) {
            return guest;
        }
        throw new ApiException.Unauthenticated("Open a share link first.");
    }

    private static Map<String, Object> detailsOf(Principal.Guest guest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shareId", guest.shareId());
        m.put("guest", guest.name());
        m.put("email", guest.email() == null ? "" : guest.email());
        return m;
    }

    private static String name(String raw) {
        // Shown like an account's display name, and held to the same rule (NFKC, nothing invisible).
        String name = raw == null
                ? ""
                : java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC)
                        .strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new ApiException.Invalid(
                    "give your name (1 to " + MAX_NAME + " characters)", Map.of("field", "name"));
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new ApiException.Invalid(
                    "the name must not contain control or invisible characters", Map.of("field", "name"));
        }
        return name;
    }

    private static String email(String raw, boolean required) {
        String email = raw == null ? "" : raw.strip();
        if (email.isEmpty()) {
            if (required) {
                throw new ApiException.Invalid("this link asks for your e-mail address", Map.of("field", "email"));
            }
            return null;
        }
        int at = email.indexOf('@');
        if (email.length() > MAX_EMAIL
                || at < 1
                || at == email.length() - 1
                || email.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new ApiException.Invalid("that is not an e-mail address", Map.of("field", "email"));
        }
        return email;
    }
}
