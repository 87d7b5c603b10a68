package io.framewise.server.subtitles;

import io.framewise.server.db.Database;
import io.framewise.server.media.MediaFiles;
import java.nio.file.Path;
import java.util.Optional;

/** The WebVTT file of a media item's text subtitle track, for clips that burn a track in. */
@FunctionalInterface
public interface SubtitleTrackFiles {

    /** No tracks at all (servers and tests without the subtitles feature). */
    SubtitleTrackFiles NONE = (mediaId, trackId) -> Optional.empty();

    /** The track's WebVTT file when {@code trackId} is a text track of {@code mediaId}. */
    Optional<Path> vtt(String mediaId, String trackId);

    /** Looks tracks up in the {@code subtitle_tracks} table. */
    static SubtitleTrackFiles on(Database db, MediaFiles files) {
        JooqSubtitleRepository tracks = new JooqSubtitleRepository(db);
        return (mediaId, trackId) -> tracks.get(mediaId, trackId)
                .filter(t -> t.text() && t.storedPath() != null)
                .map(t -> files.resolve(t.storedPath()));
    }
}
