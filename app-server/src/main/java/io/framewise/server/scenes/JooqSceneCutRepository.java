package io.framewise.server.scenes;

import static io.framewise.server.db.generated.Tables.SCENE_CUTS;
import static io.framewise.server.db.generated.Tables.SCENE_DETECTIONS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.SceneCutsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SceneCutRepository} on the {@code scene_cuts} and {@code scene_detections} tables. */
public final class JooqSceneCutRepository implements SceneCutRepository {

    private final Database db;

    public JooqSceneCutRepository(Database db) {
        this.db = db;
    }

    @Override
    public boolean detected(String mediaId) {
        if (!Ids.isValid(mediaId)) {
            return false;
        }
        return db.read(ctx -> ctx.fetchExists(SCENE_DETECTIONS, SCENE_DETECTIONS.MEDIA_ID.eq(mediaId)));
    }

    @Override
    public void storeDetection(String mediaId, List<SceneCut> cuts, Instant finished) {
        db.write(ctx -> {
            for (SceneCut c : cuts) {
                ctx.insertInto(SCENE_CUTS)
                        .set(SCENE_CUTS.ID, c.id())
                        .set(SCENE_CUTS.MEDIA_ID, c.mediaId())
                        .set(SCENE_CUTS.FRAME, c.frame())
                        .set(SCENE_CUTS.SCORE, (float) c.score())
                        .set(SCENE_CUTS.CREATED_AT, c.created().toEpochMilli())
                        .onConflictDoNothing()
                        .execute();
            }
            return ctx.insertInto(SCENE_DETECTIONS)
                    .set(SCENE_DETECTIONS.MEDIA_ID, mediaId)
                    .set(SCENE_DETECTIONS.CUT_COUNT, cuts.size())
                    .set(SCENE_DETECTIONS.FINISHED_AT, finished.toEpochMilli())
                    .onConflictDoNothing()
                    .execute();
        });
    }

    @Override
    public List<SceneCut> list(String mediaId) {
        if (!Ids.isValid(mediaId)) {
            return List.of();
        }
        return db.read(ctx -> ctx.selectFrom(SCENE_CUTS)
                .where(SCENE_CUTS.MEDIA_ID.eq(mediaId))
                .orderBy(SCENE_CUTS.FRAME.asc())
                .fetch(JooqSceneCutRepository::toCut));
    }

    @Override
    public Optional<SceneCut> get(String mediaId, String cutId) {
        if (!Ids.isValid(mediaId) || !Ids.isValid(cutId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.selectFrom(SCENE_CUTS)
                .where(SCENE_CUTS.MEDIA_ID.eq(mediaId).and(SCENE_CUTS.ID.eq(cutId)))
                .fetchOptional(JooqSceneCutRepository::toCut));
    }

    @Override
    public boolean delete(String mediaId, String cutId) {
        return db.write(ctx -> ctx.deleteFrom(SCENE_CUTS)
                        .where(SCENE_CUTS.MEDIA_ID.eq(mediaId).and(SCENE_CUTS.ID.eq(cutId)))
                        .execute())
                == 1;
    }

    @Override
    public int deleteAll(String mediaId, List<String> cutIds) {
        if (cutIds.isEmpty()) {
            return 0;
        }
        return db.write(ctx -> ctx.deleteFrom(SCENE_CUTS)
                .where(SCENE_CUTS.MEDIA_ID.eq(mediaId).and(SCENE_CUTS.ID.in(cutIds)))
                .execute());
    }

    private static SceneCut toCut(SceneCutsRecord r) {
        return new SceneCut(
                r.getId(),
                r.getMediaId(),
                r.getFrame(),
                Math.max(0, Math.min(1, r.getScore().doubleValue())),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }
}
