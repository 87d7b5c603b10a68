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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Administration of accounts: {@code GET/POST /api/admin/users}, {@code PATCH/DELETE
 * /api/admin/users/{id}}. Disabling an account or resetting its password ends all its sessions and
 * API tokens at once, connections included: a reset is what an administrator does when an account
 * may be in the wrong hands, so nothing the old password made may keep working.
 */
public final class UsersAdminFeature implements Feature {

    private final Access access;
    private final AccountRepository accounts;
    private final SignOuts signOuts;

    public UsersAdminFeature(Access access, AccountRepository accounts, SignOuts signOuts) {
        this.access = access;
        this.accounts = accounts;
        this.signOuts = signOuts;
    }

    record NewUser(String name, String displayName, String password, Boolean isAdmin) {}

    record UserChange(String displayName, Boolean isAdmin, Boolean disabled, String password) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/admin/users",
                ctx -> ctx.json(
                        accounts.list().stream().map(UsersAdminFeature::view).toList()));
        cfg.routes.post("/api/admin/users", this::create);
        cfg.routes.patch("/api/admin/users/{id}", this::change);
        cfg.routes.delete("/api/admin/users/{id}", this::delete);
    }

    private void create(Context ctx) {
        NewUser req = Bodies.read(ctx, NewUser.class);
        Account account = accounts.create(req.name(), req.password(), Boolean.TRUE.equals(req.isAdmin()));
        if (req.displayName() != null && !req.displayName().isBlank()) {
            accounts.setDisplayName(account.id(), req.displayName());
            account = accounts.get(account.id()).orElseThrow();
        }
        access.record(
                ctx,
                "user.created",
                new Resource.User(account.id()),
                AuditOutcome.SUCCESS,
                Map.of("name", account.name(), "isAdmin", account.admin()));
        ctx.status(201).json(view(account));
    }

    private void change(Context ctx) {
        Account account = require(ctx.pathParam("id"));
        UserChange req = Bodies.read(ctx, UserChange.class);
        Principal.Person me = Access.person(ctx);
        boolean self = me.userId().equals(account.id());
        if (self && (Boolean.FALSE.equals(req.isAdmin()) || Boolean.TRUE.equals(req.disabled()))) {
            throw new ApiException.Conflict(
                    "You cannot remove your own administrator rights or disable yourself; ask another administrator.",
                    Map.of("id", account.id()));
        }
        Resource target = new Resource.User(account.id());
        if (req.displayName() != null) {
            accounts.setDisplayName(account.id(), req.displayName());
            access.record(ctx, "user.renamed", target, AuditOutcome.SUCCESS, Map.of("displayName", req.displayName()));
        }
        if (req.isAdmin() != null && req.isAdmin() != account.admin()) {
            accounts.setAdmin(account.id(), req.isAdmin());
            access.record(ctx, "user.role_changed", target, AuditOutcome.SUCCESS, Map.of("isAdmin", req.isAdmin()));
        }
        if (req.password() != null) {
            PasswordPolicy.check(req.password());
            accounts.setPassword(account.id(), req.password());
            SignOuts.Ended ended = signOuts.everywhere(account.id());
            access.record(
                    ctx,
                    "password.reset",
                    target,
                    AuditOutcome.SUCCESS,
                    Map.of("sessionsEnded", ended.sessions(), "tokensRevoked", ended.tokens()));
        }
        if (req.disabled() != null && req.disabled() != account.disabled()) {
            accounts.setDisabled(account.id(), req.disabled());
            if (req.disabled()) {
                signOuts.everywhere(account.id());
            }
            access.record(
                    ctx, req.disabled() ? "user.disabled" : "user.enabled", target, AuditOutcome.SUCCESS, Map.of());
        }
        ctx.json(view(require(account.id())));
    }

    private void delete(Context ctx) {
        Account account = require(ctx.pathParam("id"));
        if (Access.person(ctx).userId().equals(account.id())) {
            throw new ApiException.Conflict("You cannot delete your own account.", Map.of("id", account.id()));
        }
        accounts.delete(account.id());
        signOuts.connections(account.id());
        access.record(
                ctx,
                "user.deleted",
                new Resource.User(account.id()),
                AuditOutcome.SUCCESS,
                Map.of("name", account.name()));
        ctx.status(204);
    }

    private Account require(String id) {
        return accounts.get(id).orElseThrow(() -> new ApiException.NotFound("no such user: " + id));
    }

    static Map<String, Object> view(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("displayName", a.displayName());
        m.put("isAdmin", a.admin());
        m.put("disabled", a.disabled());
        m.put("hasPassword", a.hasPassword());
        m.put("createdAt", a.created().toString());
        return m;
    }
}
