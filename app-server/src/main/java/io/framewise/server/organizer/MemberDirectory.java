package io.framewise.server.organizer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Project membership as organizers see it ({@code HostService.ListProjectMembers} and {@code
 * ListUserProjects}). The accounts feature supplies the real one; without project roles both are
 * empty.
 */
public interface MemberDirectory {

    MemberDirectory NONE = of(projectId -> List.of(), userId -> Map.of());

    /** Every member of the project with their role ({@code owner, editor, reviewer, viewer}). */
    List<Membership> members(String projectId);

    /** The user's role in each project they belong to, by project id, read fresh. */
    Map<String, String> projectsOf(String userId);

    record Membership(String userId, String role) {}

    static MemberDirectory of(
            Function<String, List<Membership>> members, Function<String, Map<String, String>> projectsOf) {
        return new MemberDirectory() {
            @Override
            public List<Membership> members(String projectId) {
                return members.apply(projectId);
            }

            @Override
            public Map<String, String> projectsOf(String userId) {
                return projectsOf.apply(userId);
            }
        };
    }
}
