package io.framewise.media.transcode;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Makes the seek proxy of a video: a small H.264 rendition in MP4 in which every frame is a keyframe
 * and there is no sound, so that any one frame decodes on its own in a few milliseconds. A reviewer
 * who jumps to a far frame of a long-GOP original sees that frame's small picture at once, while the
 * frame-exact still of the original (which has to decode from the keyframe before it) is made.
 *
 * <p>Frame for frame the original, like the browser proxy ({@link ProxyTranscoder}): frame N of the
 * seek proxy shows frame N of the original (variable rates, repaired timestamps and damaged frames
 * included). That is checked after writing: the seek proxy's own frame map must count the
 * original's frames and hold nothing but keyframes, or the file is removed and {@link
 * MediaException.Unsupported} says why, so no picture of another frame is ever served as frame N.
 */
public final class SeekProxyTranscoder {

    /** The largest side of a seek proxy picture: a placeholder the size of a laptop's player. */
    public static final int MAX_SIZE = 640;

    /** A little softer than the browser proxy: the picture is shown for a fraction of a second. */
    static final int CRF = 26;

    /** 640 px at most either way, CRF {@value #CRF}, veryfast; audio and keyframe interval unused. */
    public static final ProxySettings SETTINGS =
            ProxySettings.DEFAULT.withMaxSize(MAX_SIZE, MAX_SIZE).withCrf(CRF);

    /**
     * A written seek proxy.
     *
     * @param frameMap the seek proxy's own frame map (same count as the original's, all keyframes)
     * @param bytes the file's size on disk
     */
    public record Result(Path output, FrameMap frameMap, int width, int height, long bytes) {
        public Result {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(frameMap, "frameMap");
        }
    }

    /**
     * Whether a seek proxy would make jumping faster: not for an original whose every frame is a
     * keyframe already and whose picture is no larger than a seek proxy's (decoding it is as cheap).
     */
    public static boolean worthMaking(FrameMap original, int shownWidth, int shownHeight) {
        if (original.frameCount() < 2) {
            return false;
        }
        boolean intraOnly = original.keyframeCount() == original.frameCount();
        return !intraOnly || shownWidth > MAX_SIZE || shownHeight > MAX_SIZE;
    }

    /** Writes the seek proxy of {@code source} (whose frame map is {@code map}) to {@code output}. */
    public Result transcode(Path source, FrameMap map, Path output, Progress.Listener listener, Cancellation cancel) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        if (map.frameCount() == 0) {
            throw new MediaException.Corrupt(source, "the video stream holds no frames");
        }
        if (source.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the seek proxy cannot replace its source: " + output);
        }
        cancel.check(output);
        FrameRangeTranscoder.Result r;
        try (OutputFile file = OutputFile.create(output, "mp4")) {
            r = FrameRangeTranscoder.run(
                    source,
                    map,
                    0,
                    map.frameCount(),
                    SETTINGS,
                    size -> FrameRangeTranscoder.Decoration.NONE,
                    file,
                    FrameRangeTranscoder.Encoding.INTRA_ONLY_SILENT,
                    listener,
                    cancel);
        }
        FrameMap own = FrameMapBuilder.build(output);
        String wrong = own.frameCount() != map.frameCount()
                ? "it holds " + own.frameCount() + " frames, the original " + map.frameCount()
                : own.keyframeCount() != own.frameCount()
                        ? "only " + own.keyframeCount() + " of its " + own.frameCount() + " frames are keyframes"
                        : null;
        try {
            if (wrong != null) {
                Files.deleteIfExists(output);
                throw new MediaException.Unsupported(
                        source, "the seek proxy does not map frame for frame onto the original: " + wrong);
            }
            return new Result(output, own, r.size().width(), r.size().height(), Files.size(output));
        } catch (IOException e) {
            throw new MediaException.WriteFailed(output, "cannot read back the seek proxy: " + e);
        }
    }
}
