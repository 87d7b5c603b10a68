package io.framewise.server.library;

import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Principal;
import io.framewise.server.access.ProjectRole;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.http.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Project membership. Members see the list; owners and administrators replace it as a whole. A
 * project always keeps an owner, so it can always be managed, and an owner who is not an
 * administrator cannot take away their own right to manage it.
 *
 * <p>A replacement and its audit entry ({@code project.members_changed} with the list before and
 * after) are one unit of work.
 */
public final class MemberService {

    /** One member as a client asks for it; the role in its wire form ({@code owner}, {@code editor} ...). */
    public record Entry(String userId, String role) {}

    private final MemberRepository members;
    private final UnitOfWork work;
    private final Permissions permissions;

    public MemberService(MemberRepository members, UnitOfWork work, Permissions permissions) {
        this.members = Objects.requireNonNull(members, "members");
        this.work = Objects.requireNonNull(work, "work");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /** The project's members, by name. */
    public List<Member> list(Caller caller, String projectId) {
        permissions.require(caller, Action.PROJECT_MEMBERS_VIEW, new Resource.Project(projectId));
        return members.list(projectId);
    }

    /** Replaces the project's membership with {@code entries}; returns the members now. */
    public List<Member> replace(Caller caller, String projectId, List<Entry> entries) {
        Resource.Project project = new Resource.Project(projectId);
        permissions.require(caller, Action.PROJECT_MEMBERS_MANAGE, project);
        Map<String, ProjectRole> roles = roles(entries);
        if (!roles.containsValue(ProjectRole.OWNER)) {
            throw new ApiException.Invalid("a project needs at least one owner", Map.of("field", "role"));
        }
        Principal.Person me = caller.person();
        if (!me.admin() && roles.get(me.userId()) != ProjectRole.OWNER) {
            throw new ApiException.Conflict(
                    "You would lose the right to manage this project; keep yourself as an owner or ask an administrator.",
                    Map.of("userId", me.userId()));
        }
        return work.inTransaction(() -> {
            List<Member> before = members.list(projectId);
            List<Member> after;
            try {
                after = members.replace(projectId, roles);
            } catch (IllegalArgumentException e) {
                throw new ApiException.Invalid(e.getMessage(), Map.of("field", "userId"));
            }
            permissions.audit(
                    caller,
                    "project.members_changed",
                    project,
                    AuditOutcome.SUCCESS,
                    Map.of("before", summary(before), "after", summary(after)));
            return after;
        });
    }

    private static Map<String, ProjectRole> roles(List<Entry> entries) {
        Map<String, ProjectRole> roles = new LinkedHashMap<>();
        for (Entry m : entries) {
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
        return roles;
    }

    private static String summary(List<Member> list) {
        return String.join(
                ",", list.stream().map(m -> m.name() + ":" + m.role().wire()).toList());
    }
}
