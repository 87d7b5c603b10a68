package io.framewise.server.subtitles;

import io.framewise.model.subtitles.CueFrames;
import io.framewise.server.access.Action;
import io.framewise.server.access.Caller;
import io.framewise.server.access.Permissions;
import io.framewise.server.access.Resource;
import io.framewise.server.audit.AuditOutcome;
import io.framewise.server.http.ApiException;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Subtitle tracks of a media item: listing and reading them (anyone who may view the media, guests of
 * a link too), uploading and deleting sidecar files (editors: {@link Action#SUBTITLE_MANAGE}), and the
 * cues placed on frames by the rule of {@link CueFrames}.
 */
public final class SubtitleService {

    /** A subtitle file is text: a feature film's SRT is about 100 KiB. */
    public static final int MAX_BYTES = 2 << 20;

    /** Sidecars a media item may carry (one per language and purpose, with room to spare). */
    static final int MAX_SIDECARS = 50;

    static final int MAX_QUERY = 200;

    /** A cue placed on frames, with the track it is in (for searches across tracks). */
    public record PlacedCue(String trackId, int index, long startFrame, long endFrame, String text) {}

    private final MediaRepository media;
    private final SubtitleRepository tracks;
    private final SubtitleFiles files;
    private final Permissions permissions;
    private final SubtitleStore store;

    SubtitleService(
            MediaRepository media,
            SubtitleRepository tracks,
            SubtitleFiles files,
            Permissions permissions,
            Clock clock) {
        this.media = Objects.requireNonNull(media, "media");
        this.tracks = Objects.requireNonNull(tracks, "tracks");
        this.files = Objects.requireNonNull(files, "files");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.store = new SubtitleStore(tracks, files, Objects.requireNonNull(clock, "clock"));
    }

    public List<SubtitleTrack> list(Caller caller, String mediaId) {
        item(caller, Action.MEDIA_VIEW, mediaId);
        return tracks.list(mediaId);
    }

    /** The WebVTT file of a text track. */
    public Path vtt(Caller caller, String mediaId, String trackId) {
        item(caller, Action.MEDIA_VIEW, mediaId);
        return files.resolve(textTrack(mediaId, trackId));
    }

    /** The track's cues on the frames they cover, those whose text holds {@code query} when it is given. */
    public List<PlacedCue> cues(Caller caller, String mediaId, String trackId, String query) {
        MediaItem item = item(caller, Action.MEDIA_VIEW, mediaId);
        SubtitleTrack track = textTrack(mediaId, trackId);
        return placed(track, frames(item), query(query, false));
    }

    /** Cues of every text track of the media whose text holds {@code query}, ignoring case. */
    public List<PlacedCue> search(Caller caller, String mediaId, String query) {
        MediaItem item = item(caller, Action.MEDIA_VIEW, mediaId);
        String q = query(query, true);
        CueFrames frames = frames(item);
        List<PlacedCue> out = new ArrayList<>();
        for (SubtitleTrack track : tracks.list(mediaId)) {
            if (track.text() && track.storedPath() != null) {
                out.addAll(placed(track, frames, q));
            }
        }
        return out;
    }

    /** Reads, checks and stores a sidecar SRT, WebVTT or ASS file as a new track of the media. */
    public SubtitleTrack upload(
            Caller caller, String mediaId, String language, String label, String isDefault, InputStream body) {
        MediaItem item = item(caller, Action.SUBTITLE_MANAGE, mediaId);
        String lang = SubtitleInput.language(language);
        String name = SubtitleInput.label(label);
        boolean defaultTrack = SubtitleInput.flag("default", isDefault);
        byte[] data;
        try {
            data = body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ApiException.BadRequest("the subtitle file could not be read: " + e.getMessage());
        }
        SubtitleTrack track = store.add(
                item.id(), lang, name, defaultTrack, data, 0, caller.person().userId());
        String id = track.id();
        permissions.audit(
                caller,
                "subtitles.uploaded",
                new Resource.Media(item.id()),
                AuditOutcome.SUCCESS,
                Map.of("track", id, "cues", track.cueCount()));
        return track;
    }

    /** Removes a sidecar track; embedded ones belong to the file and stay. */
    public void delete(Caller caller, String mediaId, String trackId) {
        item(caller, Action.SUBTITLE_MANAGE, mediaId);
        SubtitleTrack track = track(mediaId, trackId);
        if (track.source() != SubtitleTrack.Source.SIDECAR) {
            throw new ApiException.Conflict(
                    "an embedded subtitle track is part of the media file and cannot be deleted",
                    Map.of("id", trackId));
        }
        if (tracks.delete(mediaId, trackId)) {
            try {
                files.delete(track);
            } catch (UncheckedIOException e) {
                // The row is gone, so nothing lists or serves the file; a leftover file only takes space.
            }
            permissions.audit(
                    caller,
                    "subtitles.deleted",
                    new Resource.Media(mediaId),
                    AuditOutcome.SUCCESS,
                    Map.of("track", trackId));
        }
    }

    private List<PlacedCue> placed(SubtitleTrack track, CueFrames frames, String query) {
        List<CueFrames.Placed> placed = frames.place(files.cues(track));
        if (query != null) {
            placed = CueFrames.search(placed, query);
        }
        return placed.stream()
                .map(p -> new PlacedCue(
                        track.id(),
                        p.index(),
                        p.startFrame(),
                        p.endFrame(),
                        p.cue().plainText()))
                .toList();
    }

    private MediaItem item(Caller caller, Action action, String mediaId) {
        permissions.require(caller, action, new Resource.Media(mediaId));
        return media.get(mediaId)
                .orElseThrow(() -> new ApiException.NotFound("No media item " + mediaId, Map.of("id", mediaId)));
    }

    private SubtitleTrack track(String mediaId, String trackId) {
        return tracks.get(mediaId, trackId)
                .orElseThrow(() -> new ApiException.NotFound(
                        "No subtitle track " + trackId + " on this media item", Map.of("id", String.valueOf(trackId))));
    }

    private SubtitleTrack textTrack(String mediaId, String trackId) {
        SubtitleTrack track = track(mediaId, trackId);
        if (!track.text() || track.storedPath() == null) {
            throw new ApiException.NotFound(
                    "subtitle track " + trackId + " holds bitmap subtitles, which have no text", Map.of("id", trackId));
        }
        return track;
    }

    private CueFrames frames(MediaItem item) {
        return files.frames(item)
                .orElseThrow(() -> new ApiException.Conflict(
                        "the media item has no frames to place cues on yet (it is still being processed, or is audio)",
                        Map.of("id", item.id())));
    }

    private static String query(String q, boolean required) {
        if (q == null || q.isBlank()) {
            if (required) {
                throw new ApiException.BadRequest("q (the text to search for) is required");
            }
            return null;
        }
        if (q.length() > MAX_QUERY) {
            throw new ApiException.BadRequest("q is at most " + MAX_QUERY + " characters");
        }
        return q.strip();
    }
}
