package io.framewise.media.clip;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.ffmpeg.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts clips out of media by frame range [in, out) of the source's frame map, in process. The output
 * container follows the output file name (.mp4, .mov, .mkv, .ts); the file appears only when
 * complete. See {@link ClipMode} for what each mode gives; {@link ClipResult} tells what was done.
 */
public final class ClipCutter {

    private static final Logger LOG = LoggerFactory.getLogger(ClipCutter.class);

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
        return switch (mode) {
            case COPY -> new StreamCopier(
                            source, map, output, options.encoding().audioBitrate(), listener, cancel)
                    .copy(range);
            case REENCODE -> ReencodeCutter.cut(source, map, output, range, options, listener, cancel);
            case SMART -> smart(source, map, output, range, options, listener, cancel);
        };
    }

    private static ClipResult smart(
            Path source,
            FrameMap map,
            Path output,
            FrameRange range,
            ClipOptions options,
            Progress.Listener listener,
            Cancellation cancel) {
        if (map.keyframeCount() == map.frameCount()) {
            // Intra-only (ProRes, DNxHD, MJPEG...): a stream copy is already frame exact.
            String reason = "every frame is a keyframe: a stream copy is frame exact";
            try {
                return new StreamCopier(source, map, output, options.encoding().audioBitrate(), listener, cancel)
                        .copy(range)
                        .asFallback(ClipMode.SMART, reason);
            } catch (MediaException.Unsupported e) {
                return reencode(source, map, output, range, options, listener, cancel, e.getMessage());
            }
        }
        ClipPlan.Smart plan = ClipPlan.smart(map, range);
        if (!plan.hasKeyframeInside()) {
            return reencode(
                    source,
                    map,
                    output,
                    range,
                    options,
                    listener,
                    cancel,
                    "no keyframe inside " + range + ": the whole range is re-encoded");
        }
        Optional<String> unsupported;
        try (MediaInput input = MediaInput.open(source)) {
            unsupported = SmartCutter.unsupportedReason(input.stream(map.streamIndex()));
        }
        if (unsupported.isPresent()) {
            return reencode(source, map, output, range, options, listener, cancel, unsupported.get());
        }
        try {
            return new SmartCutter(source, map, output, plan, options, listener, cancel).cut(range);
        } catch (SmartCutter.NotPossible e) {
            return reencode(source, map, output, range, options, listener, cancel, e.getMessage());
        }
    }

    private static ClipResult reencode(
            Path source,
            FrameMap map,
            Path output,
            FrameRange range,
            ClipOptions options,
            Progress.Listener listener,
            Cancellation cancel,
            String reason) {
        return ReencodeCutter.cut(source, map, output, range, options, listener, cancel)
                .asFallback(ClipMode.SMART, reason);
    }

    /** The first audio stream FFmpeg can decode, or -1. */
    static int firstAudioStream(MediaInput input) {
        for (int i = 0; i < input.streamCount(); i++) {
            if (input.stream(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                AVCodec decoder =
                        avcodec_find_decoder(input.stream(i).codecpar().codec_id());
                if (decoder != null && !decoder.isNull()) {
                    return i;
                }
                LOG.warn(
                        "{}: no decoder for audio codec {}; the clip has no audio",
                        input.file(),
                        avcodec_get_name(input.stream(i).codecpar().codec_id()).getString());
                return -1;
            }
        }
        return -1;
    }
}
