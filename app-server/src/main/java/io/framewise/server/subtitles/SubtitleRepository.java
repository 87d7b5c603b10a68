package io.framewise.server.subtitles;

import java.util.List;
import java.util.Optional;

/** The {@code subtitle_tracks} table. */
public interface SubtitleRepository {

    /** Adds a track; an embedded stream already listed for the media is left as it is (false). */
    boolean create(SubtitleTrack track);

    /** The media's tracks: embedded ones in stream order, then sidecars by upload time. */
    List<SubtitleTrack> list(String mediaId);

    Optional<SubtitleTrack> get(String mediaId, String trackId);

    boolean delete(String mediaId, String trackId);
}
