package io.framewise.media.transcode;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.OutputFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Makes the browser proxy of a media file, in process: H.264 High (libx264, CRF) + AAC-LC in MP4
 * with the moov box first (faststart) and a keyframe every second for quick scrubbing.
 *
 * <p>The proxy keeps frame count, frame order and frame timing exactly: frame N of the proxy shows
 * frame N of the original, at the original's time relative to frame 0 (variable frame rates stay
 * variable; frames an MP4 edit list hides are not frames). The picture is upright (a display
 * rotation is applied to the pixels and not carried as metadata), square-pixel, 8-bit 4:2:0, never
 * upscaled, tagged BT.709 when HD. Audio is the first audio stream as 48 kHz stereo AAC, starting
 * with the first video frame.
 *
 * <p>The output appears under its name only when complete. Cancelling stops within a frame, removes
 * the partial file and throws {@link MediaException.Cancelled}.
 */
public final class ProxyTranscoder {

    /** Transcodes {@code source} into {@code output}, building the source's frame map first. */
    public ProxyResult transcode(
            Path source, Path output, ProxySettings settings, Progress.Listener listener, Cancellation cancel) {
        Objects.requireNonNull(source, "source");
        return transcode(source, FrameMapBuilder.build(source), output, settings, listener, cancel);
    }

    /** Transcodes {@code source} with its already built frame map (a server keeps one per media). */
    public ProxyResult transcode(
            Path source,
            FrameMap frameMap,
            Path output,
            ProxySettings settings,
            Progress.Listener listener,
            Cancellation cancel) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(frameMap, "frameMap");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (frameMap.frameCount() == 0) {
            throw new MediaException.Corrupt(source, "the video stream holds no frames");
        }
        if (source.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the proxy cannot replace its source: " + output);
        }
        cancel.check(output);
        try (OutputFile file = OutputFile.create(output, "mp4")) {
            FrameRangeTranscoder.Result r = FrameRangeTranscoder.run(
                    source,
                    frameMap,
                    0,
                    frameMap.frameCount(),
                    settings,
                    size -> FrameRangeTranscoder.Decoration.NONE,
                    file,
                    listener,
                    cancel);
            return new ProxyResult(
                    output, r.frames(), r.size().width(), r.size().height(), r.audio(), r.repeatedFrames());
        }
    }
}
