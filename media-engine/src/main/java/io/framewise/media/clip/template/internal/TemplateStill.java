package io.framewise.media.clip.template.internal;

import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.TemplateContext;
import io.framewise.media.framemap.FrameMap;
import java.nio.file.Path;

/** A templated still of one frame. */
public final class TemplateStill {

    private TemplateStill() {}

    public static byte[] jpeg(
            Path source, FrameMap map, long frame, ClipTemplate template, TemplateContext context, int maxWidth, boolean slate) {
        throw new UnsupportedOperationException("template previews are being built");
    }
}
