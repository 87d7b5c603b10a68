package io.framewise.server.scenes;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.scenes.SceneDetector;
import io.framewise.server.db.Ids;
import io.framewise.server.jobs.Job;
import io.framewise.server.jobs.JobHandler;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job after the frame map of a long video: finds its hard cuts ({@link SceneDetector}) and
 * stores them as suggested markers.
 *
 * <p>Resumable: the results and the row saying detection finished are written in one transaction,
 * so a job interrupted by a crash or a shutdown (the detector polls the cancellation between batches
 * of frames) simply runs again from the start; a media item already detected is skipped, so cuts a
 * reviewer accepted or dismissed never come back. A failure never holds the item back.
 */
final class SceneDetectionStep implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SceneDetectionStep.class);

    private final MediaFiles files;
    private final MediaRepository media;
    private final SceneCutRepository cuts;
    private final Clock clock;

    SceneDetectionStep(MediaFiles files, MediaRepository media, SceneCutRepository cuts, Clock clock) {
        this.files = files;
        this.media = media;
        this.cuts = cuts;
        this.clock = clock;
    }

    @Override
    public void run(Job job, Cancellation cancel) throws IOException {
        Optional<MediaItem> found = job.mediaId() == null ? Optional.empty() : media.get(job.mediaId());
        if (found.isEmpty() || found.get().status() == MediaStatus.FAILED || cuts.detected(job.mediaId())) {
            return;
        }
        MediaItem item = found.get();
        Path original = files.resolve(item.storedPath());
        if (!Files.isRegularFile(original)) {
            throw new MediaException.NotFound(original, "the stored original is missing");
        }
        FrameMap map = item.frameMapPath() == null
                ? null
                : FrameMap.fromBytes(
                        io.framewise.server.crypto.SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
        List<io.framewise.media.scenes.SceneCut> detectedCuts;
        long started = System.nanoTime();
        try (SceneDetector detector = SceneDetector.open(original, map)) {
            detectedCuts = detector.detect(cancel, Progress.Listener.NONE);
        }
        Instant now = clock.instant();
        List<SceneCut> rows = detectedCuts.stream()
                .map(c -> new SceneCut(Ids.newId(), item.id(), c.frame(), c.score(), now))
                .toList();
        cuts.storeDetection(item.id(), rows, now);
        LOG.info(
                "Media {}: {} scene cuts suggested ({} ms)",
                item.id(),
                rows.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void failed(Job job, String reason) {
        LOG.warn("Media {} has no suggested scene markers: {}", job.mediaId(), reason);
    }
}
