package io.framewise.server.shares;

import static io.framewise.server.db.generated.Tables.SHARES;

import io.framewise.server.access.GuestRight;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.SharesRecord;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;

/** {@link ShareRepository} on the {@code shares} table. */
public final class JooqShareRepository implements ShareRepository {

    private final Database db;

    public JooqShareRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Share share, String tokenHash) {
        db.write(ctx -> {
            SharesRecord r = ctx.newRecord(SHARES);
            r.setId(share.id());
            r.setTokenHash(tokenHash);
            r.setTargetType(share.targetType().wire());
            r.setTargetId(share.targetId());
            r.setProjectId(share.projectId());
            r.setCreatedBy(share.createdBy());
            r.setCreatedAt(share.created().toEpochMilli());
            r.setViews(share.views());
            changeable(r, share);
            return r.insert();
        });
    }

    @Override
    public Optional<Share> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.selectFrom(SHARES).where(SHARES.ID.eq(id)).fetchOptional(JooqShareRepository::toShare));
    }

    @Override
    public Optional<Share> findByTokenHash(String tokenHash) {
        return db.read(ctx ->
                ctx.selectFrom(SHARES).where(SHARES.TOKEN_HASH.eq(tokenHash)).fetchOptional(JooqShareRepository::toShare));
    }

    @Override
    public List<Share> list(Share.TargetType targetType, String targetId) {
        return db.read(ctx -> ctx.selectFrom(SHARES)
                .where(targetType != null && targetId != null
                        ? SHARES.TARGET_TYPE.eq(targetType.wire()).and(SHARES.TARGET_ID.eq(targetId))
                        : DSL.noCondition())
                .orderBy(SHARES.CREATED_AT.desc(), SHARES.ID.desc())
                .fetch(JooqShareRepository::toShare));
    }

    @Override
    public void update(Share share) {
        db.write(ctx -> {
            SharesRecord r = ctx.selectFrom(SHARES).where(SHARES.ID.eq(share.id())).fetchOne();
            if (r == null) {
                return 0;
            }
            changeable(r, share);
            return r.update();
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.write(ctx -> ctx.update(SHARES)
                        .set(SHARES.REVOKED_AT, at.toEpochMilli())
                        .set(SHARES.UPDATED_AT, at.toEpochMilli())
                        .where(SHARES.ID.eq(id).and(SHARES.REVOKED_AT.isNull()))
                        .execute())
                == 1;
    }

    @Override
    public boolean countView(String id, Instant now) {
        long at = now.toEpochMilli();
        return db.write(ctx -> ctx.update(SHARES)
                        .set(SHARES.VIEWS, SHARES.VIEWS.plus(1))
                        .where(SHARES.ID.eq(id)
                                .and(SHARES.REVOKED_AT.isNull())
                                .and(SHARES.EXPIRES_AT.isNull().or(SHARES.EXPIRES_AT.gt(at)))
                                .and(SHARES.MAX_VIEWS.isNull().or(SHARES.VIEWS.lt(SHARES.MAX_VIEWS))))
                        .execute())
                == 1;
    }

    private static void changeable(SharesRecord r, Share share) {
        r.setVersionNumber(share.version());
        r.setTitle(share.title());
        r.setRights(share.rights().stream()
                .sorted()
                .map(GuestRight::wire)
                .collect(Collectors.joining(",")));
        r.setPasswordHash(share.passwordHash());
        r.setExpiresAt(share.expires() == null ? null : share.expires().toEpochMilli());
        r.setMaxViews(share.maxViews());
        r.setWatermark(share.watermark());
        r.setRequireEmail(share.requireEmail());
        r.setLive(share.live());
        r.setUpdatedAt(share.updated().toEpochMilli());
    }

    private static Share toShare(SharesRecord r) {
        Set<GuestRight> rights = EnumSet.noneOf(GuestRight.class);
        for (String wire : r.getRights().split(",")) {
            GuestRight.fromWire(wire).ifPresent(rights::add);
        }
        return new Share(
                r.getId(),
                Share.TargetType.fromWire(r.getTargetType()),
                r.getTargetId(),
                r.getProjectId(),
                r.getVersionNumber(),
                r.getTitle(),
                rights,
                r.getPasswordHash(),
                r.getExpiresAt() == null ? null : Instant.ofEpochMilli(r.getExpiresAt()),
                r.getMaxViews(),
                r.getViews(),
                Boolean.TRUE.equals(r.getWatermark()),
                Boolean.TRUE.equals(r.getRequireEmail()),
                Boolean.TRUE.equals(r.getLive()),
                r.getCreatedBy(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getUpdatedAt()),
                r.getRevokedAt() == null ? null : Instant.ofEpochMilli(r.getRevokedAt()));
    }
}
