package io.framewise.media.still;

import io.framewise.media.still.internal.StillCodec;

/**
 * Encodes {@link Picture}s as PNG, JPEG or WebP with FFmpeg's own encoders, in process: {@code png},
 * {@code mjpeg} (full-range BT.601 4:2:0, what JFIF viewers expect) and {@code libwebp}. Thread-safe:
 * every call has its own encoder.
 */
public final class StillEncoder {

    /** A good default for JPEG and WebP stills. */
    public static final int DEFAULT_QUALITY = 90;

    private StillEncoder() {}

    /** {@code picture} in {@code format} at {@link #DEFAULT_QUALITY}. */
    public static byte[] encode(Picture picture, StillFormat format) {
        return encode(picture, format, DEFAULT_QUALITY);
    }

    /**
     * {@code picture} in {@code format}. {@code quality} runs from 1 (smallest) to 100 (best) and is
     * ignored for PNG, which is lossless.
     */
    public static byte[] encode(Picture picture, StillFormat format, int quality) {
        return StillCodec.encode(picture, format, quality);
    }

    /**
     * A composed RGB image that is not a single frame (a sprite sheet, a still with drawings burnt in):
     * packed RGB24, rows of {@code width * 3} bytes.
     */
    public static byte[] encodeImage(int width, int height, byte[] rgb, StillFormat format, int quality) {
        return StillCodec.encodeImage(width, height, rgb, format, quality);
    }
}
