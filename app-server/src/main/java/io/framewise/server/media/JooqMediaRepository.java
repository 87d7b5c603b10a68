package io.framewise.server.media;

import static io.framewise.server.db.generated.Tables.ASSETS;
import static io.framewise.server.db.generated.Tables.ASSET_VERSIONS;
import static io.framewise.server.db.generated.Tables.MEDIA_ITEMS;
import static io.framewise.server.db.generated.Tables.PROJECT_MEMBERS;
import static io.framewise.server.db.generated.Tables.RENDITIONS;

import io.framewise.model.time.FrameRate;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.Paging;
import io.framewise.server.db.Require;
import io.framewise.server.db.generated.tables.records.MediaItemsRecord;
import io.framewise.server.db.generated.tables.records.RenditionsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** {@link MediaRepository} on the {@code media_items} and {@code renditions} tables. */
public final class JooqMediaRepository implements MediaRepository {

    private final Database db;

    public JooqMediaRepository(Database db) {
        this.db = db;
    }

    @Override
    public MediaItem create(NewMediaItem item) {
        long now = db.nowMillis();
        db.write(ctx -> ctx.insertInto(MEDIA_ITEMS)
                .set(MEDIA_ITEMS.ID, item.id())
                .set(MEDIA_ITEMS.ORIGINAL_NAME, item.originalName())
                .set(MEDIA_ITEMS.STORED_PATH, item.storedPath())
                .set(MEDIA_ITEMS.SIZE_BYTES, item.sizeBytes())
                .set(MEDIA_ITEMS.SHA256, item.sha256())
                .set(MEDIA_ITEMS.UPLOADED_BY, item.uploadedBy())
                .set(MEDIA_ITEMS.STATUS, MediaStatus.PROCESSING.wire())
                .set(MEDIA_ITEMS.CREATED_AT, now)
                .set(MEDIA_ITEMS.UPDATED_AT, now)
                .execute());
        Instant at = Instant.ofEpochMilli(now);
        return new MediaItem(
                item.id(),
                item.originalName(),
                item.storedPath(),
                item.sizeBytes(),
                item.sha256(),
                MediaStatus.PROCESSING,
                null,
                null,
                null,
                at,
                at);
    }

    @Override
    public Optional<MediaItem> get(String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        return db.read(ctx ->
                ctx.selectFrom(MEDIA_ITEMS).where(MEDIA_ITEMS.ID.eq(id)).fetchOptional(JooqMediaRepository::toItem));
    }

    @Override
    public List<MediaItem> list(Paging paging) {
        return db.read(ctx -> ctx.selectFrom(MEDIA_ITEMS)
                .orderBy(
                        paging.newestFirst() ? MEDIA_ITEMS.CREATED_AT.desc() : MEDIA_ITEMS.CREATED_AT.asc(),
                        paging.newestFirst() ? MEDIA_ITEMS.ID.desc() : MEDIA_ITEMS.ID.asc())
                .limit(paging.limit())
                .offset(paging.offset())
                .fetch(JooqMediaRepository::toItem));
    }

    @Override
    public long count() {
        return db.read(ctx -> (long) ctx.fetchCount(MEDIA_ITEMS));
    }

    @Override
    public List<MediaItem> list(MediaScope scope, Paging paging) {
        return db.read(ctx -> ctx.selectFrom(MEDIA_ITEMS)
                .where(visible(scope))
                .orderBy(
                        paging.newestFirst() ? MEDIA_ITEMS.CREATED_AT.desc() : MEDIA_ITEMS.CREATED_AT.asc(),
                        paging.newestFirst() ? MEDIA_ITEMS.ID.desc() : MEDIA_ITEMS.ID.asc())
                .limit(paging.limit())
                .offset(paging.offset())
                .fetch(JooqMediaRepository::toItem));
    }

    @Override
    public int count(MediaScope scope) {
        return db.read(ctx -> ctx.fetchCount(MEDIA_ITEMS, visible(scope)));
    }

    /**
     * The ids a person may see, as one set the database builds once per query: the versions of the
     * assets of their projects (from their memberships down, so the cost follows what they see, not
     * the library's size), and their own uploads that no asset holds yet.
     */
    private static Condition visible(MediaScope scope) {
        if (scope.isEverything()) {
            return DSL.noCondition();
        }
        String user = scope.userId();
        var av = ASSET_VERSIONS.as("filed");
        var filed = DSL.select(ASSET_VERSIONS.MEDIA_ID)
                .from(PROJECT_MEMBERS)
                .join(ASSETS)
                .on(ASSETS.PROJECT_ID.eq(PROJECT_MEMBERS.PROJECT_ID))
                .join(ASSET_VERSIONS)
                .on(ASSET_VERSIONS.ASSET_ID.eq(ASSETS.ID))
                .where(PROJECT_MEMBERS.USER_ID.eq(user));
        var mine = MEDIA_ITEMS.as("mine");
        var unfiled = DSL.select(mine.ID)
                .from(mine)
                .where(mine.UPLOADED_BY.eq(user))
                .andNotExists(DSL.selectOne().from(av).where(av.MEDIA_ID.eq(mine.ID)));
        return MEDIA_ITEMS.ID.in(filed.unionAll(unfiled));
    }

    @Override
    public boolean updateStatus(String id, MediaStatus status, String error) {
        Require.present("status", status);
        String kept = status == MediaStatus.FAILED ? cut(error == null ? "unknown error" : error) : null;
        return db.write(ctx -> ctx.update(MEDIA_ITEMS)
                        .set(MEDIA_ITEMS.STATUS, status.wire())
                        .set(MEDIA_ITEMS.ERROR, kept)
                        .set(MEDIA_ITEMS.UPDATED_AT, db.nowMillis())
                        .where(MEDIA_ITEMS.ID.eq(id))
                        .execute())
                == 1;
    }

    @Override
    public boolean setProbe(String id, ProbeSummary p) {
        Require.present("probe", p);
        return db.write(ctx -> ctx.update(MEDIA_ITEMS)
                        .set(MEDIA_ITEMS.PROBE_JSON, p.json())
                        .set(MEDIA_ITEMS.FRAME_COUNT, p.frameCount())
                        .set(
                                MEDIA_ITEMS.FRAME_RATE,
                                p.frameRate() == null ? null : p.frameRate().toString())
                        .set(MEDIA_ITEMS.START_TIMECODE, p.startTimecode())
                        .set(MEDIA_ITEMS.DROP_FRAME, p.dropFrame())
                        .set(MEDIA_ITEMS.WIDTH, p.width())
                        .set(MEDIA_ITEMS.HEIGHT, p.height())
                        .set(MEDIA_ITEMS.DURATION_MICROS, p.durationMicros())
                        .set(MEDIA_ITEMS.HAS_AUDIO, p.hasAudio())
                        .set(MEDIA_ITEMS.UPDATED_AT, db.nowMillis())
                        .where(MEDIA_ITEMS.ID.eq(id))
                        .execute())
                == 1;
    }

    @Override
    public boolean setFrameMapPath(String id, String frameMapPath) {
        Require.text("frameMapPath", frameMapPath, 1024);
        return db.write(ctx -> ctx.update(MEDIA_ITEMS)
                        .set(MEDIA_ITEMS.FRAME_MAP_PATH, frameMapPath)
                        .set(MEDIA_ITEMS.UPDATED_AT, db.nowMillis())
                        .where(MEDIA_ITEMS.ID.eq(id))
                        .execute())
                == 1;
    }

    @Override
    public boolean setOriginal(String id, String storedPath, long sizeBytes, String sha256) {
        Require.text("storedPath", storedPath, 1024);
        Require.range("sizeBytes", sizeBytes, 0, Long.MAX_VALUE);
        return db.write(ctx -> ctx.update(MEDIA_ITEMS)
                        .set(MEDIA_ITEMS.STORED_PATH, storedPath)
                        .set(MEDIA_ITEMS.SIZE_BYTES, sizeBytes)
                        .set(MEDIA_ITEMS.SHA256, sha256)
                        .set(MEDIA_ITEMS.UPDATED_AT, db.nowMillis())
                        .where(MEDIA_ITEMS.ID.eq(id))
                        .execute())
                == 1;
    }

    @Override
    public boolean delete(String id) {
        return db.write(ctx ->
                        ctx.deleteFrom(MEDIA_ITEMS).where(MEDIA_ITEMS.ID.eq(id)).execute())
                == 1;
    }

    @Override
    public Rendition putRendition(
            String mediaId, RenditionKind kind, String path, MediaStatus status, String detailsJson) {
        long now = db.nowMillis();
        // Validate before touching the table: the record's constructor checks every field.
        new Rendition(
                Ids.newId(),
                mediaId,
                kind,
                path,
                status,
                detailsJson,
                Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now));
        return db.write(ctx -> {
            ctx.insertInto(RENDITIONS)
                    .set(RENDITIONS.ID, Ids.newId())
                    .set(RENDITIONS.MEDIA_ID, mediaId)
                    .set(RENDITIONS.KIND, kind.wire())
                    .set(RENDITIONS.PATH, path)
                    .set(RENDITIONS.STATUS, status.wire())
                    .set(RENDITIONS.DETAILS_JSON, detailsJson)
                    .set(RENDITIONS.CREATED_AT, now)
                    .set(RENDITIONS.UPDATED_AT, now)
                    .onConflict(RENDITIONS.MEDIA_ID, RENDITIONS.KIND)
                    .doUpdate()
                    .set(RENDITIONS.PATH, path)
                    .set(RENDITIONS.STATUS, status.wire())
                    .set(RENDITIONS.DETAILS_JSON, detailsJson)
                    .set(RENDITIONS.UPDATED_AT, now)
                    .execute();
            return ctx.selectFrom(RENDITIONS)
                    .where(RENDITIONS.MEDIA_ID.eq(mediaId).and(RENDITIONS.KIND.eq(kind.wire())))
                    .fetchSingle(JooqMediaRepository::toRendition);
        });
    }

    @Override
    public List<Rendition> renditions(String mediaId) {
        return db.read(
                ctx -> ctx
                        .selectFrom(RENDITIONS)
                        .where(RENDITIONS.MEDIA_ID.eq(mediaId))
                        .fetch(JooqMediaRepository::toRendition)
                        .stream()
                        .sorted(Comparator.comparing(Rendition::kind))
                        .toList());
    }

    @Override
    public Map<String, List<Rendition>> renditions(Collection<String> mediaIds) {
        Map<String, List<Rendition>> byMedia = new HashMap<>();
        if (mediaIds.isEmpty()) {
            return byMedia;
        }
        db.read(ctx -> ctx.selectFrom(RENDITIONS)
                        .where(RENDITIONS.MEDIA_ID.in(mediaIds))
                        .fetch(JooqMediaRepository::toRendition))
                .forEach(r -> byMedia.computeIfAbsent(r.mediaId(), k -> new ArrayList<>())
                        .add(r));
        byMedia.values().forEach(list -> list.sort(Comparator.comparing(Rendition::kind)));
        return byMedia;
    }

    private static String cut(String error) {
        return error.length() <= MediaItem.MAX_ERROR ? error : error.substring(0, MediaItem.MAX_ERROR - 3) + "...";
    }

    private static MediaItem toItem(MediaItemsRecord r) {
        ProbeSummary probe = r.getProbeJson() == null
                ? null
                : new ProbeSummary(
                        r.getFrameCount(),
                        r.getFrameRate() == null ? null : FrameRate.parse(r.getFrameRate()),
                        r.getStartTimecode(),
                        r.getDropFrame(),
                        r.getWidth(),
                        r.getHeight(),
                        r.getDurationMicros(),
                        r.getHasAudio(),
                        r.getProbeJson());
        return new MediaItem(
                r.getId(),
                r.getOriginalName(),
                r.getStoredPath(),
                r.getSizeBytes(),
                r.getSha256(),
                MediaStatus.fromWire(r.getStatus()),
                r.getError(),
                probe,
                r.getFrameMapPath(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getUpdatedAt()));
    }

    private static Rendition toRendition(RenditionsRecord r) {
        return new Rendition(
                r.getId(),
                r.getMediaId(),
                RenditionKind.fromWire(r.getKind()),
                r.getPath(),
                MediaStatus.fromWire(r.getStatus()),
                r.getDetailsJson(),
                Instant.ofEpochMilli(r.getCreatedAt()),
                Instant.ofEpochMilli(r.getUpdatedAt()));
    }
}
