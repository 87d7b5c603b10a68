package io.framewise.server.access;

import io.framewise.server.audit.AuditEntry;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.auth.Authenticator;
import io.framewise.server.auth.ClientAddress;
import io.framewise.server.http.ApiException;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;

/**
 * The access services handlers share: who is asking ({@link #principal}), the authorizer for
 * decisions a route rule cannot make alone ({@link #require}), and the audit trail ({@link #audit}).
 */
public final class Access {

    static final String PRINCIPAL_ATTRIBUTE = "framewise.principal";

    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final AuditLog audit;

    public Access(Authenticator authenticator, Authorizer authorizer, AuditLog audit) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Authorizer authorizer() {
        return authorizer;
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

    /** The signed-in person sending the request; 401 when nobody is signed in. */
    public static Principal.Person person(Context ctx) {
        if (principal(ctx) instanceof Principal.Person person) {
            return person;
        }
        throw new ApiException.Unauthenticated("Sign in first.");
    }

    /** Lets the request go on only if the caller may do {@code action} on {@code resource}. */
    public void require(Context ctx, Action action, Resource resource) {
        Principal principal = principal(ctx);
        Decision decision = authorizer.decide(principal, action, resource);
        enforce(ctx, principal, action, resource, decision);
    }

    /**
     * As {@link #require}, for a resource named by a field of the request body (the media filed
     * into an asset, the project it goes to). One the caller may not see answers 422 naming the
     * field, exactly like an id that names nothing, so a body cannot probe for ids either; one they
     * see but may not use this way answers 403.
     */
    public void requireReferenced(Context ctx, Action action, Resource resource, String field) {
        Principal principal = principal(ctx);
        Decision decision = authorizer.decide(principal, action, resource);
        if (decision.outcome() == Decision.Outcome.HIDDEN) {
            throw new ApiException.Invalid(
                    "no such " + resource.type() + ": " + resource.idOrNull(), Map.of("field", field));
        }
        enforce(ctx, principal, action, resource, decision);
    }

    /** Turns a decision into the answer the client gets, auditing refusals of signed-in people. */
    void enforce(Context ctx, Principal principal, Action action, Resource resource, Decision decision) {
        switch (decision.outcome()) {
            case ALLOW -> {}
            case UNAUTHENTICATED -> throw new ApiException.Unauthenticated(
                    "Sign in first (or send an API token as 'Authorization: Bearer ...').");
            case HIDDEN -> throw new ApiException.NotFound(
                    "no such " + resource.type() + ": " + resource.idOrNull(), Map.of("type", resource.type()));
            case DENY -> {
                record(
                        ctx,
                        "access.denied",
                        resource,
                        AuditOutcome.DENIED,
                        Map.of("action", action.wire(), "reason", decision.reason()));
                throw new ApiException.Forbidden(
                        "Not allowed: " + decision.reason() + ".", Map.of("action", action.wire()));
            }
        }
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
        append(AuditEntry.of(event, outcome).from(sourceAddress).by(userId, null), resource, details);
    }

    /** Records an event (WebSocket messages and other callers without an HTTP request use this). */
    public void audit(
            Principal principal,
            String sourceAddress,
            String event,
            Resource resource,
            AuditOutcome outcome,
            Map<String, ?> details) {
        AuditEntry entry = AuditEntry.of(event, outcome).from(sourceAddress);
        if (principal instanceof Principal.Person person) {
            entry = entry.by(person.userId(), person.name());
        }
        append(entry, resource, details);
    }

    /** Adds what the event is about and its details (the server itself is not named), then appends it. */
    private void append(AuditEntry entry, Resource resource, Map<String, ?> details) {
        if (resource != null && !(resource instanceof Resource.Server)) {
            entry = entry.on(resource.type(), resource.idOrNull());
        }
        if (details != null && !details.isEmpty()) {
            entry = entry.details(details);
        }
        audit.append(entry);
    }
}
