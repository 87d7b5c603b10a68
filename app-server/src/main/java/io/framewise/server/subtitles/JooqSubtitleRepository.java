package io.framewise.server.subtitles;

import static io.framewise.server.db.generated.Tables.SUBTITLE_TRACKS;

import io.framewise.server.db.Database;
import io.framewise.server.db.Ids;
import io.framewise.server.db.generated.tables.records.SubtitleTracksRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link SubtitleRepository} on the {@code subtitle_tracks} table. */
public final class JooqSubtitleRepository implements SubtitleRepository {

    private final Database db;

    public JooqSubtitleRepository(Database db) {
        this.db = db;
    }

    @Override
    public boolean create(SubtitleTrack t) {
        return db.write(ctx -> ctx.insertInto(SUBTITLE_TRACKS)
                        .set(SUBTITLE_TRACKS.ID, t.id())
                        .set(SUBTITLE_TRACKS.MEDIA_ID, t.mediaId())
                        .set(SUBTITLE_TRACKS.SOURCE, t.source().wire())
                        .set(SUBTITLE_TRACKS.STREAM_INDEX, t.streamIndex())
                        .set(SUBTITLE_TRACKS.CODEC, t.codec())
                        .set(SUBTITLE_TRACKS.LANGUAGE, t.language())
                        .set(SUBTITLE_TRACKS.LABEL, t.label())
                        .set(SUBTITLE_TRACKS.IS_DEFAULT, t.defaultTrack())
                        .set(SUBTITLE_TRACKS.IS_TEXT, t.text())
                        .set(SUBTITLE_TRACKS.STORED_PATH, t.storedPath())
                        .set(SUBTITLE_TRACKS.CUE_COUNT, t.cueCount())
                        .set(SUBTITLE_TRACKS.CREATED_BY, t.createdBy())
                        .set(SUBTITLE_TRACKS.CREATED_AT, t.created().toEpochMilli())
                        .onConflictDoNothing()
                        .execute())
                == 1;
    }

    @Override
    public List<SubtitleTrack> list(String mediaId) {
        if (!Ids.isValid(mediaId)) {
            return List.of();
        }
        return db.read(ctx -> ctx.selectFrom(SUBTITLE_TRACKS)
                .where(SUBTITLE_TRACKS.MEDIA_ID.eq(mediaId))
                .orderBy(
                        SUBTITLE_TRACKS.SOURCE.asc(),
                        SUBTITLE_TRACKS.STREAM_INDEX.asc(),
                        SUBTITLE_TRACKS.CREATED_AT.asc(),
                        SUBTITLE_TRACKS.ID.asc())
                .fetch(JooqSubtitleRepository::toTrack));
    }

    @Override
    public Optional<SubtitleTrack> get(String mediaId, String trackId) {
        if (!Ids.isValid(mediaId) || !Ids.isValid(trackId)) {
            return Optional.empty();
        }
        return db.read(ctx -> ctx.selectFrom(SUBTITLE_TRACKS)
                .where(SUBTITLE_TRACKS.MEDIA_ID.eq(mediaId).and(SUBTITLE_TRACKS.ID.eq(trackId)))
                .fetchOptional(JooqSubtitleRepository::toTrack));
    }

    @Override
    public boolean delete(String mediaId, String trackId) {
        return db.write(ctx -> ctx.deleteFrom(SUBTITLE_TRACKS)
                        .where(SUBTITLE_TRACKS.MEDIA_ID.eq(mediaId).and(SUBTITLE_TRACKS.ID.eq(trackId)))
                        .execute())
                == 1;
    }

    private static SubtitleTrack toTrack(SubtitleTracksRecord r) {
        return new SubtitleTrack(
                r.getId(),
                r.getMediaId(),
                SubtitleTrack.Source.fromWire(r.getSource()),
                r.getStreamIndex(),
                r.getCodec(),
                r.getLanguage(),
                r.getLabel(),
                Boolean.TRUE.equals(r.getIsDefault()),
                Boolean.TRUE.equals(r.getIsText()),
                r.getStoredPath(),
                r.getCueCount() == null ? 0 : r.getCueCount(),
                r.getCreatedBy(),
                Instant.ofEpochMilli(r.getCreatedAt()));
    }
}
