package io.framewise.server.users;

import static io.framewise.server.db.generated.Tables.USERS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.UsersRecord;
import java.time.Instant;
import java.util.Optional;

/** {@link UserRepository} on the {@code users} table. */
public final class JooqUserRepository implements UserRepository {

    private final Database db;

    public JooqUserRepository(Database db) {
        this.db = db;
    }

    @Override
    public User create(String name, String displayName) {
        User user = new User(Ids.newId(), name, displayName, Instant.ofEpochMilli(db.nowMillis()));
        db.write(ctx -> ctx.insertInto(USERS)
                .set(USERS.ID, user.id())
                .set(USERS.NAME, user.name())
                .set(USERS.DISPLAY_NAME, user.displayName())
                .set(USERS.CREATED_AT, user.created().toEpochMilli())
                .execute());
        return user;
    }

    @Override
    public Optional<User> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(JooqUserRepository::toUser));
    }

    @Override
    public Optional<User> findByName(String name) {
        return db.read(
                ctx -> ctx.selectFrom(USERS).where(USERS.NAME.eq(name)).fetchOptional(JooqUserRepository::toUser));
    }

    @Override
    public User localUser() {
        // Insert-if-missing and read back on the writer's own connection: first requests on several
        // nodes at once (one PostgreSQL database) then make one row, never a duplicate-name error.
        return db.write(ctx -> {
            ctx.insertInto(USERS)
                    .set(USERS.ID, Ids.newId())
                    .set(USERS.NAME, LOCAL_USER_NAME)
                    .set(USERS.DISPLAY_NAME, "Local user")
                    .set(USERS.CREATED_AT, db.nowMillis())
                    .onConflict(USERS.NAME)
                    .doNothing()
                    .execute();
            return ctx.selectFrom(USERS).where(USERS.NAME.eq(LOCAL_USER_NAME)).fetchSingle(JooqUserRepository::toUser);
        });
    }

    private static User toUser(UsersRecord r) {
        return new User(r.getId(), r.getName(), r.getDisplayName(), Instant.ofEpochMilli(r.getCreatedAt()));
    }
}
