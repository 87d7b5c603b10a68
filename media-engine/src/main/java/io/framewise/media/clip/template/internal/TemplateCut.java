package io.framewise.media.clip.template.internal;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.TemplateClipper;
import io.framewise.media.clip.template.TemplateContext;
import io.framewise.media.framemap.FrameMap;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;

/** Runs a templated cut. */
public final class TemplateCut {

    private TemplateCut() {}

    public static TemplateClipper.Result cut(
            Path source,
            FrameMap map,
            Path output,
            FrameRange range,
            ClipMode mode,
            ClipTemplate template,
            TemplateContext context,
            Progress.Listener listener,
            Cancellation cancel) {
        throw new UnsupportedOperationException("templated cuts are being built");
    }
}
