package io.framewise.media.clip.template;

import io.framewise.media.clip.template.internal.TemplateStill;
import io.framewise.media.framemap.FrameMap;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A still of one source frame as a templated clip would show it: the same filter graph as
 * {@link TemplateClipper}, on that one frame.
 */
public final class TemplatePreview {

    private TemplatePreview() {}

    /**
     * JPEG of source frame {@code frame} with the template's overlays, at most {@code maxWidth} wide
     * (never upscaled); with {@code slate} the slate card instead (a template without a slate shows
     * the frame).
     */
    public static byte[] still(
            Path source,
            FrameMap map,
            long frame,
            ClipTemplate template,
            TemplateContext context,
            int maxWidth,
            boolean slate) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(context, "context");
        if (frame < 0 || frame >= map.frameCount()) {
            throw new IllegalArgumentException(
                    "frame " + frame + " is outside 0.." + (map.frameCount() - 1) + " of " + source);
        }
        if (maxWidth < 16 || maxWidth > 8192) {
            throw new IllegalArgumentException("width must be 16..8192, was " + maxWidth);
        }
        return TemplateStill.jpeg(source, map, frame, template, context, maxWidth, slate);
    }
}
