package io.framewise.server.clips;

import static io.framewise.server.db.generated.Tables.CLIPS;

import io.framewise.media.clip.ClipMode;
import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.ClipsRecord;
import io.framewise.server.media.ClipOrigin;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link ClipRepository} on the {@code clips} table; also tells media views where a clip comes from. */
public final class JooqClipRepository implements ClipRepository, ClipOrigin.Lookup {

    private final Database db;

    public JooqClipRepository(Database db) {
        this.db = db;
    }

    @Override
    public void create(Clip clip) {
        db.write(ctx -> ctx.insertInto(CLIPS)
                .set(CLIPS.MEDIA_ID, clip.mediaId())
                .set(CLIPS.SOURCE_ID, clip.sourceId())
                .set(CLIPS.FRAME_IN, clip.in())
                .set(CLIPS.FRAME_OUT, clip.out())
                .set(CLIPS.MODE, Clip.wire(clip.mode()))
                .set(CLIPS.TEMPLATE_ID, clip.templateId())
                .set(CLIPS.TITLE, clip.title())
                .set(CLIPS.COPY_NOTES, clip.copyNotes())
                .set(CLIPS.ACTUAL_IN, clip.actualIn())
                .set(CLIPS.ACTUAL_OUT, clip.actualOut())
                .set(CLIPS.SNAPPED, clip.snapped())
                .set(CLIPS.CREATED_BY, clip.createdBy())
                .set(CLIPS.CREATED_AT, clip.created().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<Clip> get(String mediaId) {
        if (!Ids.isValid(mediaId)) {
            return Optional.empty();
        }
        return db.read(ctx ->
                ctx.selectFrom(CLIPS).where(CLIPS.MEDIA_ID.eq(mediaId)).fetchOptional(JooqClipRepository::toClip));
    }

    @Override
    public Map<String, ClipOrigin> of(Collection<String> mediaIds) {
        Map<String, ClipOrigin> out = new HashMap<>();
        if (!mediaIds.isEmpty()) {
            db.read(ctx -> ctx.selectFrom(CLIPS)
                            .where(CLIPS.MEDIA_ID.in(mediaIds))
                            .fetch(JooqClipRepository::toClip))
                    .forEach(clip -> out.put(clip.mediaId(), clip.origin()));
        }
        return out;
    }

    @Override
    public boolean recordCut(String mediaId, long actualIn, long actualOut, boolean snapped, ClipMode used) {
        return db.write(ctx -> ctx.update(CLIPS)
                        .set(CLIPS.ACTUAL_IN, actualIn)
                        .set(CLIPS.ACTUAL_OUT, actualOut)
                        .set(CLIPS.SNAPPED, snapped)
                        .set(CLIPS.MODE, Clip.wire(used))
                        .where(CLIPS.MEDIA_ID.eq(mediaId))
                        .execute())
                == 1;
    }

    @Override
    public Optional<ClipOrigin> of(String mediaId) {
        return get(mediaId).map(Clip::origin);
    }

    private static Clip toClip(ClipsRecord r) {
        return new Clip(
                r.getMediaId(),
                r.getSourceId(),
                r.getFrameIn(),
                r.getFrameOut(),
                ClipMode.valueOf(r.getMode().toUpperCase(Locale.ROOT)),
                r.getTemplateId(),
                r.getTitle(),
                Boolean.TRUE.equals(r.getCopyNotes()),
                r.getActualIn(),
                r.getActualOut(),
                Boolean.TRUE.equals(r.getSnapped()),
                r.getCreatedBy(),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }
}
