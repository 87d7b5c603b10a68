package io.framewise.media.clip.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a checked cut in the mode asked for, falling back from SMART to a copy or a re-encode where a
 * smart cut cannot be frame exact.
 */
public final class Cuts {

    private static final Logger LOG = LoggerFactory.getLogger(Cuts.class);

    private Cuts() {}

    /** Cuts {@code range} of {@code source}; the caller has checked the arguments. */
    public static ClipResult cut(
            Path source,
            FrameMap map,
            Path output,
            FrameRange range,
            ClipMode mode,
            ClipOptions options,
            Progress.Listener listener,
            Cancellation cancel) {
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
    public static int firstAudioStream(MediaInput input) {
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
