package io.framewise.server.library;

import io.framewise.server.access.ProjectRole;
import java.util.List;
import java.util.Map;

/** Who belongs to a project, in which role. */
public interface MemberRepository {

    /** The members of a project, by name. */
    List<Member> list(String projectId);

    /**
     * Replaces the project's membership with {@code roles} (user id to role) in one transaction.
     *
     * @throws IllegalArgumentException naming the first user id that is not an account
     */
    List<Member> replace(String projectId, Map<String, ProjectRole> roles);

    /** Adds a member or changes their role. */
    void put(String projectId, String userId, ProjectRole role);
}
