package io.framewise.server.library;

import static io.framewise.server.db.generated.Tables.PROJECT_MEMBERS;
import static io.framewise.server.db.generated.Tables.USERS;

import io.framewise.server.access.ProjectRole;
import io.framewise.server.db.Database;
import java.util.List;
import java.util.Map;

/** {@link MemberRepository} on the {@code project_members} table. */
public final class JooqMemberRepository implements MemberRepository {

    private final Database db;

    public JooqMemberRepository(Database db) {
        this.db = db;
    }

    @Override
    public List<Member> list(String projectId) {
        return db.read(ctx -> ctx.select(USERS.ID, USERS.NAME, USERS.DISPLAY_NAME, PROJECT_MEMBERS.ROLE)
                .from(PROJECT_MEMBERS)
                .join(USERS)
                .on(USERS.ID.eq(PROJECT_MEMBERS.USER_ID))
                .where(PROJECT_MEMBERS.PROJECT_ID.eq(projectId))
                .orderBy(USERS.NAME)
                .fetch(r -> new Member(r.value1(), r.value2(), r.value3(), ProjectRole.fromWire(r.value4()))));
    }

    @Override
    public List<Member> replace(String projectId, Map<String, ProjectRole> roles) {
        long now = db.nowMillis();
        db.write(ctx -> {
            for (String userId : roles.keySet()) {
                if (!ctx.fetchExists(USERS, USERS.ID.eq(userId))) {
                    throw new IllegalArgumentException("no such user: " + userId);
                }
            }
            ctx.deleteFrom(PROJECT_MEMBERS)
                    .where(PROJECT_MEMBERS.PROJECT_ID.eq(projectId))
                    .execute();
            roles.forEach((userId, role) -> ctx.insertInto(PROJECT_MEMBERS)
                    .set(PROJECT_MEMBERS.PROJECT_ID, projectId)
                    .set(PROJECT_MEMBERS.USER_ID, userId)
                    .set(PROJECT_MEMBERS.ROLE, role.wire())
                    .set(PROJECT_MEMBERS.ADDED_AT, now)
                    .execute());
            return null;
        });
        return list(projectId);
    }

    @Override
    public void put(String projectId, String userId, ProjectRole role) {
        long now = db.nowMillis();
        db.write(ctx -> ctx.insertInto(PROJECT_MEMBERS)
                .set(PROJECT_MEMBERS.PROJECT_ID, projectId)
                .set(PROJECT_MEMBERS.USER_ID, userId)
                .set(PROJECT_MEMBERS.ROLE, role.wire())
                .set(PROJECT_MEMBERS.ADDED_AT, now)
                .onConflict(PROJECT_MEMBERS.PROJECT_ID, PROJECT_MEMBERS.USER_ID)
                .doUpdate()
                .set(PROJECT_MEMBERS.ROLE, role.wire())
                .execute());
    }
}
