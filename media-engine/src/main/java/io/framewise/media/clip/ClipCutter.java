package io.framewise.media.clip;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.internal.Cuts;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Cuts clips out of media by frame range [in, out) of the source's frame map, in process. The output
 * container follows the output file name (.mp4, .mov, .mkv, .ts); the file appears only when
 * complete. See {@link ClipMode} for what each mode gives; {@link ClipResult} tells what was done.
 */
public final class ClipCutter {

    public ClipResult cut(
            Path source,
            Path output,
            FrameRange range,
            ClipMode mode,
            ClipOptions options,
            Progress.Listener listener,
            Cancellation cancel) {
        Objects.requireNonNull(source, "source");
        return cut(source, FrameMapBuilder.build(source), output, range, mode, options, listener, cancel);
    }

    /** Cuts with the source's already built frame map (a server keeps one per media). */
    public ClipResult cut(
            Path source,
            FrameMap map,
            Path output,
            FrameRange range,
            ClipMode mode,
            ClipOptions options,
            Progress.Listener listener,
            Cancellation cancel) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (range.in() >= map.frameCount() || range.out() > map.frameCount()) {
            throw new IllegalArgumentException("frame range " + range + " is outside the frames of " + source + " (0.."
                    + (map.frameCount() - 1) + ", " + map.frameCount() + " frames)");
        }
        if (options.hasWatermark() && mode != ClipMode.REENCODE) {
            throw new IllegalArgumentException(
                    "watermarks are drawn on re-encoded pictures: use REENCODE, not " + mode);
        }
        if (source.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("a clip cannot replace its source: " + output);
        }
        cancel.check(output);
        return Cuts.cut(source, map, output, range, mode, options, listener, cancel);
    }
}
