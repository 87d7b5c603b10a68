package io.framewise.server.library;

import static io.framewise.server.db.generated.Tables.HOME_PROJECTS;
import static io.framewise.server.db.generated.Tables.PROJECTS;
import static io.framewise.server.db.generated.Tables.PROJECT_MEMBERS;

import io.framewise.server.db.Ids;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The one way projects and homes are written, inside the caller's transaction: a project always
 * gets its creator as owner (no window in which nobody may manage it), and a user's home (My
 * folders) is a project of theirs marked in {@code home_projects}. Library, filing, the folders
 * organizer and the Clapshot import all make them through here.
 */
public final class JooqHomeProjects {

    private JooqHomeProjects() {}

    /** A new project named {@code name}, owned by {@code createdBy}; answers its id. */
    public static String createProject(DSLContext ctx, String id, String name, String createdBy, long now) {
        ctx.insertInto(PROJECTS)
                .set(PROJECTS.ID, id)
                .set(PROJECTS.NAME, name)
                .set(PROJECTS.CREATED_BY, createdBy)
                .set(PROJECTS.CREATED_AT, now)
                .execute();
        ctx.insertInto(PROJECT_MEMBERS)
                .set(PROJECT_MEMBERS.PROJECT_ID, id)
                .set(PROJECT_MEMBERS.USER_ID, createdBy)
                .set(PROJECT_MEMBERS.ROLE, "owner")
                .set(PROJECT_MEMBERS.ADDED_AT, now)
                .execute();
        return id;
    }

    /** The user's home project, if they have one. */
    public static Optional<String> homeOf(DSLContext ctx, String userId) {
        return ctx.select(HOME_PROJECTS.PROJECT_ID)
                .from(HOME_PROJECTS)
                .where(HOME_PROJECTS.USER_ID.eq(userId))
                .fetchOptional(HOME_PROJECTS.PROJECT_ID);
    }

    /** The user's home project, made (named {@code name}, owned by them) when they have none yet. */
    public static String ensureHome(DSLContext ctx, String userId, String name, long now) {
        Optional<String> existing = homeOf(ctx, userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = createProject(ctx, Ids.newId(), name, userId, now);
        ctx.insertInto(HOME_PROJECTS)
                .set(HOME_PROJECTS.USER_ID, userId)
                .set(HOME_PROJECTS.PROJECT_ID, id)
                .execute();
        return id;
    }
}
