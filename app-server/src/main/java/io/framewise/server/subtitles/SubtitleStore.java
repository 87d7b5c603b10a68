package io.framewise.server.subtitles;

import io.framewise.model.subtitles.Cue;
import io.framewise.model.subtitles.Cues;
import io.framewise.model.subtitles.SubtitleFormatException;
import io.framewise.model.subtitles.SubtitleText;
import io.framewise.server.db.Ids;
import io.framewise.server.http.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the bytes of a sidecar SRT, WebVTT or ASS file into a stored track: the one path both an
 * upload and an import (Clapshot's subtitles) take, so both check, convert and store alike.
 */
final class SubtitleStore {

    private final SubtitleRepository tracks;
    private final SubtitleFiles files;
    private final Clock clock;

    SubtitleStore(SubtitleRepository tracks, SubtitleFiles files, Clock clock) {
        this.tracks = tracks;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Checks, converts and stores {@code data} as a new sidecar track of {@code mediaId}.
     *
     * @param shiftMicros added to every cue's times (Clapshot's {@code time_offset}); cues that end
     *     before the media starts are dropped, those that start before it are cut to begin at 0
     */
    SubtitleTrack add(
            String mediaId,
            String language,
            String label,
            boolean defaultTrack,
            byte[] data,
            long shiftMicros,
            String userId) {
        if (data.length > SubtitleService.MAX_BYTES) {
            throw new ApiException.PayloadTooLarge("a subtitle file is at most 2 MiB", SubtitleService.MAX_BYTES);
        }
        if (data.length == 0) {
            throw new ApiException.BadRequest("send the SRT, WebVTT or ASS file as the request body");
        }
        long sidecars = tracks.list(mediaId).stream()
                .filter(t -> t.source() == SubtitleTrack.Source.SIDECAR)
                .count();
        if (sidecars >= SubtitleService.MAX_SIDECARS) {
            throw new ApiException.Conflict(
                    "a media item carries at most " + SubtitleService.MAX_SIDECARS + " subtitle files",
                    Map.of("limit", SubtitleService.MAX_SIDECARS));
        }
        List<Cue> cues;
        String codec;
        try {
            String text = SubtitleText.decode(data);
            codec = switch (Cues.formatOf(text)) {
                case SRT -> "subrip";
                case WEBVTT -> "webvtt";
                case ASS -> "ass";
            };
            cues = shifted(Cues.read(text), shiftMicros);
        } catch (SubtitleFormatException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (e.line() > 0) {
                details.put("line", e.line());
            }
            throw new ApiException.BadRequest(
                    "not a subtitle file we can read (SRT, WebVTT or ASS): " + e.getMessage(), details, e);
        }
        String id = Ids.newId();
        String stored = files.write(mediaId, id, cues);
        SubtitleTrack track = new SubtitleTrack(
                id,
                mediaId,
                SubtitleTrack.Source.SIDECAR,
                null,
                codec,
                language,
                label == null ? (language == null ? "Subtitles" : language) : label,
                defaultTrack,
                true,
                stored,
                cues.size(),
                userId,
                clock.instant());
        try {
            tracks.create(track);
        } catch (RuntimeException e) {
            files.delete(track);
            throw e;
        }
        return track;
    }

    static List<Cue> shifted(List<Cue> cues, long shiftMicros) {
        if (shiftMicros == 0) {
            return cues;
        }
        List<Cue> out = new ArrayList<>(cues.size());
        for (Cue c : cues) {
            long end = c.endMicros() + shiftMicros;
            if (end <= 0) {
                continue;
            }
            out.add(new Cue(Math.max(0, c.startMicros() + shiftMicros), end, c.text()));
        }
        return out;
    }
}
