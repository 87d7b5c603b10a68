package io.framewise.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.check.DecodeCheck;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.transcode.ProxyDecision;
import io.framewise.media.transcode.ProxyPolicy;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.VideoStreamInfo;
import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.db.UnitOfWork;
import io.framewise.server.events.DomainEvents;
import io.framewise.server.hls.HlsPolicy;
import io.framewise.server.http.Json;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.ProbeSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing steps of a media item, one job each: probe, then frame map, then thumbnails and
 * (only when the original will not play in a browser) a proxy; long or high-bitrate items also get an
 * HLS ladder ({@link HlsPolicy}), last and without holding the item back.
 *
 * <p>When the item becomes {@code ready}: as soon as probe and frame map are done when the original
 * plays in a browser ({@link ProxyPolicy}); otherwise only after the proxy is written, because a
 * browser reviewer needs something it can play, and a ready item that cannot be played would be a
 * lie. Thumbnails never hold an item back: they follow in their own job.
 *
 * <p>Failures: probe, frame map and proxy are essential, so their final failure marks the item
 * {@code failed} with the reason. A thumbnail step that fails for good leaves a playable item ready
 * without those thumbnails (the routes then answer 404 for them).
 *
 * <p>Audio-only items have no frame map and no proxy: they are ready after the probe and get a
 * waveform.
 *
 * <p>A damaged file can probe and yield a frame map from its packets and still not decode. So the
 * frame map step decodes the first and the last frame ({@link DecodeCheck}), and an audio-only item
 * its sound at both ends, before the item can become ready; when they do not decode the item is
 * failed with the reason naming what could not be decoded.
 *
 * <p>Every step is idempotent: outputs are written to a temporary name and moved over the target, the
 * next step is queued only when no live job of that kind exists, and a repeated {@code ready} is not
 * announced twice.
 */
public final class MediaPipeline implements JobHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MediaPipeline.class);

    static final int FRAMEMAP_PRIORITY = 8;
    static final int THUMBS_PRIORITY = 5;
    static final int PROXY_PRIORITY = 1;
    /** Last: a ladder is a comfort for slow links, never what makes an item playable. */
    static final int HLS_PRIORITY = 0;
    /** After the thumbnails: subtitles are read while reviewing, not needed to start. */
    static final int SUBTITLES_PRIORITY = 4;
    /** Before the ladder, after everything a reviewer needs to start: suggestions can come a little later. */
    static final int SCENES_PRIORITY = 2;
    /** After the thumbnails: it speeds up jumping, which a reviewer does once the item is open. */
    static final int SEEK_PROXY_PRIORITY = 3;

    private final MediaFiles files;
    private final MediaRepository media;
    private final PipelineService states;
    private final ThumbnailStep thumbnails;
    private final ProxyStep proxy;
    private final HlsStep hls;
    private final SeekProxyStep seekProxy;
    private final HlsPolicy hlsPolicy;
    private final ObjectMapper json = Json.newMapper();
    private final long maxFrames;
    private final ScenePolicy scenes;

    public MediaPipeline(
            MediaFiles files,
            MediaRepository media,
            JobRepository jobs,
            UnitOfWork work,
            DomainEvents events,
            Runnable jobQueued) {
        this(
                files,
                media,
                jobs,
                work,
                events,
                jobQueued,
                FrameMapBuilder.DEFAULT_MAX_FRAMES,
                HlsPolicy.DEFAULT,
                ScenePolicy.OFF);
    }

    /**
     * @param maxFrames the most video frames an item may have; probing or indexing a longer video
     *     fails the item with that reason
     * @param hlsPolicy which items also get an HLS ladder
     * @param scenes which videos get their scene cuts detected
     */
    public MediaPipeline(
            MediaFiles files,
            MediaRepository media,
            JobRepository jobs,
            UnitOfWork work,
            DomainEvents events,
            Runnable jobQueued,
            long maxFrames,
            HlsPolicy hlsPolicy,
            ScenePolicy scenes) {
        this.maxFrames = maxFrames;
        this.scenes = scenes;
        this.hlsPolicy = hlsPolicy;
        this.files = files;
        this.media = media;
        this.states = new PipelineService(media, jobs, work, events, jobQueued);
        this.thumbnails = new ThumbnailStep(files, media);
        this.proxy = new ProxyStep(files, media, events::transientMedia);
        this.hls = new HlsStep(files, media, events::transientMedia);
        this.seekProxy = new SeekProxyStep(files, media);
    }

    @Override
    public void run(Job job, Cancellation cancel) throws IOException {
        Optional<MediaItem> found = job.mediaId() == null ? Optional.empty() : media.get(job.mediaId());
        if (found.isEmpty()) {
            LOG.info("Job {} ({}) skipped: its media item is gone", job.id(), job.kind());
            return;
        }
        MediaItem item = found.get();
        if (item.status() == MediaStatus.FAILED) {
            return;
        }
        Path original = files.resolve(item.storedPath());
        if (!Files.isRegularFile(original)) {
            throw new MediaException.NotFound(original, "the stored original is missing");
        }
        switch (job.kind()) {
            case PROBE -> probe(item, original);
            case FRAMEMAP -> frameMap(item, original);
            case THUMBS, POSTER, SPRITES, WAVEFORM -> thumbnails.run(item, original, cancel);
            case PROXY -> {
                proxy.run(item, original, cancel);
                states.becomeReady(item.id());
            }
            case HLS -> hls.run(item, original, cancel);
            case SEEK_PROXY -> seekProxy.run(item, original, cancel);
                // The subtitles feature handles these; a server without it leaves the tracks unlisted.
            case SUBTITLES -> LOG.info("Media {}: no subtitle feature on this server, tracks not extracted", item.id());
            case SCENES -> LOG.info("Media {}: no scene feature on this server, cuts not detected", item.id());
        }
    }

    private void probe(MediaItem item, Path original) {
        MediaInfo info = MediaProbe.probe(original, maxFrames);
        if (info.video().isEmpty() && info.audio().isEmpty()) {
            throw new MediaException.Unsupported(original, "the file has neither video nor audio");
        }
        ProxyDecision decision = info.hasVideo() ? ProxyPolicy.decide(info) : ProxyDecision.playable();
        Optional<VideoStreamInfo> video = info.video();
        media.setProbe(
                item.id(),
                new ProbeSummary(
                        video.map(VideoStreamInfo::frameCount).orElse(0L),
                        video.map(VideoStreamInfo::frameRate).orElse(null),
                        info.startTimecode().orElse(null),
                        info.dropFrame(),
                        video.map(VideoStreamInfo::displayWidth).orElse(0),
                        video.map(VideoStreamInfo::displayHeight).orElse(0),
                        Math.round(info.durationSeconds() * 1_000_000),
                        !info.audio().isEmpty(),
                        probeJson(info, decision)));
        if (info.hasVideo()) {
            states.queueOnce(item.id(), JobKind.FRAMEMAP, FRAMEMAP_PRIORITY);
        } else {
            DecodeCheck.audioStartAndEnd(original);
            states.together(() -> {
                states.queueOnce(item.id(), JobKind.THUMBS, THUMBS_PRIORITY);
                states.becomeReady(item.id());
            });
        }
    }

    private void frameMap(MediaItem item, Path original) {
        FrameMap map = FrameMapBuilder.build(original, maxFrames);
        DecodeCheck.firstAndLastFrames(original, map);
        Path target = files.file(item.id(), MediaFiles.FRAME_MAP);
        SealedMedia.write(target, map.toBytes());
        states.together(() -> recordFrameMap(item, map, target));
    }

    /** What the frame map step found, its next jobs and (without a proxy to wait for) ready, in one unit. */
    private void recordFrameMap(MediaItem item, FrameMap map, Path target) {
        ProbeSummary probe = item.probe();
        if (probe != null && probe.frameCount() != map.frameCount()) {
            // The frame map counted the frames that decode and show: that count is the truth.
            LOG.info(
                    "Media {}: probe said {} frames, the frame map counted {}",
                    item.id(),
                    probe.frameCount(),
                    map.frameCount());
            media.setProbe(
                    item.id(),
                    new ProbeSummary(
                            map.frameCount(),
                            probe.frameRate(),
                            probe.startTimecode(),
                            probe.dropFrame(),
                            probe.width(),
                            probe.height(),
                            probe.durationMicros(),
                            probe.hasAudio(),
                            probe.json()));
        }
        media.setFrameMapPath(item.id(), files.relative(target));
        states.queueOnce(item.id(), JobKind.THUMBS, THUMBS_PRIORITY);
        if (hasSubtitles(probe)) {
            states.queueOnce(item.id(), JobKind.SUBTITLES, SUBTITLES_PRIORITY);
        }
        if (scenes.applies(probe)) {
            states.queueOnce(item.id(), JobKind.SCENES, SCENES_PRIORITY);
        }
        if (SeekProxyStep.applies(item, map)) {
            states.queueOnce(item.id(), JobKind.SEEK_PROXY, SEEK_PROXY_PRIORITY);
        }
        if (hlsPolicy.applies(probe, item.sizeBytes())) {
            states.queueOnce(item.id(), JobKind.HLS, HLS_PRIORITY);
        }
        if (needsProxy(item)) {
            states.queueOnce(item.id(), JobKind.PROXY, PROXY_PRIORITY);
        } else {
            states.becomeReady(item.id());
        }
    }

    /** Whether the probe listed subtitle streams (text or bitmap) in the file. */
    private boolean hasSubtitles(ProbeSummary probe) {
        if (probe == null) {
            return false;
        }
        try {
            return json.readTree(probe.json()).path("subtitles").asInt(0) > 0;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Whether the probe found that the original will not play in a browser. */
    public boolean needsProxy(MediaItem item) {
        if (item.probe() == null) {
            return false;
        }
        try {
            return json.readTree(item.probe().json())
                    .path("proxy")
                    .path("needed")
                    .asBoolean(false);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    @Override
    public void failed(Job job, String reason) {
        if (job.mediaId() == null) {
            return;
        }
        if (job.kind() == JobKind.THUMBS
                || job.kind() == JobKind.POSTER
                || job.kind() == JobKind.SPRITES
                || job.kind() == JobKind.WAVEFORM) {
            LOG.warn("Media {} has no thumbnails: {}", job.mediaId(), reason);
            return;
        }
        if (job.kind() == JobKind.SUBTITLES) {
            LOG.warn("Media {} has no embedded subtitle tracks: {}", job.mediaId(), reason);
            return;
        }
        if (job.kind() == JobKind.SCENES) {
            LOG.warn("Media {} has no suggested scene markers: {}", job.mediaId(), reason);
            return;
        }
        if (job.kind() == JobKind.SEEK_PROXY) {
            // Jumps show the frame-exact still only, a little later; nothing else is missing.
            LOG.warn("Media {} has no seek proxy: {}", job.mediaId(), reason);
            return;
        }
        if (job.kind() == JobKind.HLS) {
            // The item still plays as one file; only slow links lose their head start.
            LOG.warn("Media {} has no HLS ladder: {}", job.mediaId(), reason);
            return;
        }
        states.fail(job.mediaId(), reason);
    }

    private String probeJson(MediaInfo info, ProxyDecision decision) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("container", info.container());
        out.put("formatName", info.formatName());
        out.put("durationSeconds", info.durationSeconds());
        out.put("bitRate", info.bitRate());
        out.put("startFrame", info.startFrame());
        info.sequence().ifPresent(seq -> {
            Map<String, Object> sequence = new LinkedHashMap<>();
            sequence.put("pattern", seq.pattern());
            sequence.put("first", seq.first());
            sequence.put("last", seq.last());
            sequence.put("missing", seq.missing());
            out.put("sequence", sequence);
        });
        info.video().ifPresent(v -> {
            Map<String, Object> video = new LinkedHashMap<>();
            video.put("codec", v.codec());
            video.put("profile", v.profile().orElse(null));
            video.put("codedWidth", v.codedWidth());
            video.put("codedHeight", v.codedHeight());
            video.put("displayWidth", v.displayWidth());
            video.put("displayHeight", v.displayHeight());
            video.put("rotation", v.rotation());
            video.put("pixelFormat", v.pixelFormat());
            video.put("bitDepth", v.bitDepth());
            video.put("frameRate", v.frameRate().toString());
            video.put("frameCount", v.frameCount());
            video.put("variableFrameRate", v.variableFrameRate());
            video.put("stillImage", v.stillImage());
            video.put("timestampRepair", v.timestampRepair().orElse(null));
            video.put("fieldOrder", v.fieldOrder());
            video.put("videoStreams", v.videoStreams());
            video.put(
                    "color",
                    Map.of(
                            "primaries", v.color().primaries(),
                            "transfer", v.color().transfer(),
                            "matrix", v.color().matrix(),
                            "range", v.color().range()));
            out.put("video", video);
        });
        out.put(
                "audio",
                info.audio().stream()
                        .map(a -> Map.of(
                                "codec", a.codec(), "channels", a.channels(), "channelLayout", a.channelLayout()))
                        .toList());
        out.put("subtitles", info.subtitles().size());
        out.put("startTimecode", info.startTimecode().orElse(null));
        out.put("proxy", Map.of("needed", decision.needed(), "reasons", decision.reasons()));
        try {
            return json.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
