package io.framewise.media.clip.template.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.framewise.media.MediaException;
import io.framewise.media.clip.template.ClipTemplate;
import io.framewise.media.clip.template.TemplateContext;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import io.framewise.media.transcode.PictureGeometry;
import io.framewise.media.transcode.internal.FrameRangeTranscoder;
import io.framewise.media.transcode.internal.VideoFilterGraph;
import io.framewise.model.time.FrameRange;
import io.framewise.model.time.Timecode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A templated still of one source frame: the frame exactly as stills show it, scaled to the clip's
 * size, through the same {@link TemplateGraph} stages a clip of that frame would get, then scaled to
 * the preview's width.
 */
public final class TemplateStill {

    private TemplateStill() {}

    public static byte[] jpeg(
            Path source,
            FrameMap map,
            long frame,
            ClipTemplate template,
            TemplateContext context,
            int maxWidth,
            boolean slate) {
        Picture picture;
        try (FrameReader reader = FrameReader.open(source, map)) {
            picture = reader.read(frame);
        }
        PictureGeometry size = PictureGeometry.fit(
                picture.width(), picture.height(), 1, 1, 0, 16384, template.maxHeight().orElse(16384));
        Timecode start = TemplateCut.startTimecode(source, map, context);
        List<VideoFilterGraph.Stage> stages = new ArrayList<>();
        AVFrame input = null;
        AVFrame output = av_frame_alloc();
        try (TemplateGraph graph = new TemplateGraph(template, context, map, FrameRange.single(frame), start, source)) {
            VideoFilterGraph.Source src;
            if (slate && template.slate().isPresent()) {
                AVFrame card = graph.slatePicture(size);
                src = new VideoFilterGraph.Source(
                        card.width(), card.height(), card.format(), 1, 25, 1, 1, card.colorspace(), card.color_range());
                input = card;
            } else {
                FrameRangeTranscoder.Decoration decoration = graph.decoration(size, false);
                input = Frames.of(picture.width(), picture.height(), AV_PIX_FMT_RGB24, 3, picture.rgb(), source);
                decoration.tagger().tag(input, frame);
                src = new VideoFilterGraph.Source(
                        picture.width(),
                        picture.height(),
                        AV_PIX_FMT_RGB24,
                        (int) map.timeBaseNum(),
                        (int) map.timeBaseDen(),
                        1,
                        1,
                        0,
                        0);
                stages.add(VideoFilterGraph.Step.of(
                        "scale", "w", Integer.toString(size.width()), "h", Integer.toString(size.height())));
                stages.add(VideoFilterGraph.Step.of("format", "pix_fmts", "yuv420p"));
                stages.addAll(decoration.stages());
            }
            int width = Math.min(maxWidth, size.width());
            if (width < size.width()) {
                stages.add(VideoFilterGraph.Step.of("scale", "w", Integer.toString(width), "h", "-2"));
            }
            stages.add(VideoFilterGraph.Step.of("format", "pix_fmts", "rgb24"));
            try (VideoFilterGraph filter = VideoFilterGraph.build(source, src, stages)) {
                input.pts(0);
                filter.push(input);
                filter.pushEof();
                if (!filter.pull(output)) {
                    throw new MediaException.WriteFailed(source, "the template preview could not be drawn");
                }
            }
            return StillEncoder.encodeImage(
                    output.width(), output.height(), Frames.rgb(output), StillFormat.JPEG, StillEncoder.DEFAULT_QUALITY);
        } finally {
            av_frame_free(output);
            if (input != null && !(slate && template.slate().isPresent())) {
                av_frame_free(input);
            }
        }
    }
}
