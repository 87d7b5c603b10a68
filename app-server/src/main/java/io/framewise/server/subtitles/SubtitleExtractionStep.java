package io.framewise.server.subtitles;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.subtitles.SubtitleExtractor;
import io.framewise.model.media.SubtitleStreamInfo;
import io.framewise.model.subtitles.Cue;
import io.framewise.server.db.Ids;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobHandler;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest step after the frame map: every subtitle stream of the file is listed as a track, and
 * text ones are extracted to WebVTT. Bitmap tracks are listed with {@code text: false} and no cues.
 *
 * <p>Idempotent: a stream already listed (its row is unique per media and stream index) is skipped,
 * and a VTT file is written under a temporary name and moved into place before its row is added. A
 * failure never holds the item back: the item plays without its embedded subtitles.
 */
final class SubtitleExtractionStep implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubtitleExtractionStep.class);

    private final MediaFiles mediaFiles;
    private final MediaRepository media;
    private final SubtitleRepository tracks;
    private final SubtitleFiles files;
    private final Clock clock;

    SubtitleExtractionStep(
            MediaFiles mediaFiles, MediaRepository media, SubtitleRepository tracks, SubtitleFiles files, Clock clock) {
        this.mediaFiles = mediaFiles;
        this.media = media;
        this.tracks = tracks;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public void run(Job job, Cancellation cancel) {
        Optional<MediaItem> found = job.mediaId() == null ? Optional.empty() : media.get(job.mediaId());
        if (found.isEmpty() || found.get().status() == MediaStatus.FAILED) {
            return;
        }
        MediaItem item = found.get();
        Path original = mediaFiles.resolve(item.storedPath());
        if (!Files.isRegularFile(original)) {
            throw new MediaException.NotFound(original, "the stored original is missing");
        }
        Set<Integer> listed = new HashSet<>();
        tracks.list(item.id()).forEach(t -> listed.add(t.streamIndex()));
        for (SubtitleStreamInfo stream : MediaProbe.probe(original).subtitles()) {
            if (cancel.isCancelled()) {
                return;
            }
            if (listed.contains(stream.index())) {
                continue;
            }
            String id = Ids.newId();
            String stored = null;
            int count = 0;
            if (stream.text()) {
                List<Cue> cues = SubtitleExtractor.extract(original, stream.index());
                stored = files.write(item.id(), id, cues);
                count = cues.size();
            }
            tracks.create(new SubtitleTrack(
                    id,
                    item.id(),
                    SubtitleTrack.Source.EMBEDDED,
                    stream.index(),
                    stream.codec(),
                    stream.language().orElse(null),
                    stream.title().orElse(null),
                    stream.defaultTrack(),
                    stream.text(),
                    stored,
                    count,
                    null,
                    clock.instant()));
        }
    }

    @Override
    public void failed(Job job, String reason) {
        LOG.warn("Media {} has no embedded subtitle tracks: {}", job.mediaId(), reason);
    }
}
