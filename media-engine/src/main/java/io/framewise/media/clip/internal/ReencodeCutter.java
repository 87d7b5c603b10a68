package io.framewise.media.clip.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.OutputFile;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** {@link ClipMode#REENCODE}: frames [in, out) decoded and encoded to H.264 + AAC, watermarks drawn on. */
final class ReencodeCutter {

    private ReencodeCutter() {}

    static ClipResult cut(
            Path source,
            FrameMap map,
            Path output,
            FrameRange range,
            ClipOptions options,
            Progress.Listener listener,
            Cancellation cancel) {
        options.text().ifPresent(Watermarks::checkFont);
        AVFrame picture =
                options.image().map(w -> Watermarks.loadPicture(w.image())).orElse(null);
        try (OutputFile out = OutputFile.create(output, null)) {
            FrameRangeTranscoder.Result r = FrameRangeTranscoder.run(
                    source,
                    map,
                    range.in(),
                    range.out(),
                    options.encoding(),
                    size -> Watermarks.decoration(options, picture, size),
                    out,
                    listener,
                    cancel);
            return new ClipResult(
                    output,
                    ClipMode.REENCODE,
                    ClipMode.REENCODE,
                    range,
                    range,
                    r.frames(),
                    false,
                    r.frames(),
                    0,
                    r.audio(),
                    Optional.empty());
        } finally {
            if (picture != null) {
                av_frame_free(picture);
            }
        }
    }
}
