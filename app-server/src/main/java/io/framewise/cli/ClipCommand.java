package io.framewise.cli;

import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.ClipTemplates;
import io.framewise.media.clip.template.TemplateClipper;
import io.framewise.media.clip.template.TemplateContext;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.VideoStreamInfo;
import io.framewise.model.time.FrameRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise clip FILE --in A --out B --mode copy|smart|reencode -o OUT}. */
@Command(
        name = "clip",
        description = "Cut the frames [in, out) into a new file. copy: stream copy, starts on the keyframe at or"
                + " before --in (and says so); smart: frame-exact, re-encodes only the partial GOPs at the ends;"
                + " reencode: frame-exact full re-encode, optionally with a watermark.")
final class ClipCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The media file.")
    Path file;

    @Option(names = "--in", required = true, paramLabel = "A", description = "First frame (index or timecode).")
    String in;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "B",
            description = "Frame after the last one (index or timecode).")
    String out;

    @Option(
            names = "--mode",
            defaultValue = "smart",
            paramLabel = "MODE",
            description = "copy, smart or reencode (default smart).")
    String mode;

    @Option(
            names = "-o",
            required = true,
            paramLabel = "OUT",
            description = "Output file; its extension picks the container.")
    Path output;

    @Option(names = "--watermark-text", paramLabel = "TEXT", description = "reencode: burn this text in.")
    String watermarkText;

    @Option(names = "--watermark-image", paramLabel = "PNG", description = "reencode: overlay this image.")
    Path watermarkImage;

    @Option(
            names = "--template",
            paramLabel = "FILE.json",
            description = "Brand the clip with a template (the server's format). Image and subtitle ids name files"
                    + " beside it: imageId \"logo\" is logo.png, fileId \"subs\" is subs.srt or subs.vtt.")
    Path template;

    @Option(names = "--title", paramLabel = "T", description = "The {title} of a template (default: the file name).")
    String title;

    @Override
    public Integer call() throws Exception {
        ClipMode clipMode = parseMode(mode);
        if ((watermarkText != null || watermarkImage != null) && clipMode != ClipMode.REENCODE) {
            throw new IllegalArgumentException("watermarks need --mode reencode");
        }
        MediaInfo info = MediaProbe.probe(file);
        VideoStreamInfo video =
                info.video().orElseThrow(() -> new IllegalArgumentException(file + " has no video to clip"));
        long count = video.frameCount();
        long a = new FramePosition(in).resolve(video.frameRate(), info.startTimecode(), count);
        long b = new FramePosition(out).resolve(video.frameRate(), info.startTimecode(), count);
        if (b <= a) {
            throw new IllegalArgumentException("--out (" + out + ") must come after --in (" + in + ")");
        }
        ClipOptions options = ClipOptions.DEFAULT;
        if (watermarkText != null) {
            options =
                    options.withText(ClipOptions.TextWatermark.of(watermarkText, ClipOptions.Corner.BOTTOM_RIGHT, 0.8));
        }
        if (watermarkImage != null) {
            options = options.withImage(
                    new ClipOptions.ImageWatermark(watermarkImage, ClipOptions.Corner.BOTTOM_LEFT, 0.8, 0.2));
        }
        if (template != null && (watermarkText != null || watermarkImage != null)) {
            throw new IllegalArgumentException("--template replaces --watermark-text and --watermark-image");
        }
        TerminalProgress bar = new TerminalProgress(spec.commandLine().getErr(), "clip");
        ClipResult result;
        int slateFrames = 0;
        try (Interruptible interrupt = new Interruptible()) {
            if (template != null) {
                ClipTemplate t = ClipTemplates.parse(readTemplate(template));
                TemplateContext context = TemplateContext.of(title != null ? title : baseName(file))
                        .withFiles(templateFiles(t, template.toAbsolutePath().getParent()));
                TemplateClipper.Result r = new TemplateClipper()
                        .cut(
                                file,
                                FrameMapBuilder.build(file),
                                output,
                                FrameRange.of(a, b),
                                clipMode,
                                t,
                                context,
                                bar,
                                interrupt.cancellation());
                result = r.clip();
                slateFrames = r.slateFrames();
            } else {
                result = new ClipCutter()
                        .cut(file, output, FrameRange.of(a, b), clipMode, options, bar, interrupt.cancellation());
            }
        } finally {
            bar.finish();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("output", output.toString());
        json.put("mode", result.mode().name().toLowerCase(Locale.ROOT));
        json.put("requested", Map.of("in", a, "out", b));
        json.put(
                "actual",
                Map.of("in", result.actual().in(), "out", result.actual().out()));
        json.put("snapped", result.snapped());
        json.put("frameCount", result.frameCount());
        json.put("framesReencoded", result.framesReencoded());
        json.put("framesCopied", result.framesCopied());
        json.put("audio", result.audio());
        if (template != null) {
            json.put("slateFrames", slateFrames);
        }
        result.fallbackReason().ifPresent(reason -> json.put("fallback", reason));
        spec.commandLine().getOut().println(ProbeCommand.JSON.writeValueAsString(json));
        return 0;
    }

    /** The template file's text; a file that cannot be read as text is a usage error naming it. */
    static String readTemplate(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            String why =
                    e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text" : e.getMessage();
            throw new IllegalArgumentException("--template " + file + " cannot be read: " + why);
        }
    }

    /** Ids of a template's files as files beside the template. */
    static Map<String, Path> templateFiles(ClipTemplate t, Path dir) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String id : t.imageIds()) {
            files.put(id, dir.resolve(id + ".png"));
        }
        for (String id : t.subtitleFileIds()) {
            Path srt = dir.resolve(id + ".srt");
            files.put(id, Files.exists(srt) ? srt : dir.resolve(id + ".vtt"));
        }
        return files;
    }

    private static String baseName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static ClipMode parseMode(String text) {
        try {
            return ClipMode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be copy, smart or reencode, was '" + text + "'");
        }
    }
}
