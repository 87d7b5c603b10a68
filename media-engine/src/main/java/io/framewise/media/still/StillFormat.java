package io.framewise.media.still;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The image formats a still can be written in. */
public enum StillFormat {
    /** Lossless; the frame exactly. */
    PNG("png", "image/png", List.of("png")),
    /** Baseline JPEG, full-range 4:2:0, as browsers and viewers expect. */
    JPEG("jpg", "image/jpeg", List.of("jpg", "jpeg")),
    /** Lossy WebP. */
    WEBP("webp", "image/webp", List.of("webp"));

    private final String extension;
    private final String mimeType;
    private final List<String> extensions;

    StillFormat(String extension, String mimeType, List<String> extensions) {
        this.extension = extension;
        this.mimeType = mimeType;
        this.extensions = extensions;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The still file name for frame {@code index}: {@code frame-000042.png}. */
    public String fileName(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("frame index must not be negative: " + index);
        }
        return String.format(Locale.ROOT, "frame-%06d.%s", index, extension);
    }

    /**
     * The format a file name's extension asks for ({@code .png}, {@code .jpg}/{@code .jpeg}, {@code
     * .webp}, any case), or an {@link IllegalArgumentException} naming the name and the choices.
     */
    public static StillFormat fromFileName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        int dot = fileName.lastIndexOf('.');
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        if (dot > slash && dot < fileName.length() - 1) {
            String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            for (StillFormat f : values()) {
                if (f.extensions.contains(ext)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException(
                "cannot tell the image format of \"" + fileName + "\": use .png, .jpg, .jpeg or .webp");
    }
}
