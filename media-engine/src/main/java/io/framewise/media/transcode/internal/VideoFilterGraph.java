package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_h;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_w;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_parameters_set;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_init_str;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_link;
import static org.bytedeco.ffmpeg.global.avutil.AV_OPT_SEARCH_CHILDREN;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.ffmpeg.avfilter.AVBufferSrcParameters;
import org.bytedeco.ffmpeg.avfilter.AVFilter;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * A libavfilter chain for video: buffer source, filters, an optional picture overlaid on top, more
 * filters, buffer sink. Options are set one by one with {@code av_opt_set}, so values (texts, file
 * names) need no filter-graph escaping. Frames keep their timestamps; no filter here adds or drops
 * frames.
 */
public final class VideoFilterGraph implements Closeable {

    /** What the frames pushed in look like. */
    public record Source(
            int width,
            int height,
            int pixelFormat,
            int timeBaseNum,
            int timeBaseDen,
            int sarNum,
            int sarDen,
            int colorSpace,
            int colorRange) {}

    /** A part of the chain after the standard steps: a filter, or a picture laid over the frames. */
    public sealed interface Stage permits Step, Overlay {}

    /** One filter and its options, in order. */
    public record Step(String filter, Map<String, String> options) implements Stage {

        public Step {
            Objects.requireNonNull(filter, "filter");
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        /** A step from alternating option names and values. */
        public static Step of(String filter, String... keyValues) {
            if (keyValues.length % 2 != 0) {
                throw new IllegalArgumentException("options come in name/value pairs: " + filter);
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                map.put(keyValues[i], keyValues[i + 1]);
            }
            return new Step(filter, map);
        }
    }

    /**
     * A still picture laid over every frame: {@code prepare} runs on the picture alone (e.g. format,
     * opacity), then it is overlaid at {@code x}, {@code y} (overlay filter expressions), on the frames
     * where the timeline expression {@code enable} holds (null: all of them).
     */
    public record Overlay(AVFrame picture, List<Step> prepare, String x, String y, String enable) implements Stage {
        public Overlay(AVFrame picture, List<Step> prepare, String x, String y) {
            this(picture, prepare, x, y, null);
        }
    }

    private final Path file;
    private AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;

    private VideoFilterGraph(Path file, AVFilterGraph graph, AVFilterContext source, AVFilterContext sink) {
        this.file = file;
        this.graph = graph;
        this.source = source;
        this.sink = sink;
    }

    /** Builds source, {@code steps}, the overlay (if any), {@code after}, sink; {@code file} names errors. */
    public static VideoFilterGraph build(Path file, Source src, List<Step> steps, Overlay overlay, List<Step> after) {
        List<Stage> stages = new ArrayList<>(steps);
        if (overlay != null) {
            stages.add(overlay);
        }
        stages.addAll(after);
        return build(file, src, stages);
    }

    /** Builds source, {@code stages} in order, sink; {@code file} names errors. */
    public static VideoFilterGraph build(Path file, Source src, List<? extends Stage> stages) {
        Ffmpeg.init();
        AVFilterGraph graph = avfilter_graph_alloc();
        if (graph == null || graph.isNull()) {
            throw new MediaException.WriteFailed(
                    file, "cannot allocate a filter graph", "avfilter_graph_alloc", 0, null);
        }
        try {
            Builder b = new Builder(file, graph);
            AVFilterContext in = b.source("in", src, src.width(), src.height(), src.pixelFormat());
            AVFilterContext last = in;
            Map<AVFilterContext, AVFrame> pictures = new LinkedHashMap<>();
            for (Stage stage : stages) {
                if (stage instanceof Step step) {
                    AVFilterContext next = b.filter(step);
                    b.link(last, 0, next, 0);
                    last = next;
                    continue;
                }
                Overlay overlay = (Overlay) stage;
                AVFrame pic = overlay.picture();
                Source picSource = new Source(
                        pic.width(), pic.height(), pic.format(), src.timeBaseNum(), src.timeBaseDen(), 1, 1, 0, 0);
                AVFilterContext overlaySource =
                        b.source("picture" + pictures.size(), picSource, pic.width(), pic.height(), pic.format());
                pictures.put(overlaySource, pic);
                AVFilterContext prepared = b.chain(overlaySource, overlay.prepare());
                Step over = overlay.enable() == null
                        ? Step.of("overlay", "x", overlay.x(), "y", overlay.y(), "eof_action", "repeat")
                        : Step.of(
                                "overlay",
                                "x",
                                overlay.x(),
                                "y",
                                overlay.y(),
                                "eof_action",
                                "repeat",
                                "enable",
                                overlay.enable());
                AVFilterContext overlayFilter = b.filter(over);
                b.link(last, 0, overlayFilter, 0);
                b.link(prepared, 0, overlayFilter, 1);
                last = overlayFilter;
            }
            AVFilterContext out = b.filter(new Step("buffersink", Map.of()));
            b.link(last, 0, out, 0);
            Ffmpeg.checkWrite(avfilter_graph_config(graph, null), "avfilter_graph_config", file);
            VideoFilterGraph result = new VideoFilterGraph(file, graph, in, out);
            for (Map.Entry<AVFilterContext, AVFrame> e : pictures.entrySet()) {
                // The picture goes in once; with eof_action=repeat the overlay keeps showing it.
                AVFrame pic = e.getValue();
                pic.pts(0);
                Ffmpeg.checkWrite(
                        av_buffersrc_add_frame_flags(e.getKey(), pic, AV_BUFFERSRC_FLAG_KEEP_REF),
                        "av_buffersrc_add_frame_flags(overlay)",
                        file);
                Ffmpeg.checkWrite(
                        av_buffersrc_add_frame_flags(e.getKey(), null, 0), "av_buffersrc_add_frame_flags(eof)", file);
            }
            return result;
        } catch (RuntimeException e) {
            avfilter_graph_free(graph);
            throw e;
        }
    }

    public int width() {
        return av_buffersink_get_w(sink);
    }

    public int height() {
        return av_buffersink_get_h(sink);
    }

    /** Pushes a frame; the caller keeps its reference. */
    public void push(AVFrame frame) {
        Ffmpeg.checkWrite(
                av_buffersrc_add_frame_flags(source, frame, AV_BUFFERSRC_FLAG_KEEP_REF),
                "av_buffersrc_add_frame_flags",
                file);
    }

    /** Signals the end of the input. */
    public void pushEof() {
        Ffmpeg.checkWrite(av_buffersrc_add_frame_flags(source, null, 0), "av_buffersrc_add_frame_flags(eof)", file);
    }

    /** The next filtered frame into {@code frame}, or false when more input is needed or all is out. */
    public boolean pull(AVFrame frame) {
        int ret = av_buffersink_get_frame(sink, frame);
        if (Ffmpeg.isAgain(ret) || Ffmpeg.isEof(ret)) {
            return false;
        }
        Ffmpeg.checkWrite(ret, "av_buffersink_get_frame", file);
        return true;
    }

    @Override
    public void close() {
        if (graph != null) {
            avfilter_graph_free(graph);
            graph = null;
        }
    }

    private static final class Builder {
        private final Path file;
        private final AVFilterGraph graph;
        private int count;

        Builder(Path file, AVFilterGraph graph) {
            this.file = file;
            this.graph = graph;
        }

        AVFilterContext source(String name, Source src, int width, int height, int format) {
            AVFilterContext ctx = alloc("buffer", name);
            AVBufferSrcParameters par = av_buffersrc_parameters_alloc();
            try {
                par.format(format);
                par.width(width);
                par.height(height);
                par.time_base(new AVRational().num(src.timeBaseNum()).den(src.timeBaseDen()));
                int sarNum = src.sarNum() > 0 && src.sarDen() > 0 ? src.sarNum() : 1;
                int sarDen = src.sarNum() > 0 && src.sarDen() > 0 ? src.sarDen() : 1;
                par.sample_aspect_ratio(new AVRational().num(sarNum).den(sarDen));
                par.color_space(src.colorSpace());
                par.color_range(src.colorRange());
                Ffmpeg.checkWrite(av_buffersrc_parameters_set(ctx, par), "av_buffersrc_parameters_set", file);
            } finally {
                av_free(par);
            }
            Ffmpeg.checkWrite(avfilter_init_str(ctx, (String) null), "avfilter_init_str(buffer)", file);
            return ctx;
        }

        AVFilterContext chain(AVFilterContext from, List<Step> steps) {
            AVFilterContext last = from;
            for (Step step : steps) {
                AVFilterContext next = filter(step);
                link(last, 0, next, 0);
                last = next;
            }
            return last;
        }

        AVFilterContext filter(Step step) {
            AVFilterContext ctx = alloc(step.filter(), step.filter() + "_" + count++);
            for (Map.Entry<String, String> option : step.options().entrySet()) {
                int ret = av_opt_set(ctx, option.getKey(), option.getValue(), AV_OPT_SEARCH_CHILDREN);
                if (ret < 0) {
                    throw new MediaException.Unsupported(
                            file,
                            "filter " + step.filter() + " refuses " + option.getKey() + "=" + option.getValue(),
                            "av_opt_set",
                            ret,
                            Ffmpeg.errorString(ret));
                }
            }
            Ffmpeg.checkWrite(avfilter_init_str(ctx, (String) null), "avfilter_init_str(" + step.filter() + ")", file);
            return ctx;
        }

        void link(AVFilterContext from, int fromPad, AVFilterContext to, int toPad) {
            Ffmpeg.checkWrite(avfilter_link(from, fromPad, to, toPad), "avfilter_link", file);
        }

        private AVFilterContext alloc(String filterName, String name) {
            AVFilter filter = avfilter_get_by_name(filterName);
            if (filter == null || filter.isNull()) {
                throw new MediaException.Unsupported(
                        file, "filter " + filterName + " is not in this FFmpeg build", "avfilter_get_by_name", 0, null);
            }
            AVFilterContext ctx = avfilter_graph_alloc_filter(graph, filter, name);
            if (ctx == null || ctx.isNull()) {
                throw new MediaException.WriteFailed(
                        file, "cannot create filter " + filterName, "avfilter_graph_alloc_filter", 0, null);
            }
            return ctx;
        }
    }
}
