package io.framewise.server.jobs;

import io.framewise.media.Cancellation;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.transcode.SeekProxyTranscoder;
import io.framewise.server.crypto.SealedMedia;
import io.framewise.server.media.MediaFiles;
import io.framewise.server.media.MediaItem;
import io.framewise.server.media.MediaRepository;
import io.framewise.server.media.MediaStatus;
import io.framewise.server.media.RenditionKind;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seek proxy of a video (ADR 0051): a small all-keyframe rendition, frame for frame the
 * original, whose stills a jump in the player shows while the frame-exact still is made. Its own
 * frame map is written next to it first, then the rendition is recorded: a still route that finds
 * the rendition always finds the map. The engine writes the video under a temporary name and checks
 * it maps onto the original frame for frame; a re-run after a crash starts over. It never holds the
 * item back, and an item without one only jumps more slowly. It publishes no progress: the item is
 * ready already, and a library card showing a percentage for it would read as "not playable yet";
 * a page opened after it is done finds it in the item's renditions.
 */
final class SeekProxyStep {

    private static final Logger LOG = LoggerFactory.getLogger(SeekProxyStep.class);

    private final MediaFiles files;
    private final MediaRepository media;

    SeekProxyStep(MediaFiles files, MediaRepository media) {
        this.files = files;
        this.media = media;
    }

    /** Whether the item gets a seek proxy: a video of more than one frame that jumps slowly as it is. */
    static boolean applies(MediaItem item, FrameMap map) {
        if (item.probe() == null) {
            return false;
        }
        return SeekProxyTranscoder.worthMaking(
                map, item.probe().width(), item.probe().height());
    }

    void run(MediaItem item, Path original, Cancellation cancel) throws IOException {
        if (item.frameMapPath() == null) {
            throw new IllegalStateException("the frame map of " + item.id() + " is not built yet");
        }
        FrameMap map = FrameMap.fromBytes(
                io.framewise.server.crypto.SealedMedia.readAllBytes(files.resolve(item.frameMapPath())));
        Path target = files.file(item.id(), MediaFiles.SEEK_PROXY);
        SeekProxyTranscoder.Result result =
                new SeekProxyTranscoder().transcode(original, map, target, progress -> {}, cancel);
        SealedMedia.sealIfOn(target);
        SealedMedia.write(
                files.file(item.id(), MediaFiles.SEEK_PROXY_FRAME_MAP),
                result.frameMap().toBytes());
        media.putRendition(
                item.id(),
                RenditionKind.SEEK_PROXY,
                files.relative(target),
                MediaStatus.READY,
                "{\"frameCount\":" + result.frameMap().frameCount() + ",\"width\":" + result.width() + ",\"height\":"
                        + result.height() + ",\"bytes\":" + result.bytes() + "}");
        LOG.info(
                "Media {}: seek proxy {}x{}, {} frames, {} bytes",
                item.id(),
                result.width(),
                result.height(),
                result.frameMap().frameCount(),
                result.bytes());
    }
}
