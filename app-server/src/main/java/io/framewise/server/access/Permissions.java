package io.framewise.server.access;

import io.framewise.server.audit.AuditEntry;
import io.framewise.server.audit.AuditLog;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.http.ApiException;
import java.util.Map;
import java.util.Objects;

/**
 * Authorization and the audit trail for services, without HTTP: turns the {@link Authorizer}'s
 * decisions into refusals (401, 403, or 404 for what the caller may not see) and records audited
 * events by a {@link Caller}.
 *
 * <p>A refusal is audited in a write of its own. A service therefore asks here before it opens its
 * unit of work: a check inside the transaction would have its {@code access.denied} entry rolled back
 * together with the change it refused.
 */
public final class Permissions {

    private final Authorizer authorizer;
    private final AuditLog audit;

    public Permissions(Authorizer authorizer, AuditLog audit) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    /** Goes on only if the caller may do {@code action} on {@code resource}. */
    public void require(Caller caller, Action action, Resource resource) {
        enforce(caller, action, resource, authorizer.decide(caller.principal(), action, resource));
    }

    /**
     * As {@link #require}, for a resource named by a field of the request (the parent of a reply, the
     * media filed into an asset). One the caller may not see answers 422 naming the field, exactly
     * like an id that names nothing, so a body cannot probe for ids; one they see but may not use this
     * way answers 403.
     */
    public void requireReferenced(Caller caller, Action action, Resource resource, String field) {
        Decision decision = authorizer.decide(caller.principal(), action, resource);
        if (decision.outcome() == Decision.Outcome.HIDDEN) {
            throw new ApiException.Invalid(
                    "no such " + resource.type() + ": " + resource.idOrNull(), Map.of("field", field));
        }
        enforce(caller, action, resource, decision);
    }

    /** Turns a decision into the answer the client gets, auditing refusals of signed-in people. */
    public void enforce(Caller caller, Action action, Resource resource, Decision decision) {
        switch (decision.outcome()) {
            case ALLOW -> {}
            case UNAUTHENTICATED -> throw new ApiException.Unauthenticated(
                    "Sign in first (or send an API token as 'Authorization: Bearer ...').");
            case HIDDEN -> throw new ApiException.NotFound(
                    "no such " + resource.type() + ": " + resource.idOrNull(), Map.of("type", resource.type()));
            case DENY -> {
                audit(
                        caller,
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
     * Records an event by the caller. Inside a unit of work it joins the transaction, so a change and
     * its audit entry are stored together or not at all.
     */
    public void audit(Caller caller, String event, Resource resource, AuditOutcome outcome, Map<String, ?> details) {
        AuditEntry entry = AuditEntry.of(event, outcome).from(caller.address());
        if (caller.principal() instanceof Principal.Person person) {
            entry = entry.by(person.userId(), person.name());
        } else if (caller.principal() instanceof Principal.Guest guest) {
            entry = entry.by(guest.auditId(), guest.name());
        }
        append(entry, resource, details);
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
