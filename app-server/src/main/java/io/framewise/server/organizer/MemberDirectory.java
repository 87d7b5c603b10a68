package io.framewise.server.organizer;

import java.util.List;

/**
 * Project membership as organizers see it ({@code HostService.ListProjectMembers}). The accounts
 * feature supplies the real one; without project roles the list is empty.
 */
@FunctionalInterface
public interface MemberDirectory {

    MemberDirectory NONE = projectId -> List.of();

    /** Every member of the project with their role ({@code owner, editor, reviewer, viewer}). */
    List<Membership> members(String projectId);

    record Membership(String userId, String role) {}
}
