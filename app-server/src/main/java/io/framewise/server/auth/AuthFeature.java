package io.framewise.server.auth;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.AccessFacts;
import io.framewise.server.access.Principal;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.framewise.server.library.Project;
import io.framewise.server.library.ProjectRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out, and the caller's own account: {@code GET /api/auth/config}, {@code POST
 * /api/auth/login}, {@code POST /api/auth/logout}, {@code GET /api/me}, {@code POST
 * /api/me/password}, {@code POST /api/me/sign-out-everywhere}. Login sets the HttpOnly session
 * cookie and the readable CSRF cookie the clients echo back in {@value Authenticator#CSRF_HEADER}.
 * Every password these routes check goes through {@link PasswordCheck} (rate-limited, hashing
 * capped).
 */
public final class AuthFeature implements Feature {

    private final Access access;
    private final AccountRepository accounts;
    private final SessionStore sessions;
    private final PasswordCheck passwords;
    private final SignOuts signOuts;
    private final AccessFacts facts;
    private final ProjectRepository projects;
    private final java.util.function.Consumer<Principal.Credential> revoked;

    public AuthFeature(
            Access access,
            AccountRepository accounts,
            SessionStore sessions,
            PasswordCheck passwords,
            SignOuts signOuts,
            AccessFacts facts,
            ProjectRepository projects,
            java.util.function.Consumer<Principal.Credential> revoked) {
        this.revoked = revoked;
        this.access = access;
        this.accounts = accounts;
        this.sessions = sessions;
        this.passwords = passwords;
        this.signOuts = signOuts;
        this.facts = facts;
        this.projects = projects;
    }

    record Login(String username, String password) {}

    record PasswordChange(String currentPassword, String newPassword, Boolean revokeTokens) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/api/auth/config", ctx -> ctx.json(Map.of("mode", mode().wire())));
        cfg.routes.post("/api/auth/login", this::login);
        cfg.routes.post("/api/auth/logout", this::logout);
        cfg.routes.get("/api/me", this::me);
        cfg.routes.post("/api/me/password", this::changePassword);
        cfg.routes.post("/api/me/sign-out-everywhere", this::signOutEverywhere);
    }

    private AuthMode mode() {
        return access.authenticator().mode();
    }

    private void login(Context ctx) {
        if (mode() != AuthMode.LOCAL) {
            throw new ApiException.Conflict(
                    "This server signs people in "
                            + (mode() == AuthMode.NONE
                                    ? "automatically (auth mode none); there is nothing to sign in to."
                                    : "through its reverse proxy (auth mode proxy)."),
                    Map.of("mode", mode().wire()));
        }
        Login req = Bodies.read(ctx, Login.class);
        if (req.username() == null || req.username().isBlank() || req.password() == null) {
            throw new ApiException.Invalid("give a username and a password", Map.of("field", "username"));
        }
        String address = access.clientAddress(ctx);
        String name = req.username().strip();
        Optional<Account> account;
        try {
            account = passwords.check(name, req.password(), address);
        } catch (ApiException.TooManyRequests e) {
            auditFailure(address, name, "rate_limited");
            throw e;
        }
        if (account.isEmpty()) {
            auditFailure(address, name, "wrong_credentials");
            throw new ApiException.Unauthenticated("Wrong user name or password, or the account is disabled.");
        }
        NewSession session = sessions.create(account.get().id());
        boolean secure =
                access.authenticator().settings().secureCookies() || ctx.req().isSecure();
        ctx.cookie(cookie(Authenticator.SESSION_COOKIE, session.token(), true, secure, maxAgeSeconds(session)));
        ctx.cookie(cookie(Authenticator.CSRF_COOKIE, session.csrfToken(), false, secure, maxAgeSeconds(session)));
        Principal.Person person = Authenticator.person(
                account.get(),
                new Principal.Credential(
                        Principal.Credential.Kind.SESSION, session.session().id()));
        access.audit(person, address, "login.success", Resource.SERVER, AuditOutcome.SUCCESS, Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", userView(person));
        body.put("csrfToken", session.csrfToken());
        ctx.json(body);
    }

    private void logout(Context ctx) {
        String token = ctx.cookie(Authenticator.SESSION_COOKIE);
        Principal principal = Access.principal(ctx);
        if (token != null && sessions.revoke(token)) {
            access.record(ctx, "logout.success", Resource.SERVER, AuditOutcome.SUCCESS, Map.of());
            if (principal instanceof Principal.Person person
                    && person.credential().kind() == Principal.Credential.Kind.SESSION) {
                revoked.accept(person.credential());
            }
        }
        clearCookies(ctx);
        ctx.status(204);
    }

    private void clearCookies(Context ctx) {
        boolean secure =
                access.authenticator().settings().secureCookies() || ctx.req().isSecure();
        ctx.cookie(cookie(Authenticator.SESSION_COOKIE, "", true, secure, 0));
        ctx.cookie(cookie(Authenticator.CSRF_COOKIE, "", false, secure, 0));
    }

    private void me(Context ctx) {
        Principal.Person person = Access.person(ctx);
        Map<String, Object> body = userView(person);
        body.put("authMode", mode().wire());
        body.put("credential", person.credential().kind().name().toLowerCase(java.util.Locale.ROOT));
        List<Map<String, Object>> memberships = new ArrayList<>();
        Map<String, ProjectRole> roles = facts.roles(person.userId());
        for (Project project : projects.list()) {
            ProjectRole role = roles.get(project.id());
            if (role != null || person.admin()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", project.id());
                m.put("name", project.name());
                m.put("role", role == null ? "admin" : role.wire());
                memberships.add(m);
            }
        }
        body.put("projects", memberships);
        ctx.json(body);
    }

    private void changePassword(Context ctx) {
        Principal.Person person = Access.person(ctx);
        PasswordChange req = Bodies.read(ctx, PasswordChange.class);
        Account account =
                accounts.get(person.userId()).orElseThrow(() -> new ApiException.Unauthenticated("Sign in first."));
        if (!account.hasPassword()) {
            throw new ApiException.Conflict(
                    "This account signs in through the reverse proxy and has no password here.", Map.of());
        }
        if (req.currentPassword() == null) {
            throw new ApiException.Invalid("give the current password", Map.of("field", "currentPassword"));
        }
        Resource target = new Resource.User(person.userId());
        boolean right;
        try {
            right = passwords
                    .check(account.name(), req.currentPassword(), access.clientAddress(ctx))
                    .isPresent();
        } catch (ApiException.TooManyRequests e) {
            access.record(ctx, "password.change", target, AuditOutcome.DENIED, Map.of("reason", "rate_limited"));
            throw e;
        }
        if (!right) {
            access.record(ctx, "password.change", target, AuditOutcome.DENIED, Map.of("reason", "wrong_password"));
            throw new ApiException.Forbidden("The current password is wrong.", Map.of("field", "currentPassword"));
        }
        PasswordPolicy.check(req.newPassword());
        accounts.setPassword(person.userId(), req.newPassword());
        // Every other session ends (connections too); the one making the change stays signed in.
        int ended = signOuts.otherSessions(person.userId(), person.credential());
        int tokensRevoked = Boolean.TRUE.equals(req.revokeTokens())
                ? signOuts.otherTokens(person.userId(), person.credential())
                : 0;
        access.record(
                ctx,
                "password.change",
                target,
                AuditOutcome.SUCCESS,
                Map.of("sessionsEnded", ended, "tokensRevoked", tokensRevoked));
        ctx.status(204);
    }

    /**
     * Ends every session and API token of the caller, this one included, and closes their live
     * connections: for a lost laptop or a leaked token when one does not know which.
     */
    private void signOutEverywhere(Context ctx) {
        Principal.Person person = Access.person(ctx);
        SignOuts.Ended ended = signOuts.everywhere(person.userId());
        access.record(
                ctx,
                "signout.everywhere",
                new Resource.User(person.userId()),
                AuditOutcome.SUCCESS,
                Map.of("sessionsEnded", ended.sessions(), "tokensRevoked", ended.tokens()));
        clearCookies(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionsEnded", ended.sessions());
        body.put("tokensRevoked", ended.tokens());
        ctx.json(body);
    }

    static Map<String, Object> userView(Principal.Person person) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", person.userId());
        m.put("name", person.name());
        m.put("displayName", person.displayName());
        m.put("isAdmin", person.admin());
        return m;
    }

    private void auditFailure(String address, String name, String reason) {
        access.audit(
                Principal.ANONYMOUS,
                address,
                "login.failure",
                Resource.SERVER,
                AuditOutcome.DENIED,
                Map.of("username", limitedName(name), "reason", reason));
    }

    private static String limitedName(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    private static int maxAgeSeconds(NewSession session) {
        long seconds = java.time.Duration.between(
                        java.time.Instant.now(), session.session().expires())
                .toSeconds();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    private static Cookie cookie(String name, String value, boolean httpOnly, boolean secure, int maxAge) {
        return new Cookie(name, value, "/", maxAge, secure, httpOnly, null, SameSite.LAX);
    }
}
