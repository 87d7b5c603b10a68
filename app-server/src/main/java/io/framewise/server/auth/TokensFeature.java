package io.framewise.server.auth;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Principal;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Personal API tokens, each person's own: {@code POST /api/tokens} shows the token once; {@code
 * GET /api/tokens} lists them without it; {@code DELETE /api/tokens/{id}} revokes one (and closes
 * the connections it opened, through {@code revoked}).
 */
public final class TokensFeature implements Feature {

    private final Access access;
    private final TokenStore tokens;
    private final Consumer<Principal.Credential> revoked;

    public TokensFeature(Access access, TokenStore tokens, Consumer<Principal.Credential> revoked) {
        this.access = access;
        this.tokens = tokens;
        this.revoked = revoked;
    }

    record NewToken(String name, String expiresAt) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.post("/api/tokens", this::create);
        cfg.routes.get(
                "/api/tokens",
                ctx -> ctx.json(tokens.listByOwner(Access.person(ctx).userId()).stream()
                        .map(TokensFeature::view)
                        .toList()));
        cfg.routes.delete("/api/tokens/{id}", this::revoke);
    }

    private void create(Context ctx) {
        Principal.Person person = Access.person(ctx);
        NewToken req = Bodies.read(ctx, NewToken.class);
        String name = req.name() == null ? "" : req.name().strip();
        if (name.isEmpty()
                || name.length() > TokenStore.MAX_NAME_LENGTH
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ApiException.Invalid(
                    "name must be 1 to " + TokenStore.MAX_NAME_LENGTH + " characters without control characters",
                    Map.of("field", "name"));
        }
        Instant expires = null;
        if (req.expiresAt() != null && !req.expiresAt().isBlank()) {
            try {
                expires = Instant.parse(req.expiresAt().strip());
            } catch (DateTimeParseException e) {
                throw new ApiException.Invalid(
                        "expiresAt must be an ISO-8601 instant such as 2027-01-31T00:00:00Z",
                        Map.of("field", "expiresAt"));
            }
            if (!expires.isAfter(Instant.now())) {
                throw new ApiException.Invalid("expiresAt must be in the future", Map.of("field", "expiresAt"));
            }
        }
        IssuedToken issued = tokens.issue(person.userId(), name, expires);
        access.record(
                ctx,
                "token.created",
                Resource.SERVER,
                AuditOutcome.SUCCESS,
                Map.of("tokenId", issued.info().id(), "name", name));
        Map<String, Object> body = view(issued.info());
        body.put("token", issued.token());
        ctx.status(201).json(body);
    }

    private void revoke(Context ctx) {
        Principal.Person person = Access.person(ctx);
        String id = ctx.pathParam("id");
        if (!tokens.revoke(person.userId(), id)) {
            throw new ApiException.NotFound("no such token: " + id);
        }
        access.record(ctx, "token.revoked", Resource.SERVER, AuditOutcome.SUCCESS, Map.of("tokenId", id));
        revoked.accept(new Principal.Credential(Principal.Credential.Kind.TOKEN, id));
        ctx.status(204);
    }

    static Map<String, Object> view(ApiToken token) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", token.id());
        m.put("name", token.name());
        m.put("createdAt", token.created().toString());
        m.put("expiresAt", token.expires() == null ? null : token.expires().toString());
        m.put("lastUsedAt", token.lastUsed() == null ? null : token.lastUsed().toString());
        m.put("revoked", token.revoked());
        return m;
    }
}
