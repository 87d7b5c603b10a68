package io.framewise.media.clip.template.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.framewise.media.MediaException;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.internal.Watermarks;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.TemplateContext;
import io.framewise.media.clip.template.TemplateException;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.transcode.PictureGeometry;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.VideoFilterGraph;
import io.framewise.model.time.FrameRange;
import io.framewise.model.time.Timecode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A template as filter stages over the clip's pictures, one implementation for clips and previews.
 * Texts are drawtext filters in DejaVu Sans; what changes per frame (the source timecode, the frame
 * number, the subtitle on screen) is put on each frame as metadata by the tagger and shown with
 * drawtext's %{metadata:...}, so user text is never parsed as an expression. Images and note drawings
 * are overlays; drawings are enabled by time for their note's frames. Frames enter the graph with
 * timestamps relative to the clip's first frame {@code in}.
 */
final class TemplateGraph implements AutoCloseable {

    static final Path FONT = ClipOptions.DEFAULT_FONT;
    private static final String TIMECODE_KEY = "fw.timecode";
    private static final String FRAME_KEY = "fw.frame";

    private final ClipTemplate template;
    private final TemplateContext context;
    private final FrameMap map;
    private final FrameRange range;
    private final Timecode start;
    private final Path file;
    private final Map<Integer, List<SidecarSubtitles.Cue>> subtitles = new LinkedHashMap<>();
    private final Map<Integer, Path> images = new LinkedHashMap<>();
    private final List<AVFrame> owned = new ArrayList<>();

    /** Checks the font and every file the template names, and reads subtitles, before any work. */
    TemplateGraph(
            ClipTemplate template, TemplateContext context, FrameMap map, FrameRange range, Timecode start, Path file) {
        this.template = template;
        this.context = context;
        this.map = map;
        this.range = range;
        this.start = start;
        this.file = file;
        if (!Files.isRegularFile(FONT)) {
            throw new MediaException.NotFound(
                    FONT, "the template font DejaVu Sans is missing (install Debian's fonts-dejavu-core)");
        }
        for (int i = 0; i < template.steps().size(); i++) {
            ClipTemplate.Step step = template.steps().get(i);
            String path = "steps[" + i + "]";
            if (step instanceof ClipTemplate.Image image) {
                images.put(i, existing(context.file(image.imageId(), path + ".imageId"), path + ".imageId"));
            } else if (step instanceof ClipTemplate.Subtitles sub) {
                Path f = existing(context.file(sub.fileId(), path + ".fileId"), path + ".fileId");
                subtitles.put(i, SidecarSubtitles.read(f, path + ".fileId"));
            }
        }
    }

    private static Path existing(Path p, String path) {
        if (!Files.isRegularFile(p)) {
            throw new TemplateException(path, "names a file that is missing: " + p.getFileName());
        }
        return p;
    }

    int slateFrames() {
        return template.slateFrames();
    }

    /** The decoration of pictures of {@code size}; with {@code slate}, the slate comes first. */
    FrameRangeTranscoder.Decoration decoration(PictureGeometry size, boolean slate) {
        List<VideoFilterGraph.Stage> stages = new ArrayList<>();
        int margin = margin(size);
        for (int i = 0; i < template.steps().size(); i++) {
            ClipTemplate.Step step = template.steps().get(i);
            if (step instanceof ClipTemplate.Text text) {
                stages.add(drawText(
                        dynamicText(text.text()),
                        text.position(),
                        fontSize(size, text.size()),
                        text.color(),
                        text.opacity(),
                        text.box() ? text.boxColor().orElse("#000000") : null,
                        margin));
            } else if (step instanceof ClipTemplate.Image image) {
                stages.add(image(image, images.get(i), size, margin));
            } else if (step instanceof ClipTemplate.Subtitles sub) {
                stages.add(drawText(
                        "%{metadata:" + subtitleKey(i) + "}",
                        sub.position(),
                        fontSize(size, sub.size()),
                        sub.color(),
                        1,
                        null,
                        margin));
            } else if (step instanceof ClipTemplate.Drawings) {
                drawings(size, stages);
            }
        }
        context.watermark().ifPresent(line -> stages.add(watermark(line, size, margin)));
        FrameRangeTranscoder.Prelude prelude = slate && template.slate().isPresent()
                ? new FrameRangeTranscoder.Prelude(template.slateFrames(), slatePicture(size))
                : FrameRangeTranscoder.Prelude.NONE;
        return new FrameRangeTranscoder.Decoration(stages, this::tag, prelude);
    }

    /** Puts what changes per frame on the frame, for the drawtext filters to show. */
    void tag(AVFrame frame, long sourceIndex) {
        AVDictionary dict = frame.metadata();
        if (dict == null || dict.isNull()) {
            dict = new AVDictionary(null);
        }
        av_dict_set(dict, TIMECODE_KEY, timecode(sourceIndex), 0);
        av_dict_set(dict, FRAME_KEY, Long.toString(sourceIndex), 0);
        double seconds = map.secondsOf(sourceIndex);
        for (Map.Entry<Integer, List<SidecarSubtitles.Cue>> e : subtitles.entrySet()) {
            av_dict_set(dict, subtitleKey(e.getKey()), SidecarSubtitles.at(e.getValue(), seconds), 0);
        }
        frame.metadata(dict);
    }

    /** The slate card at {@code size}, yuv420p; freed with this graph. */
    AVFrame slatePicture(PictureGeometry size) {
        ClipTemplate.Slate slate = template.slate().orElseThrow();
        AVFrame background = Frames.solid(size.width(), size.height(), slate.background(), file);
        owned.add(background);
        int fontSize = fontSize(size, 0.055);
        int lineHeight = Math.round(fontSize * 1.5f);
        List<String> lines = slate.lines();
        int top = (size.height() - lineHeight * lines.size()) / 2;
        List<VideoFilterGraph.Stage> stages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = literal(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            stages.add(VideoFilterGraph.Step.of(
                    "drawtext",
                    "fontfile",
                    FONT.toString(),
                    "text",
                    line,
                    "expansion",
                    "none",
                    "fontsize",
                    Integer.toString(fontSize),
                    "fontcolor",
                    "white",
                    "x",
                    "(w-tw)/2",
                    "y",
                    Integer.toString(top + i * lineHeight)));
        }
        context.watermark().ifPresent(line -> stages.add(watermark(line, size, margin(size))));
        stages.add(VideoFilterGraph.Step.of("format", "pix_fmts", "yuv420p"));
        VideoFilterGraph.Source src =
                new VideoFilterGraph.Source(size.width(), size.height(), AV_PIX_FMT_RGB24, 1, 25, 1, 1, 0, 0);
        try (VideoFilterGraph graph = VideoFilterGraph.build(file, src, stages)) {
            background.pts(0);
            graph.push(background);
            graph.pushEof();
            AVFrame card = av_frame_alloc();
            owned.add(card);
            if (!graph.pull(card)) {
                throw new MediaException.WriteFailed(file, "the slate card could not be drawn");
            }
            return card;
        }
    }

    private void drawings(PictureGeometry size, List<VideoFilterGraph.Stage> stages) {
        for (TemplateContext.Drawing d : context.drawings()) {
            if (!d.frames().intersects(range)) {
                continue;
            }
            long from = Math.max(d.frames().in(), range.in());
            long to = Math.min(d.frames().out(), range.out());
            byte[] rgba = DrawingRaster.rgba(d.shapesJson(), size.width(), size.height());
            AVFrame picture = Frames.of(size.width(), size.height(), AV_PIX_FMT_RGBA, 4, rgba, file);
            owned.add(picture);
            // Times are those of the frames entering the graph (0 at frame in); a quarter frame of
            // slack keeps rounding from moving an edge by a frame.
            double slack = map.duration(from) * map.timeBaseNum() / (double) map.timeBaseDen() / 4;
            double a = seconds(from) - slack;
            double b = (to >= map.frameCount() ? Double.MAX_VALUE / 4 : seconds(to)) - slack;
            String enable = String.format(Locale.ROOT, "gte(t,%.9f)*lt(t,%.9f)", a, b);
            stages.add(new VideoFilterGraph.Overlay(
                    picture, List.of(VideoFilterGraph.Step.of("format", "pix_fmts", "rgba")), "0", "0", enable));
        }
    }

    private double seconds(long index) {
        return (map.pts(index) - map.pts(range.in())) * map.timeBaseNum() / (double) map.timeBaseDen();
    }

    private VideoFilterGraph.Overlay image(ClipTemplate.Image image, Path png, PictureGeometry size, int margin) {
        AVFrame picture = Watermarks.loadPicture(png);
        owned.add(picture);
        int width = Math.max(2, (int) Math.round(size.width() * image.scale()));
        // Fitted in a box as tall as the frame: a sliver of an image fitted to the width alone would
        // grow to hundreds of megapixels, drawn on every frame.
        List<VideoFilterGraph.Step> prepare = List.of(
                VideoFilterGraph.Step.of(
                        "scale",
                        "w",
                        Integer.toString(width),
                        "h",
                        Integer.toString(size.height()),
                        "force_original_aspect_ratio",
                        "decrease"),
                VideoFilterGraph.Step.of("format", "pix_fmts", "rgba"),
                VideoFilterGraph.Step.of("colorchannelmixer", "aa", decimal(image.opacity())));
        String[] xy = position(image.position(), "W", "H", "w", "h", margin);
        return new VideoFilterGraph.Overlay(picture, prepare, xy[0], xy[1]);
    }

    private static VideoFilterGraph.Step drawText(
            String text,
            ClipTemplate.Position position,
            int fontSize,
            String color,
            double opacity,
            String boxColor,
            int margin) {
        String[] xy = position(position, "w", "h", "tw", "th", margin);
        List<String> options = new ArrayList<>(List.of(
                "fontfile",
                FONT.toString(),
                "text",
                text,
                "expansion",
                "normal",
                "fontsize",
                Integer.toString(fontSize),
                "fontcolor",
                ffColor(color, opacity),
                "x",
                xy[0],
                "y",
                xy[1]));
        if (boxColor != null) {
            options.addAll(List.of(
                    "box",
                    "1",
                    "boxcolor",
                    ffColor(boxColor, opacity),
                    "boxborderw",
                    Integer.toString(Math.max(2, fontSize / 4))));
        } else {
            options.addAll(List.of(
                    "borderw",
                    Integer.toString(Math.max(1, fontSize / 14)),
                    "bordercolor",
                    ffColor("#000000", opacity * 0.7)));
        }
        return VideoFilterGraph.Step.of("drawtext", options.toArray(String[]::new));
    }

    private VideoFilterGraph.Step watermark(String line, PictureGeometry size, int margin) {
        return drawText(escape(line), ClipTemplate.Position.CENTER, fontSize(size, 0.04), "#FFFFFF", 0.4, null, margin);
    }

    /** drawtext text with literal placeholders filled in and per-frame ones as metadata lookups. */
    String dynamicText(String text) {
        return fill(text, true);
    }

    /** Text with every placeholder filled in for the clip's first frame (the slate's). */
    String literal(String text) {
        return fill(text, false);
    }

    private String fill(String text, boolean forDrawtext) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(forDrawtext ? escape(text.substring(i)) : text.substring(i));
                break;
            }
            String before = text.substring(i, open);
            out.append(forDrawtext ? escape(before) : before);
            String name = text.substring(open + 1, close);
            String value =
                    switch (name) {
                        case "title" -> context.title();
                        case "project" -> context.project();
                        case "version" -> context.version();
                        case "date" -> context.date().toString();
                        case "timecode" -> forDrawtext ? null : timecode(range.in());
                        case "frame" -> forDrawtext ? null : Long.toString(range.in());
                        default -> "{" + name + "}";
                    };
            if (value == null) {
                out.append("%{metadata:")
                        .append(name.equals("timecode") ? TIMECODE_KEY : FRAME_KEY)
                        .append('}');
            } else {
                out.append(forDrawtext ? escape(value) : value);
            }
            i = close + 1;
        }
        return out.toString();
    }

    String timecode(long sourceIndex) {
        return Timecode.ofIndex(sourceIndex, start, map.frameRate()).toString();
    }

    /** Escapes text for drawtext's expansion: a backslash makes the next character literal. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%");
    }

    private static String subtitleKey(int step) {
        return "fw.sub" + step;
    }

    static int fontSize(PictureGeometry size, double fraction) {
        return Math.max(8, (int) Math.round(size.height() * fraction));
    }

    static int margin(PictureGeometry size) {
        return Math.max(4, Math.round(Math.min(size.width(), size.height()) * 0.03f));
    }

    /** x and y expressions for a box of {@code w} x {@code h} in a frame of {@code W} x {@code H}. */
    static String[] position(ClipTemplate.Position p, String frameW, String frameH, String w, String h, int m) {
        String left = Integer.toString(m);
        String center = "(" + frameW + "-" + w + ")/2";
        String right = frameW + "-" + w + "-" + m;
        String top = Integer.toString(m);
        String middle = "(" + frameH + "-" + h + ")/2";
        String bottom = frameH + "-" + h + "-" + m;
        return switch (p) {
            case TOP_LEFT -> new String[] {left, top};
            case TOP -> new String[] {center, top};
            case TOP_RIGHT -> new String[] {right, top};
            case LEFT -> new String[] {left, middle};
            case CENTER -> new String[] {center, middle};
            case RIGHT -> new String[] {right, middle};
            case BOTTOM_LEFT -> new String[] {left, bottom};
            case BOTTOM -> new String[] {center, bottom};
            case BOTTOM_RIGHT -> new String[] {right, bottom};
        };
    }

    private static String ffColor(String hex, double opacity) {
        return "0x" + hex.substring(1) + "@" + decimal(opacity);
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public void close() {
        for (AVFrame f : owned) {
            av_frame_free(f);
        }
        owned.clear();
    }
}
