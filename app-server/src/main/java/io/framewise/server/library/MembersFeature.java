package io.framewise.server.library;

import io.framewise.server.Feature;
import io.framewise.server.access.Access;
import io.framewise.server.access.Principal;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.http.ApiException;
import io.framewise.server.http.Bodies;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Project membership: {@code GET /api/projects/{id}/members} for members, {@code PUT} (the whole
 * list) for owners and admins. A project always keeps an owner, so it can always be managed.
 */
public final class MembersFeature implements Feature {

    private final Access access;
    private final MemberRepository members;

    public MembersFeature(Access access, MemberRepository members) {
        this.access = access;
        this.members = members;
    }

    record MemberInput(String userId, String role) {}

    @Override
    public void register(JavalinConfig cfg) {
        cfg.routes.get(
                "/api/projects/{id}/members",
                ctx -> ctx.json(members.list(ctx.pathParam("id")).stream()
                        .map(MembersFeature::view)
                        .toList()));
        cfg.routes.put("/api/projects/{id}/members", this::replace);
    }

    private void replace(Context ctx) {
        String projectId = ctx.pathParam("id");
        MemberInput[] input = Bodies.read(ctx, MemberInput[].class);
        if (input == null) {
            throw new ApiException.Invalid("the body must be a list of {userId, role}", Map.of());
        }
        Map<String, ProjectRole> roles = new LinkedHashMap<>();
        for (MemberInput m : Arrays.asList(input)) {
            if (m == null || m.userId() == null) {
                throw new ApiException.Invalid("every member needs a userId", Map.of("field", "userId"));
            }
            ProjectRole role;
            try {
                role = ProjectRole.fromWire(String.valueOf(m.role()));
            } catch (IllegalArgumentException e) {
                throw new ApiException.Invalid(e.getMessage(), Map.of("field", "role", "userId", m.userId()));
            }
            if (roles.put(m.userId(), role) != null) {
                throw new ApiException.Invalid("a user is listed twice: " + m.userId(), Map.of("userId", m.userId()));
            }
        }
        if (!roles.containsValue(ProjectRole.OWNER)) {
            throw new ApiException.Invalid("a project needs at least one owner", Map.of("field", "role"));
        }
        Principal.Person me = Access.person(ctx);
        if (!me.admin() && roles.get(me.userId()) != ProjectRole.OWNER) {
            throw new ApiException.Conflict(
                    "You would lose the right to manage this project; keep yourself as an owner or ask an administrator.",
                    Map.of("userId", me.userId()));
        }
        List<Member> before = members.list(projectId);
        List<Member> after;
        try {
            after = members.replace(projectId, roles);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(e.getMessage(), Map.of("field", "userId"));
        }
        access.record(
                ctx,
                "project.members_changed",
                new Resource.Project(projectId),
                AuditOutcome.SUCCESS,
                Map.of("before", summary(before), "after", summary(after)));
        ctx.json(after.stream().map(MembersFeature::view).toList());
    }

    private static String summary(List<Member> list) {
        return String.join(
                ",", list.stream().map(m -> m.name() + ":" + m.role().wire()).toList());
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
