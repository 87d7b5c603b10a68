package io.framewise.server.access;

import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.auth.Authenticator;
import io.framewise.server.auth.ClientAddress;
import io.framewise.server.http.ApiException;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;

/**
 * The access services handlers share: who is asking ({@link #principal}, {@link #caller}), the
 * authorizer for decisions a route rule cannot make alone ({@link #require}), and the audit trail
 * ({@link #record}). It reads the request; the decisions and audit entries are {@link Permissions}',
 * which services use directly.
 */
public final class Access {

    static final String PRINCIPAL_ATTRIBUTE = "framewise.principal";

    static final String ALLOWED_ATTRIBUTE = "framewise.allowed";

    /** What the access filter allowed on this request, once it had decided. */
    record Allowed(Principal principal, Action action, Resource resource) {}

    private final Authenticator authenticator;
    private final Permissions permissions;

    public Access(Authenticator authenticator, Authorizer authorizer, AuditLog audit) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.permissions = new Permissions(authorizer, audit);
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Authorizer authorizer() {
        return permissions.authorizer();
    }

    /** Authorization and audit without a request, for services. */
    public Permissions permissions() {
        return permissions;
    }

    /** Who sent the request, as the access filter established before the handler ran. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("No principal on " + ctx.method() + " " + ctx.path()
                    + ": the access filter did not run (is AccessFilter registered?)");
        }
        return principal;
    }

    /**
     * Whether the access filter already allowed exactly this action on exactly this resource for this
     * request's principal, so a handler need not ask the authorizer the same question a second time
     * (a stream request decided once, not twice). False when the filter did not run or decided
     * something else: the handler then asks as usual.
     */
    public static boolean allowedByRoute(Context ctx, Action action, Resource resource) {
        Allowed allowed = ctx.attribute(ALLOWED_ATTRIBUTE);
        return allowed != null
                && allowed.action() == action
                && allowed.resource().equals(resource)
                && allowed.principal() == ctx.attribute(PRINCIPAL_ATTRIBUTE);
    }

    /** The signed-in person sending the request; 401 when nobody is signed in. */
    public static Principal.Person person(Context ctx) {
        if (principal(ctx) instanceof Principal.Person person) {
            return person;
        }
        throw new ApiException.Unauthenticated("Sign in first.");
    }

    /** The request's principal and client address, as services take them. */
    public Caller caller(Context ctx) {
        return new Caller(principal(ctx), clientAddress(ctx));
    }

    /** Lets the request go on only if the caller may do {@code action} on {@code resource}. */
    public void require(Context ctx, Action action, Resource resource) {
        permissions.require(caller(ctx), action, resource);
    }

    /** As {@link Permissions#requireReferenced}, for the request's caller. */
    public void requireReferenced(Context ctx, Action action, Resource resource, String field) {
        permissions.requireReferenced(caller(ctx), action, resource, field);
    }

    /** Turns a decision into the answer the client gets, auditing refusals of signed-in people. */
    void enforce(Context ctx, Principal principal, Action action, Resource resource, Decision decision) {
        permissions.enforce(new Caller(principal, clientAddress(ctx)), action, resource, decision);
    }

    /**
     * The address the request comes from: the socket peer, or the client a trusted reverse proxy
     * names ({@link ClientAddress}). Everything that keys on or records a client address uses this.
     */
    public String clientAddress(Context ctx) {
        return ClientAddress.of(ctx, authenticator.settings());
    }

    /** Records an event by the request's caller, from the request's address. */
    public void record(Context ctx, String event, Resource resource, AuditOutcome outcome, Map<String, ?> details) {
        Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        audit(
                principal == null ? Principal.ANONYMOUS : principal,
                clientAddress(ctx),
                event,
                resource,
                outcome,
                details);
    }

    /**
     * Records an event by a user known only by id (work that finishes away from its request, such as
     * a resumable upload's last piece); null for nobody in particular.
     */
    public void auditFor(
            String userId,
            String sourceAddress,
            String event,
            Resource resource,
            AuditOutcome outcome,
            Map<String, ?> details) {
        permissions.auditFor(userId, sourceAddress, event, resource, outcome, details);
    }

    /** Records an event (WebSocket messages and other callers without an HTTP request use this). */
    public void audit(
            Principal principal,
            String sourceAddress,
            String event,
            Resource resource,
            AuditOutcome outcome,
            Map<String, ?> details) {
        permissions.audit(new Caller(principal, sourceAddress), event, resource, outcome, details);
    }
}
