package io.framewise.model.media;

import io.framewise.model.time.FrameRate;
import java.util.Objects;
import java.util.Optional;

/**
 * One video stream as probed.
 *
 * <p>{@code codedWidth}/{@code codedHeight} are the stored picture; {@code displayWidth}/{@code
 * displayHeight} are what a viewer sees: rotation applied, and square pixels after the sample aspect
 * ratio is honoured. {@code frameCount} is exact: it is counted from the packets when the container
 * does not say.
 *
 * @param index stream index in the container
 * @param codec FFmpeg codec name ("h264", "hevc", "prores", "vp9", "png", ...)
 * @param profile codec profile name, empty when the codec has none
 * @param rotation clockwise degrees to turn the stored picture to show it upright (0, 90, 180, 270)
 * @param pixelFormat FFmpeg pixel format name ("yuv420p", "yuv422p10le", ...)
 * @param bitDepth bits per component
 * @param frameRate nominal frame rate as an exact rational
 * @param variableFrameRate whether frame durations vary beyond timestamp rounding
 * @param stillImage whether the stream is a single still picture (an image file)
 * @param timestampRepair how the frames' timestamps were repaired (colliding, backward or missing
 *     pts), empty when the container's timestamps were used as they are
 * @param fieldOrder how the picture's fields are stored, as FFmpeg names it: "progressive", "tt"
 *     (top field first), "bb" (bottom first), "tb" or "bt" (coded one way, shown the other), or
 *     "unknown" when the stream does not say. A frame is a frame either way: an interlaced frame
 *     holds both fields and counts once.
 * @param videoStreams how many video streams the file holds (attached pictures not counted); when
 *     more than one, this stream is the first one the file marks as default, else the first
 */
public record VideoStreamInfo(
        int index,
        String codec,
        Optional<String> profile,
        int codedWidth,
        int codedHeight,
        int displayWidth,
        int displayHeight,
        String sampleAspectRatio,
        int rotation,
        String pixelFormat,
        int bitDepth,
        ColorInfo color,
        FrameRate frameRate,
        long frameCount,
        boolean variableFrameRate,
        long bitRate,
        boolean stillImage,
        Optional<String> timestampRepair,
        String fieldOrder,
        int videoStreams) {

    public VideoStreamInfo {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(sampleAspectRatio, "sampleAspectRatio");
        Objects.requireNonNull(pixelFormat, "pixelFormat");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(frameRate, "frameRate");
        Objects.requireNonNull(timestampRepair, "timestampRepair");
        Objects.requireNonNull(fieldOrder, "fieldOrder");
        if (rotation % 90 != 0 || rotation < 0 || rotation >= 360) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, was " + rotation);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frameCount must not be negative, was " + frameCount);
        }
        if (videoStreams < 1) {
            throw new IllegalArgumentException("videoStreams must be at least 1, was " + videoStreams);
        }
    }

    /** Whether the frames are stored as two interlaced fields. */
    public boolean interlaced() {
        return fieldOrder.equals("tt") || fieldOrder.equals("bb") || fieldOrder.equals("tb") || fieldOrder.equals("bt");
    }
}
