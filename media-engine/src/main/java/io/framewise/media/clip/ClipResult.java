package io.framewise.media.clip;

import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cut produced.
 *
 * @param requestedMode the mode asked for
 * @param mode the mode used: differs from the requested one after a fallback
 * @param requested the source frames asked for
 * @param actual the source frames the clip holds (differs from {@code requested} when COPY snapped)
 * @param frameCount frames in the clip
 * @param snapped whether the range snapped to keyframes
 * @param framesReencoded frames decoded and encoded again
 * @param framesCopied frames stream-copied unchanged
 * @param audio whether the clip has audio
 * @param fallbackReason why the requested mode was not used, when it was not
 */
public record ClipResult(
        Path output,
        ClipMode requestedMode,
        ClipMode mode,
        FrameRange requested,
        FrameRange actual,
        long frameCount,
        boolean snapped,
        long framesReencoded,
        long framesCopied,
        boolean audio,
        Optional<String> fallbackReason) {

    public ClipResult {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(requestedMode, "requestedMode");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(fallbackReason, "fallbackReason");
    }

    /** This result as the outcome of a fallback from {@code requestedMode} for {@code reason}. */
    public ClipResult asFallback(ClipMode requestedMode, String reason) {
        return new ClipResult(
                output,
                requestedMode,
                mode,
                requested,
                actual,
                frameCount,
                snapped,
                framesReencoded,
                framesCopied,
                audio,
                Optional.of(reason));
    }
}
