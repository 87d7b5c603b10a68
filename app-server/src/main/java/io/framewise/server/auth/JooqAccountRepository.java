package io.framewise.server.auth;

import static io.framewise.server.db.generated.Tables.USERS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.UsersRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.UpdateSetFirstStep;
import org.jooq.UpdateSetMoreStep;
import org.jooq.exception.DataAccessException;

/** {@link AccountRepository} on the {@code users} table. */
public final class JooqAccountRepository implements AccountRepository {

    private final Database db;
    private final PasswordHasher hasher;

    public JooqAccountRepository(Database db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
    }

    @Override
    public PasswordHash hash(String password) {
        // Hash outside the write lock: it takes tens of milliseconds and would stall every writer.
        return new PasswordHash(hasher.hash(password));
    }

    @Override
    public Account create(String name, PasswordHash password, boolean admin) {
        String canonical = UserNames.canonical(name);
        String display = UserNames.display(name);
        String hash = password.encoded();
        String id = Ids.newId();
        long now = db.nowMillis();
        db.write(ctx -> {
            if (ctx.fetchExists(USERS, USERS.NAME.eq(canonical))) {
                throw new AccountException.NameTaken(display);
            }
            return insert(ctx, id, canonical, display, hash, admin, now);
        });
        return new Account(
                id, canonical, display, admin, false, true, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now));
    }

    @Override
    public Optional<Account> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(
                ctx -> ctx.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional(JooqAccountRepository::toAccount));
    }

    @Override
    public Optional<Account> findByName(String name) {
        return record(name).map(JooqAccountRepository::toAccount);
    }

    @Override
    public Optional<Account> authenticate(String name, String password) {
        Optional<UsersRecord> user = record(name);
        String hash = user.map(UsersRecord::getPasswordHash).orElse(null);
        // verify() always costs one hash, also for unknown names, so timing does not reveal accounts.
        boolean right = hasher.verify(password, hash);
        if (!right || user.isEmpty() || Boolean.TRUE.equals(user.get().getDisabled())) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash)) {
            String renewed = hasher.hash(password);
            update(user.get().getId(), r -> r.set(USERS.PASSWORD_HASH, renewed));
        }
        return Optional.of(toAccount(user.get()));
    }

    @Override
    public void setPassword(String id, PasswordHash password) {
        update(id, r -> r.set(USERS.PASSWORD_HASH, password.encoded()));
    }

    @Override
    public void setDisabled(String id, boolean disabled) {
        update(id, r -> r.set(USERS.DISABLED, disabled));
    }

    @Override
    public void setAdmin(String id, boolean admin) {
        update(id, r -> r.set(USERS.IS_ADMIN, admin));
    }

    @Override
    public void setDisplayName(String id, String displayName) {
        String shown = checkedDisplayName(displayName);
        update(id, r -> r.set(USERS.DISPLAY_NAME, shown));
    }

    @Override
    public Account ensureExternal(String name, String displayName, Boolean admin) {
        String canonical = UserNames.canonical(name);
        String shown = displayName == null || displayName.isBlank()
                ? UserNames.display(name)
                : checkedDisplayName(displayName);
        long now = db.nowMillis();
        return db.write(ctx -> {
            Optional<UsersRecord> existing =
                    ctx.selectFrom(USERS).where(USERS.NAME.eq(canonical)).fetchOptional();
            if (existing.isEmpty()) {
                insert(ctx, Ids.newId(), canonical, shown, null, Boolean.TRUE.equals(admin), now);
            } else if (!shown.equals(existing.get().getDisplayName())
                    || (admin != null
                            && admin != Boolean.TRUE.equals(existing.get().getIsAdmin()))) {
                boolean keep = Boolean.TRUE.equals(existing.get().getIsAdmin());
                ctx.update(USERS)
                        .set(USERS.DISPLAY_NAME, shown)
                        .set(USERS.IS_ADMIN, admin == null ? keep : admin)
                        .set(USERS.UPDATED_AT, now)
                        .where(USERS.NAME.eq(canonical))
                        .execute();
            }
            return toAccount(
                    ctx.selectFrom(USERS).where(USERS.NAME.eq(canonical)).fetchSingle());
        });
    }

    private static int insert(
            DSLContext ctx, String id, String canonical, String display, String hash, boolean admin, long now) {
        return ctx.insertInto(USERS)
                .set(USERS.ID, id)
                .set(USERS.NAME, canonical)
                .set(USERS.DISPLAY_NAME, display)
                .set(USERS.PASSWORD_HASH, hash)
                .set(USERS.IS_ADMIN, admin)
                .set(USERS.DISABLED, false)
                .set(USERS.CREATED_AT, now)
                .set(USERS.UPDATED_AT, now)
                .execute();
    }

    /** A display name as stored: NFKC, trimmed, 1 to 120 characters without control characters. */
    private static String checkedDisplayName(String displayName) {
        String shown = displayName == null
                ? ""
                : java.text.Normalizer.normalize(displayName, java.text.Normalizer.Form.NFKC)
                        .strip();
        if (shown.isEmpty() || shown.codePointCount(0, shown.length()) > 120) {
            throw new AccountException.BadName("the display name must be 1 to 120 characters");
        }
        if (shown.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new AccountException.BadName("the display name contains a control or invisible character");
        }
        return shown;
    }

    @Override
    public void delete(String id) {
        Account account = get(id).orElseThrow(() -> new AccountException.NoSuchAccount(id));
        try {
            db.write(ctx -> ctx.deleteFrom(USERS).where(USERS.ID.eq(id)).execute());
        } catch (DataAccessException e) {
            if (isForeignKeyViolation(e)) {
                throw new AccountException.StillReferenced(account.displayName());
            }
            throw e;
        }
    }

    @Override
    public List<Account> list() {
        return db.read(ctx -> ctx.selectFrom(USERS).orderBy(USERS.NAME).fetch(JooqAccountRepository::toAccount));
    }

    private Optional<UsersRecord> record(String name) {
        String canonical;
        try {
            canonical = UserNames.canonical(name);
        } catch (AccountException.BadName e) {
            return Optional.empty();
        }
        return db.read(
                ctx -> ctx.selectFrom(USERS).where(USERS.NAME.eq(canonical)).fetchOptional());
    }

    private void update(String id, Function<UpdateSetFirstStep<UsersRecord>, UpdateSetMoreStep<UsersRecord>> change) {
        long now = db.nowMillis();
        int n = Ids.isValid(id)
                ? db.write(ctx -> change.apply(ctx.update(USERS))
                        .set(USERS.UPDATED_AT, now)
                        .where(USERS.ID.eq(id))
                        .execute())
                : 0;
        if (n == 0) {
            throw new AccountException.NoSuchAccount(id);
        }
    }

    private static boolean isForeignKeyViolation(DataAccessException e) {
        String state = e.sqlState();
        String message = String.valueOf(e.getMessage());
        return "23503".equals(state) || message.contains("FOREIGN KEY");
    }

    private static Account toAccount(UsersRecord r) {
        return new Account(
                r.getId(),
                r.getName(),
                r.getDisplayName(),
                Boolean.TRUE.equals(r.getIsAdmin()),
                Boolean.TRUE.equals(r.getDisabled()),
                r.getPasswordHash() != null,
                Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getUpdatedAt()));
    }
}
