package io.framewise.server.subtitles;

import io.framewise.media.framemap.FrameMap;
import io.framewise.model.subtitles.Cue;
import io.framewise.model.subtitles.CueFrames;
import io.framewise.model.subtitles.Cues;
import io.framewise.model.subtitles.WebVttWriter;
import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a media item's subtitle tracks live on disk ({@code media/<id>/subtitles/<track>.vtt}) and how
 * their cues are read back and placed on the item's frames. The WebVTT file is the one truth of a
 * track's cues: the list of cues, the player and clips all read it.
 */
final class SubtitleFiles {

    private final MediaFiles files;

    SubtitleFiles(MediaFiles files) {
        this.files = files;
    }

    /** Writes the cues as the track's WebVTT file (atomically) and returns its stored path. */
    String write(String mediaId, String trackId, List<Cue> cues) {
        Path target = files.file(mediaId, "subtitles/" + trackId + ".vtt");
        try {
            Files.createDirectories(target.getParent());
            byte[] vtt = WebVttWriter.write(cues).getBytes(StandardCharsets.UTF_8);
            // Sealed from memory when encryption is on, else written plain; either way through a synced
            // temporary file renamed over the track, so no plain copy touches a sealed library's disk.
            SealedMedia.write(target, vtt);
            MediaFiles.syncDir(target.getParent());
            files.publish(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the subtitle track " + trackId, e);
        }
        return files.relative(target);
    }

    Path resolve(SubtitleTrack track) {
        return files.resolve(track.storedPath());
    }

    List<Cue> cues(SubtitleTrack track) {
        try {
            return Cues.read(SealedMedia.readAllBytes(resolve(track)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the subtitle track " + track.id(), e);
        }
    }

    void delete(SubtitleTrack track) {
        if (track.storedPath() == null) {
            return;
        }
        try {
            Files.deleteIfExists(resolve(track));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the subtitle track " + track.id(), e);
        }
    }

    /** The item's frame times from its frame map; empty until the frame map step has run. */
    Optional<CueFrames> frames(MediaItem item) {
        if (item.frameMapPath() == null) {
            return Optional.empty();
        }
        try {
            FrameMap map = FrameMap.fromBytes(SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
            long[] pts = map.allPts();
            long[] ticks = new long[pts.length];
            for (int i = 0; i < pts.length; i++) {
                ticks[i] = pts[i] - pts[0];
            }
            return Optional.of(new CueFrames(ticks, map.timeBaseNum(), map.timeBaseDen()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the frame map of " + item.id(), e);
        }
    }
}
