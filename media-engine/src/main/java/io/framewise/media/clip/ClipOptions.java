package io.framewise.media.clip;

import io.framewise.media.transcode.ProxySettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a clip. Encoding settings and watermarks apply where pictures are encoded: watermarks
 * need {@link ClipMode#REENCODE}.
 *
 * @param encoding H.264/AAC settings for re-encoded pictures; full size by default
 * @param text a text watermark, if any
 * @param image a picture watermark (PNG with transparency, or any picture FFmpeg reads), if any
 */
public record ClipOptions(ProxySettings encoding, Optional<TextWatermark> text, Optional<ImageWatermark> image) {

    /** Where a watermark sits; a margin keeps it off the picture's edges. */
    public enum Corner {
        TOP_LEFT,
        TOP_RIGHT,
        BOTTOM_LEFT,
        BOTTOM_RIGHT,
        CENTER
    }

    /** The font used when a text watermark names none (Debian's fonts-dejavu-core). */
    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    public static final ClipOptions DEFAULT =
            new ClipOptions(ProxySettings.fullSize(), Optional.empty(), Optional.empty());

    public ClipOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(image, "image");
    }

    public boolean hasWatermark() {
        return text.isPresent() || image.isPresent();
    }

    public ClipOptions withEncoding(ProxySettings value) {
        return new ClipOptions(value, text, image);
    }

    public ClipOptions withText(TextWatermark value) {
        return new ClipOptions(encoding, Optional.of(value), image);
    }

    public ClipOptions withImage(ImageWatermark value) {
        return new ClipOptions(encoding, text, Optional.of(value));
    }

    /**
     * A line of text drawn over every frame.
     *
     * @param heightFraction text height as a fraction of the picture height
     * @param opacity 0 (invisible) to 1 (opaque)
     * @param font a TrueType/OpenType font file
     */
    public record TextWatermark(String text, Corner corner, double heightFraction, double opacity, Path font) {

        public TextWatermark {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(corner, "corner");
            Objects.requireNonNull(font, "font");
            if (text.isBlank()) {
                throw new IllegalArgumentException("watermark text is empty");
            }
            if (!(heightFraction > 0 && heightFraction <= 0.5)) {
                throw new IllegalArgumentException(
                        "text height must be in (0, 0.5] of the picture, was " + heightFraction);
            }
            checkOpacity(opacity);
        }

        /** White text with a dark outline, 1/20 of the picture high, in the default font. */
        public static TextWatermark of(String text, Corner corner, double opacity) {
            return new TextWatermark(text, corner, 0.05, opacity, DEFAULT_FONT);
        }
    }

    /**
     * A picture laid over every frame.
     *
     * @param widthFraction the picture's width as a fraction of the video width, or 0 for its own size
     * @param opacity 0 (invisible) to 1 (as the picture's own alpha says)
     */
    public record ImageWatermark(Path image, Corner corner, double opacity, double widthFraction) {

        public ImageWatermark {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(corner, "corner");
            checkOpacity(opacity);
            if (!(widthFraction >= 0 && widthFraction <= 1)) {
                throw new IllegalArgumentException(
                        "watermark width must be 0..1 of the video width, was " + widthFraction);
            }
        }
    }

    private static void checkOpacity(double opacity) {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be 0..1, was " + opacity);
        }
    }
}
