package io.framewise.server.auth;

import io.framewise.server.access.Principal;
import io.framewise.server.access.Principal.Credential;
import io.framewise.server.http.ApiException;
import io.framewise.server.users.UserRepository;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request's credentials into a {@link Principal}, by the configured mode:
 *
 * <ul>
 *   <li>{@code none}: everyone is the local user, an administrator (the server is loopback-only);
 *   <li>{@code local}: an {@code Authorization: Bearer} API token, else the {@value #SESSION_COOKIE}
 *       cookie; a cookie-authenticated state change must echo the {@value #CSRF_COOKIE} cookie in
 *       the {@value #CSRF_HEADER} header (double submit);
 *   <li>{@code proxy}: a bearer token, else the {@code X-Remote-User-*} headers, believed only from
 *       a trusted proxy address and ignored (and logged) from anywhere else; admin rights come from
 *       the proxy only with {@code --proxy-admin-header}. The proxy signs the browser in on every
 *       request (Basic, Kerberos, an SSO cookie), so there is no CSRF token: cross-site state
 *       changes are refused before this by {@link io.framewise.server.http.RequestGuard}.
 * </ul>
 *
 * A presented token that does not work is an error (401), not anonymity: a script with a revoked
 * token should hear so rather than get an empty library.
 */
public final class Authenticator {

    public static final String SESSION_COOKIE = "fw_session";
    public static final String CSRF_COOKIE = "fw_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String PROXY_USER_ID = "X-Remote-User-Id";
    public static final String PROXY_USER_NAME = "X-Remote-User-Name";
    public static final String PROXY_USER_IS_ADMIN = "X-Remote-User-Is-Admin";
    /** WebSocket clients in browsers cannot set headers; they may pass a token this way instead. */
    public static final String TOKEN_QUERY = "access_token";

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final long SPOOF_LOG_INTERVAL_MILLIS = 60_000;

    private final AuthSettings settings;
    private final AccountRepository accounts;
    private final UserRepository users;
    private final SessionStore sessions;
    private final TokenStore tokens;
    private final GuestCredentials guests;
    private final AtomicLong lastSpoofLog = new AtomicLong();
    private volatile Principal.Person localUser;

    public Authenticator(
            AuthSettings settings,
            AccountRepository accounts,
            UserRepository users,
            SessionStore sessions,
            TokenStore tokens) {
        this(settings, accounts, users, sessions, tokens, GuestCredentials.NONE);
    }

    /** With share-link guests: their bearer tokens and {@value GuestCredentials#COOKIE} cookie. */
    public Authenticator(
            AuthSettings settings,
            AccountRepository accounts,
            UserRepository users,
            SessionStore sessions,
            TokenStore tokens,
            GuestCredentials guests) {
        this.settings = settings;
        this.accounts = accounts;
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.guests = java.util.Objects.requireNonNull(guests, "guests");
    }

    public AuthMode mode() {
        return settings.mode();
    }

    public AuthSettings settings() {
        return settings;
    }

    /**
     * Who sent this request (anonymous when nobody signed in).
     *
     * @param allowQueryToken accept {@value #TOKEN_QUERY} (the WebSocket handshake and the routes
     *     media players fetch themselves only: tokens in URLs end up in logs, so ordinary requests
     *     must use the header)
     * @throws ApiException.Unauthenticated when a presented token does not work
     * @throws ApiException.Forbidden when a cookie-authenticated state change lacks the CSRF token
     */
    public Principal authenticate(Context ctx, boolean allowQueryToken) {
        Optional<String> bearer = bearer(ctx.header("Authorization"));
        if (bearer.isEmpty() && allowQueryToken) {
            bearer = Optional.ofNullable(ctx.queryParam(TOKEN_QUERY)).filter(t -> !t.isBlank());
        }
        // A guest token is the guest in every mode, also where everyone else is the local user.
        if (bearer.isPresent() && bearer.get().startsWith(GuestCredentials.PREFIX)) {
            return guests.authenticate(bearer.get())
                    .<Principal>map(g -> g)
                    .orElseThrow(() -> new ApiException.Unauthenticated(
                            "This guest session has ended: the link was revoked or expired, or the session"
                                    + " timed out. Open the link again."));
        }
        // The guest cookie is the guest on the guest routes; elsewhere a person's own credentials
        // come first (someone trying their own link in their own browser stays themselves).
        String guestCookie = ctx.cookie(GuestCredentials.COOKIE);
        boolean guestRoute = ctx.path().startsWith("/api/guest/");
        if (guestRoute && bearer.isEmpty() && guestCookie != null && !guestCookie.isEmpty()) {
            Optional<Principal.Guest> guest = guests.authenticate(guestCookie);
            if (guest.isPresent()) {
                return guest.get();
            }
        }
        if (settings.mode() == AuthMode.NONE) {
            return local();
        }
        if (bearer.isPresent()) {
            return byToken(bearer.get());
        }
        if (settings.mode() == AuthMode.PROXY) {
            Optional<Principal> proxied = byProxyHeaders(ctx);
            if (proxied.isPresent()) {
                return proxied.get();
            }
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            return guestOrAnonymous(guestCookie);
        }
        Optional<Session> session = sessions.touch(cookie);
        Optional<Account> account =
                session.flatMap(s -> accounts.get(s.userId())).filter(a -> !a.disabled());
        if (account.isEmpty()) {
            return guestOrAnonymous(guestCookie);
        }
        if (changesState(ctx.method()) && !sessions.csrfMatches(cookie, ctx.header(CSRF_HEADER))) {
            throw new ApiException.Forbidden(
                    "This request needs the " + CSRF_HEADER + " header with the value of the " + CSRF_COOKIE
                            + " cookie (reload the page if it keeps happening).",
                    java.util.Map.of("reason", "csrf"));
        }
        return person(
                account.get(),
                new Credential(Credential.Kind.SESSION, session.get().id()));
    }

    /**
     * Who a browser without a person's credentials is: the guest of its {@value
     * GuestCredentials#COOKIE} cookie (SameSite=Lax, and {@link io.framewise.server.http.RequestGuard}
     * refuses cross-site state changes before this), else nobody.
     */
    private Principal guestOrAnonymous(String guestCookie) {
        if (guestCookie == null || guestCookie.isEmpty()) {
            return Principal.ANONYMOUS;
        }
        return guests.authenticate(guestCookie).<Principal>map(g -> g).orElse(Principal.ANONYMOUS);
    }

    /** Whether a credential still stands (sessions and tokens can be revoked or expire; the rest cannot). */
    public boolean stillValid(Principal principal) {
        if (principal instanceof Principal.Guest guest) {
            return guests.isLive(guest.guestId());
        }
        if (!(principal instanceof Principal.Person person)) {
            return true;
        }
        Credential credential = person.credential();
        boolean live =
                switch (credential.kind()) {
                    case SESSION -> sessions.isLive(credential.id());
                    case TOKEN -> tokens.isLive(credential.id());
                    case LOCAL, PROXY -> true;
                    case GUEST -> false;
                };
        return live
                && (credential.kind() == Credential.Kind.LOCAL
                        || accounts.get(person.userId())
                                .filter(a -> !a.disabled())
                                .isPresent());
    }

    /** The person an account is, signed in by {@code credential}. */
    public static Principal.Person person(Account account, Credential credential) {
        return new Principal.Person(account.id(), account.name(), account.displayName(), account.admin(), credential);
    }

    private Principal.Person local() {
        Principal.Person local = localUser;
        if (local == null) {
            var user = users.localUser();
            local = new Principal.Person(user.id(), user.name(), user.displayName(), true, Credential.local());
            localUser = local;
        }
        return local;
    }

    private Principal byToken(String presented) {
        Optional<ApiToken> token = tokens.authenticate(presented);
        Optional<Account> account = token.flatMap(t -> accounts.get(t.userId())).filter(a -> !a.disabled());
        if (account.isEmpty()) {
            throw new ApiException.Unauthenticated(
                    "The API token is unknown, expired or revoked. Create a new one under Account > API tokens.");
        }
        return person(
                account.get(), new Credential(Credential.Kind.TOKEN, token.get().id()));
    }

    private Optional<Principal> byProxyHeaders(Context ctx) {
        String id = ctx.header(PROXY_USER_ID);
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String remote = ctx.req().getRemoteAddr();
        if (!settings.trustsProxyAt(remote)) {
            long now = System.currentTimeMillis();
            long last = lastSpoofLog.get();
            if (now - last >= SPOOF_LOG_INTERVAL_MILLIS && lastSpoofLog.compareAndSet(last, now)) {
                LOG.warn(
                        "Ignored {} header from {}, which is not a trusted proxy (--trusted-proxy)",
                        PROXY_USER_ID,
                        remote);
            }
            return Optional.empty();
        }
        // Admin rights from the proxy only when configured: a proxy that passes a client's own
        // X-Remote-User-Is-Admin through would otherwise let anyone make themselves admin.
        String adminHeader = settings.proxyAdminHeader();
        Boolean admin = adminHeader == null ? null : isTrue(ctx.header(adminHeader));
        Account account;
        try {
            account = accounts.ensureExternal(id.strip(), ctx.header(PROXY_USER_NAME), admin);
        } catch (AccountException e) {
            throw new ApiException.Unauthenticated("The reverse proxy sent an unusable user: " + e.getMessage());
        }
        if (account.disabled()) {
            throw new ApiException.Unauthenticated("This account is disabled. Ask an administrator.");
        }
        return Optional.of(person(account, new Credential(Credential.Kind.PROXY, null)));
    }

    private static boolean isTrue(String header) {
        if (header == null) {
            return false;
        }
        String v = header.strip().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1") || v.equals("yes");
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String trimmed = authorization.strip();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = trimmed.substring(7).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    private static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }
}
