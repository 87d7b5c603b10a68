package io.framewise.media.clip.template.internal;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.TemplateClipper;
import io.framewise.media.clip.template.TemplateContext;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.probe.internal.ProbeReader;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.OutputFile;
import io.framewise.model.time.FrameRange;
import io.framewise.model.time.Timecode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A templated cut: the frames [in, out) decoded once, drawn on by the template's filter stages and
 * encoded (H.264/AAC MP4 or VP9/Opus WebM), the slate's frames first. A template that draws nothing
 * and keeps MP4 cuts in the mode asked for.
 */
public final class TemplateCut {

    static final String REENCODED =
            "the template draws on the pictures (or changes their size or codec), so every frame is re-encoded";

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
        if (!template.changesPictures() && context.watermark().isEmpty()) {
            ClipResult plain = new ClipCutter()
                    .cut(source, map, output, range, mode, ClipOptions.DEFAULT, listener, cancel);
            return new TemplateClipper.Result(plain, 0);
        }
        Timecode start = startTimecode(source, map, context);
        ProxySettings settings = ProxySettings.fullSize();
        if (template.maxHeight().isPresent()) {
            settings = settings.withMaxHeight(template.maxHeight().getAsInt());
        }
        boolean webm = template.output().format() == ClipTemplate.Format.WEBM;
        FrameRangeTranscoder.Encoding encoding = new FrameRangeTranscoder.Encoding(
                webm ? FrameRangeTranscoder.Codecs.VP9_OPUS : FrameRangeTranscoder.Codecs.H264_AAC,
                template.output().videoBitrateKbps().orElse(0) * 1000L);
        try (TemplateGraph graph = new TemplateGraph(template, context, map, range, start, source);
                OutputFile out = OutputFile.create(output, webm ? "webm" : "mp4")) {
            FrameRangeTranscoder.Result r = FrameRangeTranscoder.run(
                    source,
                    map,
                    range.in(),
                    range.out(),
                    settings,
                    size -> graph.decoration(size, true),
                    out,
                    encoding,
                    listener,
                    cancel);
            int slate = graph.slateFrames();
            ClipResult result = new ClipResult(
                    output,
                    ClipMode.REENCODE,
                    ClipMode.REENCODE,
                    range,
                    range,
                    r.frames(),
                    false,
                    r.frames() + slate,
                    0,
                    r.audio(),
                    Optional.empty());
            return new TemplateClipper.Result(mode == ClipMode.REENCODE ? result : result.asFallback(mode, REENCODED), slate);
        }
    }

    /** The context's start timecode, else the source's own, else 00:00:00:00. */
    static Timecode startTimecode(Path source, FrameMap map, TemplateContext context) {
        if (context.startTimecode().isPresent()) {
            return usable(context.startTimecode().get(), map);
        }
        try (MediaInput input = MediaInput.open(source)) {
            return ProbeReader.startTimecode(input)
                    .map(label -> {
                        try {
                            return usable(Timecode.parse(label), map);
                        } catch (IllegalArgumentException e) {
                            return zero();
                        }
                    })
                    .orElseGet(TemplateCut::zero);
        }
    }

    private static Timecode usable(Timecode tc, FrameMap map) {
        try {
            Timecode.ofIndex(0, tc, map.frameRate());
            return tc;
        } catch (IllegalArgumentException notForThisRate) {
            // Drop frame on a rate without drop frame: count the same label without dropping.
            return new Timecode(tc.hours(), tc.minutes(), tc.seconds(), tc.frames(), false);
        }
    }

    private static Timecode zero() {
        return new Timecode(0, 0, 0, 0, false);
    }
}
