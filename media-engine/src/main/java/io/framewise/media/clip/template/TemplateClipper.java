package io.framewise.media.clip.template;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.clip.template.internal.TemplateCut;
import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Cuts a clip with a template applied, in process. Frame exact: frame k of the output (after the
 * slate's frames, if any) is source frame {@code range.in() + k}.
 *
 * <p>A template that changes pictures (any step, or an output other than plain MP4) needs the frames
 * re-encoded: SMART and COPY are then run as REENCODE and the result says so in
 * {@link ClipResult#fallbackReason()} (ADR 0034). An empty template with MP4 output cuts in the mode
 * asked for.
 */
public final class TemplateClipper {

    /** What the cut produced, and how many slate frames come before the clip's own frames. */
    public record Result(ClipResult clip, int slateFrames) {
        public Result {
            Objects.requireNonNull(clip, "clip");
        }

        /** Frames in the output file: slate plus clip. */
        public long totalFrames() {
            return slateFrames + clip.frameCount();
        }
    }

    public Result cut(
            Path source,
            FrameMap map,
            Path output,
            FrameRange range,
            ClipMode mode,
            ClipTemplate template,
            TemplateContext context,
            Progress.Listener listener,
            Cancellation cancel) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (range.out() > map.frameCount()) {
            throw new IllegalArgumentException("frame range " + range + " is outside the frames of " + source + " (0.."
                    + (map.frameCount() - 1) + ", " + map.frameCount() + " frames)");
        }
        if (source.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("a clip cannot replace its source: " + output);
        }
        cancel.check(output);
        return TemplateCut.cut(source, map, output, range, mode, template, context, listener, cancel);
    }
}
