package io.framewise.server.auth;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.Bodies;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Administration of accounts over HTTP: {@code GET/POST /api/admin/users}, {@code PATCH/DELETE
 * /api/admin/users/{id}}; the rules are {@link UserAdminService}'s.
 */
public final class UsersAdminRoutes implements Feature {

    private final UserAdminService users;
    private final Access access;

    public UsersAdminRoutes(UserAdminService users, Access access) {
        this.users = Objects.requireNonNull(users, "users");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/admin/users",
                ctx -> ctx.json(users.list(access.caller(ctx)).stream()
                        .map(UsersAdminRoutes::view)
                        .toList()));
        cfg.routes.post("/api/admin/users", this::create);
        cfg.routes.patch("/api/admin/users/{id}", this::change);
        cfg.routes.delete("/api/admin/users/{id}", this::delete);
    }

    private void create(Context ctx) {
        UserAdminService.NewUser req = Bodies.read(ctx, UserAdminService.NewUser.class);
        ctx.status(201).json(view(users.create(access.caller(ctx), req)));
    }

    private void change(Context ctx) {
        UserAdminService.UserChange req = Bodies.read(ctx, UserAdminService.UserChange.class);
        ctx.json(view(users.change(access.caller(ctx), ctx.pathParam("id"), req)));
    }

    private void delete(Context ctx) {
        users.delete(access.caller(ctx), ctx.pathParam("id"));
        ctx.status(204);
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
