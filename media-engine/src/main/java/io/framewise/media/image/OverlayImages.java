package io.framewise.media.image;

import io.framewise.media.image.internal.OverlayCodec;

/**
 * Still overlay images other tools made (a reviewer's drawing flattened to a transparent picture):
 * decoded in process with FFmpeg's own decoders and re-encoded as PNG, which every browser and
 * JavaFX show. WebP (lossy or lossless, with alpha) and PNG are read. Thread-safe: every call has its
 * own codec.
 */
public final class OverlayImages {

    /** Larger overlays are refused before decoding: no review frame is bigger. */
    public static final int MAX_SIDE = 8192;

    /** Larger files are refused before decoding. */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    private OverlayImages() {}

    /**
     * Decodes {@code bytes} (WebP or PNG, told apart by their signature) to RGBA and PNG.
     *
     * @throws io.framewise.media.MediaException.Corrupt when the bytes are not a readable picture
     * @throws io.framewise.media.MediaException.Unsupported for another format
     */
    public static RgbaImage decode(byte[] bytes) {
        return OverlayCodec.decode(bytes);
    }
}
