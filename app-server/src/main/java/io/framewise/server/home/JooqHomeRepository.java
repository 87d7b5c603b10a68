package io.framewise.server.home;

import static io.framewise.server.db.generated.Tables.APPROVALS;
import static io.framewise.server.db.generated.Tables.ASSETS;
import static io.framewise.server.db.generated.Tables.ASSET_VERSIONS;
import static io.framewise.server.db.generated.Tables.HOME_PROJECTS;
import static io.framewise.server.db.generated.Tables.NOTIFICATIONS;
import static io.framewise.server.db.generated.Tables.PLAYBACK_POSITIONS;
import static io.framewise.server.db.generated.Tables.PROJECT_MEMBERS;

import io.framewise.server.db.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The rows of a person's home page. Who sees what is decided here, in SQL: only assets of projects
 * the person is a member of (their home included), so a long library is never read whole to be
 * filtered.
 */
public final class JooqHomeRepository {

    /** An asset on the home page: its newest version's media item, and the time it is sorted by. */
    public record Entry(String assetId, String mediaId, Instant at, Long frame) {}

    /** A notification addressed to the person about a note (a mention, a reply). */
    public record Mention(
            String id,
            String kind,
            String text,
            String subjectType,
            String subjectId,
            String assetId,
            Long frame,
            Instant created,
            Instant read) {}

    /** Notification kinds that are about notes addressed to the person (the notifications work names them). */
    static final Set<String> MENTION_KINDS = Set.of("mention", "reply");

    private final Database db;

    public JooqHomeRepository(Database db) {
        this.db = db;
    }

    /** Assets of shared projects the person is in whose newest version awaits a decision, newest first. */
    public List<Entry> needsReview(String userId, int limit) {
        var v = ASSET_VERSIONS.as("v");
        return db.read(ctx -> ctx.select(ASSETS.ID, v.MEDIA_ID, DSL.coalesce(APPROVALS.DECIDED_AT, v.CREATED_AT))
                .from(ASSETS)
                .join(PROJECT_MEMBERS)
                .on(PROJECT_MEMBERS.PROJECT_ID.eq(ASSETS.PROJECT_ID).and(PROJECT_MEMBERS.USER_ID.eq(userId)))
                .join(v)
                .on(v.ASSET_ID.eq(ASSETS.ID).and(newest(v.ASSET_ID, v.VERSION_NUMBER)))
                .leftJoin(APPROVALS)
                .on(APPROVALS.VERSION_ID.eq(v.ID))
                .where(APPROVALS.STATUS.isNull().or(APPROVALS.STATUS.eq("needs_review")))
                .andNotExists(DSL.selectOne().from(HOME_PROJECTS).where(HOME_PROJECTS.PROJECT_ID.eq(ASSETS.PROJECT_ID)))
                .orderBy(DSL.coalesce(APPROVALS.DECIDED_AT, v.CREATED_AT).desc(), ASSETS.ID)
                .limit(limit)
                .fetch(r -> new Entry(r.value1(), r.value2(), Instant.ofEpochMilli(r.value3()), null)));
    }

    /** Assets of projects the person is in (their home too), by their newest version's arrival, newest first. */
    public List<Entry> recent(String userId, int limit) {
        var v = ASSET_VERSIONS.as("v");
        return db.read(ctx -> ctx.select(ASSETS.ID, v.MEDIA_ID, v.CREATED_AT)
                .from(ASSETS)
                .join(PROJECT_MEMBERS)
                .on(PROJECT_MEMBERS.PROJECT_ID.eq(ASSETS.PROJECT_ID).and(PROJECT_MEMBERS.USER_ID.eq(userId)))
                .join(v)
                .on(v.ASSET_ID.eq(ASSETS.ID).and(newest(v.ASSET_ID, v.VERSION_NUMBER)))
                .orderBy(v.CREATED_AT.desc(), ASSETS.ID)
                .limit(limit)
                .fetch(r -> new Entry(r.value1(), r.value2(), Instant.ofEpochMilli(r.value3()), null)));
    }

    /** Where the person left assets they may still open, last watched first. */
    public List<Entry> continueWatching(String userId, int limit) {
        return db.read(ctx -> ctx.select(
                        PLAYBACK_POSITIONS.ASSET_ID,
                        PLAYBACK_POSITIONS.MEDIA_ID,
                        PLAYBACK_POSITIONS.UPDATED_AT,
                        PLAYBACK_POSITIONS.FRAME)
                .from(PLAYBACK_POSITIONS)
                .join(ASSETS)
                .on(ASSETS.ID.eq(PLAYBACK_POSITIONS.ASSET_ID))
                .join(PROJECT_MEMBERS)
                .on(PROJECT_MEMBERS.PROJECT_ID.eq(ASSETS.PROJECT_ID).and(PROJECT_MEMBERS.USER_ID.eq(userId)))
                .where(PLAYBACK_POSITIONS.USER_ID.eq(userId))
                .orderBy(PLAYBACK_POSITIONS.UPDATED_AT.desc(), PLAYBACK_POSITIONS.ASSET_ID)
                .limit(limit)
                .fetch(r -> new Entry(r.value1(), r.value2(), Instant.ofEpochMilli(r.value3()), r.value4())));
    }

    /** The asset a media item is a version of. */
    public Optional<String> assetOfMedia(String mediaId) {
        return db.read(ctx -> ctx.select(ASSET_VERSIONS.ASSET_ID)
                .from(ASSET_VERSIONS)
                .where(ASSET_VERSIONS.MEDIA_ID.eq(mediaId))
                .fetchOptional(ASSET_VERSIONS.ASSET_ID));
    }

    /** Keeps the frame the person is at in the asset (one row per person and asset). */
    public void savePosition(String userId, String assetId, String mediaId, long frame) {
        long now = db.nowMillis();
        db.write(ctx -> ctx.insertInto(PLAYBACK_POSITIONS)
                .set(PLAYBACK_POSITIONS.USER_ID, userId)
                .set(PLAYBACK_POSITIONS.ASSET_ID, assetId)
                .set(PLAYBACK_POSITIONS.MEDIA_ID, mediaId)
                .set(PLAYBACK_POSITIONS.FRAME, frame)
                .set(PLAYBACK_POSITIONS.UPDATED_AT, now)
                .onConflict(PLAYBACK_POSITIONS.USER_ID, PLAYBACK_POSITIONS.ASSET_ID)
                .doUpdate()
                .set(PLAYBACK_POSITIONS.MEDIA_ID, mediaId)
                .set(PLAYBACK_POSITIONS.FRAME, frame)
                .set(PLAYBACK_POSITIONS.UPDATED_AT, now)
                .execute());
    }

    /** The person's notifications about notes addressed to them (mentions, replies), newest first. */
    public List<Mention> mentions(String userId, int limit) {
        return db.read(ctx -> ctx.selectFrom(NOTIFICATIONS)
                .where(NOTIFICATIONS.USER_ID.eq(userId))
                .and(NOTIFICATIONS.KIND.in(MENTION_KINDS))
                .orderBy(NOTIFICATIONS.CREATED_AT.desc(), NOTIFICATIONS.ID)
                .limit(limit)
                .fetch(r -> new Mention(
                        r.getId(),
                        r.getKind(),
                        r.getBody(),
                        r.getSubjectType(),
                        r.getSubjectId(),
                        r.getAssetId(),
                        r.getFrame(),
                        Instant.ofEpochMilli(r.getCreatedAt()),
                        r.getReadAt() == null ? null : Instant.ofEpochMilli(r.getReadAt()))));
    }

    /** The version row {@code number} is the newest of its asset. */
    private static Condition newest(org.jooq.Field<String> assetId, org.jooq.Field<Integer> number) {
        var v2 = ASSET_VERSIONS.as("v2");
        return number.eq(DSL.select(DSL.max(v2.VERSION_NUMBER)).from(v2).where(v2.ASSET_ID.eq(assetId)));
    }
}
