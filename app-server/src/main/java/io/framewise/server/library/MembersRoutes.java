package io.framewise.server.library;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Project membership over HTTP: {@code GET /api/projects/{id}/members} and {@code PUT} (the whole
 * list); the rules are {@link MemberService}'s.
 */
public final class MembersRoutes implements Feature {

    private final MemberService members;
    private final Access access;

    public MembersRoutes(MemberService members, Access access) {
        this.members = Objects.requireNonNull(members, "members");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/projects/{id}/members",
                ctx -> ctx.json(views(members.list(access.caller(ctx), ctx.pathParam("id")))));
        cfg.routes.put("/api/projects/{id}/members", this::replace);
    }

    private void replace(Context ctx) {
        MemberService.Entry[] input = Bodies.read(ctx, MemberService.Entry[].class);
        if (input == null) {
            throw new ApiException.Invalid("the body must be a list of {userId, role}", Map.of());
        }
        ctx.json(views(members.replace(access.caller(ctx), ctx.pathParam("id"), Arrays.asList(input))));
    }

    private static List<Map<String, Object>> views(List<Member> list) {
        return list.stream().map(MembersRoutes::view).toList();
    }

    static Map<String, Object> view(Member m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("userId", m.userId());
        v.put("name", m.name());
        v.put("displayName", m.displayName());
        v.put("role", m.role().wire());
        return v;
    }
}
