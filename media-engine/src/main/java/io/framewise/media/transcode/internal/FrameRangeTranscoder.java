package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_remove_side_data;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.transcode.PictureGeometry;
import io.framewise.media.transcode.ProgressMeter;
import io.framewise.media.transcode.ProxySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes frames [in, out) of a file's video and encodes them to H.264 (upright, scaled, yuv420p,
 * optionally decorated) plus its first audio stream to AAC, into an {@link OutputFile}.
 *
 * <p>Frame exact by construction: every frame of the {@link FrameMap} in the range is encoded exactly
 * once, in order, with its own timestamp relative to frame {@code in} (variable frame rates stay
 * variable). A frame the decoder cannot produce (damaged data) is replaced by the picture before it,
 * so frame N of the output still is frame N of the source. One decoder, one filter graph, one encoder,
 * three reused frames and one reused packet: no per-frame allocation.
 */
public final class FrameRangeTranscoder {

    private static final Logger LOG = LoggerFactory.getLogger(FrameRangeTranscoder.class);

    /**
     * What to draw over the picture, given its final size: filter stages after the standard scaling
     * (later stages on top), a tagger that labels each source frame before it enters the graph (e.g.
     * metadata a drawtext shows), and frames shown before the range.
     */
    public record Decoration(List<VideoFilterGraph.Stage> stages, FrameTagger tagger, Prelude prelude) {
        public static final Decoration NONE = new Decoration(List.of(), FrameTagger.NONE, Prelude.NONE);

        public Decoration {
            stages = List.copyOf(stages);
            java.util.Objects.requireNonNull(tagger, "tagger");
            java.util.Objects.requireNonNull(prelude, "prelude");
        }

        /** A picture overlaid (if any), then {@code steps} drawn over it. */
        public Decoration(List<VideoFilterGraph.Step> steps, VideoFilterGraph.Overlay overlay) {
            this(stagesOf(steps, overlay), FrameTagger.NONE, Prelude.NONE);
        }

        private static List<VideoFilterGraph.Stage> stagesOf(
                List<VideoFilterGraph.Step> steps, VideoFilterGraph.Overlay overlay) {
            List<VideoFilterGraph.Stage> stages = new ArrayList<>();
            if (overlay != null) {
                stages.add(overlay);
            }
            stages.addAll(steps);
            return stages;
        }
    }

    /** Labels a decoded source frame (its index in the map) just before it enters the filter graph. */
    @FunctionalInterface
    public interface FrameTagger {
        FrameTagger NONE = (frame, sourceIndex) -> {};

        void tag(AVFrame frame, long sourceIndex);
    }

    /**
     * {@code frames} copies of {@code picture} (the output size, yuv420p, reference counted; the caller
     * frees it) encoded before the range's first frame, each one nominal frame long; audio starts
     * with as much silence.
     */
    public record Prelude(int frames, AVFrame picture) {
        public static final Prelude NONE = new Prelude(0, null);
    }

    /** The codecs of the output: H.264 + AAC (MP4, MOV, MKV) or VP9 + Opus (WebM). */
    public enum Codecs {
        H264_AAC,
        VP9_OPUS
    }

    /**
     * @param videoBitRate bits per second for the video, or 0 for the settings' constant quality
     * @param intraOnly every frame a keyframe (no B- or P-frames): any frame decodes on its own
     * @param audio whether the first audio stream is carried over
     */
    public record Encoding(Codecs codecs, long videoBitRate, boolean intraOnly, boolean audio) {
        public static final Encoding DEFAULT = new Encoding(Codecs.H264_AAC, 0);
        /** H.264 pictures that each decode alone, no sound: for looking up single frames fast. */
        public static final Encoding INTRA_ONLY_SILENT = new Encoding(Codecs.H264_AAC, 0, true, false);

        public Encoding(Codecs codecs, long videoBitRate) {
            this(codecs, videoBitRate, false, true);
        }
    }

    /**
     * @param frames frames written (always out - in)
     * @param repeatedFrames frames the decoder could not produce, shown as the picture before them
     * @param audio whether the output has an audio stream
     */
    public record Result(long frames, long repeatedFrames, PictureGeometry size, boolean audio) {}

    private final Path source;
    private final FrameMap map;
    private final long in;
    private final long out;
    private final ProxySettings settings;
    private final Function<PictureGeometry, Decoration> decoration;
    private final OutputFile output;
    private final Cancellation cancel;
    private final ProgressMeter meter;
    private final Encoding encoding;

    private SourceReader reader;
    private AVCodecContext decoder;
    private VideoFilterGraph filter;
    private VideoEncoder encoder;
    private AudioTranscoder audio;
    private AVStream videoOut;
    private AVRational sourceTimeBase;
    private AVFrame decoded;
    private AVFrame held;
    private AVFrame encoderInput;
    private AVPacket readPacket;
    private AVPacket encodedPacket;
    private PictureGeometry size;
    private List<VideoFilterGraph.Step> baseSteps;
    private Decoration decorated;
    private VideoFilterGraph.Source filterSource;
    private long next;
    /** The index of the last picture the decoder handed out, or -1 before the first. */
    private long lastSeen = -1;
    /** Whether reading started at a keyframe rather than at the first packet. */
    private boolean seeked;

    private boolean holding;
    private boolean videoDone;
    private long repeated;
    private long preludeTicks;

    private FrameRangeTranscoder(
            Path source,
            FrameMap map,
            long in,
            long out,
            ProxySettings settings,
            Function<PictureGeometry, Decoration> decoration,
            OutputFile output,
            Encoding encoding,
            Progress.Listener listener,
            Cancellation cancel) {
        this.encoding = encoding;
        this.source = source;
        this.map = map;
        this.in = in;
        this.out = out;
        this.settings = settings;
        this.decoration = decoration;
        this.output = output;
        this.cancel = cancel;
        this.meter = new ProgressMeter(out - in, listener);
        this.next = in;
    }

    /**
     * Runs the whole job and finishes {@code output} (moves it into place). The caller closes the
     * output in any case, which removes the partial file after a failure or cancellation.
     */
    public static Result run(
            Path source,
            FrameMap map,
            long in,
            long out,
            ProxySettings settings,
            Function<PictureGeometry, Decoration> decoration,
            OutputFile output,
            Progress.Listener listener,
            Cancellation cancel) {
        return run(source, map, in, out, settings, decoration, output, Encoding.DEFAULT, listener, cancel);
    }

    /** As {@link #run(Path, FrameMap, long, long, ProxySettings, Function, OutputFile, Progress.Listener, Cancellation)} with codecs of choice. */
    public static Result run(
            Path source,
            FrameMap map,
            long in,
            long out,
            ProxySettings settings,
            Function<PictureGeometry, Decoration> decoration,
            OutputFile output,
            Encoding encoding,
            Progress.Listener listener,
            Cancellation cancel) {
        if (in < 0 || out > map.frameCount() || in >= out) {
            throw new IllegalArgumentException(
                    "frame range [" + in + ", " + out + ") is outside 0.." + map.frameCount() + " of " + source);
        }
        FrameRangeTranscoder t = new FrameRangeTranscoder(
                source, map, in, out, settings, decoration, output, encoding, listener, cancel);
        try {
            return t.execute();
        } finally {
            t.release();
        }
    }

    private Result execute() {
        reader = new SourceReader(source, map.streamIndex());
        MediaInput input = reader.input();
        AVStream stream = input.stream(map.streamIndex());
        // A copy: the stream's own struct goes away if the input is reopened.
        sourceTimeBase = VideoEncoder.rational(
                stream.time_base().num(), stream.time_base().den());
        decoder = Decoders.open(input, map.streamIndex(), 0);
        decoded = av_frame_alloc();
        held = av_frame_alloc();
        encoderInput = av_frame_alloc();
        readPacket = av_packet_alloc();
        encodedPacket = av_packet_alloc();
        openVideo(stream);
        Prelude prelude = decorated.prelude();
        preludeTicks = prelude.frames() == 0
                ? 0
                : av_rescale_q(
                        prelude.frames(),
                        VideoEncoder.rational(
                                map.frameRate().denominator(), map.frameRate().numerator()),
                        sourceTimeBase);
        audio = encoding.audio() ? openAudio(input) : null;
        if (in >= prelude.frames()) {
            // The output's first frame is the prelude's: its label counts back from frame in.
            Timecodes.carry(input, map, in - prelude.frames(), output);
        }
        output.writeHeader(Map.of());
        encodePrelude(prelude);
        long key = in > 0 ? map.keyframeAtOrBefore(in) : -1;
        if (key >= 0) {
            reader.startAtKeyframe(map.pts(key));
            seeked = true;
        }
        readAll();
        if (!holding) {
            throw new MediaException.Corrupt(
                    source, "no picture in frames " + in + ".." + (out - 1) + " could be decoded");
        }
        while (next < out) {
            emit(held, next++);
            repeated++;
        }
        if (repeated > 0) {
            LOG.warn("{}: {} damaged frames shown as the frame before them", source, repeated);
        }
        filter.pushEof();
        drainFilter();
        encoder.send(null);
        drainEncoder();
        if (audio != null) {
            audio.finish();
        }
        output.finish();
        meter.finished();
        return new Result(out - in, repeated, size, audio != null);
    }

    private void encodePrelude(Prelude prelude) {
        for (int i = 0; i < prelude.frames(); i++) {
            AVFrame picture = prelude.picture();
            picture.pts(i * preludeTicks / prelude.frames());
            picture.pict_type(AV_PICTURE_TYPE_NONE);
            encoder.send(picture);
            drainEncoder();
        }
    }

    private void openVideo(AVStream stream) {
        int rotation = DisplayRotation.clockwiseDegrees(stream);
        int sarNum = decoder.sample_aspect_ratio().num();
        int sarDen = decoder.sample_aspect_ratio().den();
        size = PictureGeometry.fit(
                decoder.width(), decoder.height(), sarNum, sarDen, rotation, settings.maxWidth(), settings.maxHeight());
        ColorTags sourceColor = ColorTags.of(stream.codecpar());
        boolean hd = decoder.height() >= 720 || decoder.width() >= 1280;
        String inMatrix = ColorMatrix.filterName(sourceColor.matrix(), hd);
        ColorTags outColor;
        String outMatrix;
        if (sourceColor.isWideGamutOrHdr()) {
            // PQ, HLG and BT.2020 pictures keep their primaries, transfer and matrix: re-tagging them
            // BT.709 would show them washed out, and a tone map would show another picture than the
            // source. The proxy is 8-bit; browsers that honour the tags show it as the source is meant.
            outColor = new ColorTags(
                    sourceColor.primaries(), sourceColor.transfer(), sourceColor.matrix(), ColorTags.BT709.range());
            outMatrix = inMatrix;
        } else if (hd || inMatrix.equals("bt709")) {
            outColor = ColorTags.BT709;
            outMatrix = "bt709";
        } else {
            outColor = new ColorTags(
                    sourceColor.primaries(), sourceColor.transfer(), sourceColor.matrix(), ColorTags.BT709.range());
            outMatrix = inMatrix;
        }
        baseSteps = new ArrayList<>();
        if (Deinterlace.needed(stream.codecpar())) {
            // Before any turn: the fields are rows of the stored picture.
            baseSteps.add(Deinterlace.step());
        }
        baseSteps.addAll(DisplayRotation.uprightSteps(rotation));
        baseSteps.add(VideoFilterGraph.Step.of(
                "scale",
                "w",
                Integer.toString(size.width()),
                "h",
                Integer.toString(size.height()),
                "flags",
                "bicubic",
                "in_color_matrix",
                inMatrix,
                "out_color_matrix",
                outMatrix,
                "out_range",
                "tv"));
        baseSteps.add(VideoFilterGraph.Step.of("format", "pix_fmts", "yuv420p"));
        baseSteps.add(VideoFilterGraph.Step.of("setsar", "sar", "1"));
        decorated = decoration.apply(size);
        filterSource = new VideoFilterGraph.Source(
                decoder.width(),
                decoder.height(),
                decoder.pix_fmt(),
                sourceTimeBase.num(),
                sourceTimeBase.den(),
                sarNum,
                sarDen,
                decoder.colorspace(),
                decoder.color_range());
        filter = buildFilter(filterSource);
        int keyint = encoding.intraOnly()
                ? 1
                : (int) Math.max(1, Math.round(map.frameRate().fps() * settings.keyframeSeconds()));
        H264Encoder.Settings encoderSettings = new H264Encoder.Settings(
                filter.width(),
                filter.height(),
                AV_PIX_FMT_YUV420P,
                sourceTimeBase.num(),
                sourceTimeBase.den(),
                map.frameRate(),
                settings.crf(),
                settings.preset(),
                "high",
                0,
                keyint,
                encoding.intraOnly() ? 0 : -1,
                encoding.videoBitRate() > 0 ? "bitrate=" + Math.max(1, encoding.videoBitRate() / 1000) : "",
                output.needsGlobalHeader(),
                outColor,
                1,
                1);
        encoder = encoding.codecs() == Codecs.VP9_OPUS
                ? Vp9Encoder.open(encoderSettings, encoding.videoBitRate(), output.target())
                : H264Encoder.open(encoderSettings, output.target());
        videoOut = output.addStream();
        Ffmpeg.checkWrite(
                avcodec_parameters_from_context(videoOut.codecpar(), encoder.context()),
                "avcodec_parameters_from_context",
                output.target());
        videoOut.time_base(encoder.context().time_base());
        videoOut.avg_frame_rate(VideoEncoder.rational(
                map.frameRate().numerator(), map.frameRate().denominator()));
    }

    private VideoFilterGraph buildFilter(VideoFilterGraph.Source src) {
        List<VideoFilterGraph.Stage> stages = new ArrayList<>(baseSteps);
        stages.addAll(decorated.stages());
        stages.add(VideoFilterGraph.Step.of("format", "pix_fmts", "yuv420p"));
        return VideoFilterGraph.build(output.target(), src, stages);
    }

    private AudioTranscoder openAudio(MediaInput input) {
        for (int i = 0; i < input.streamCount(); i++) {
            AVStream s = input.stream(i);
            if (s.codecpar().codec_type() != AVMEDIA_TYPE_AUDIO) {
                continue;
            }
            if (org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder(
                            s.codecpar().codec_id())
                    == null) {
                LOG.warn("{}: audio stream {} has no decoder; the output has no audio", source, i);
                return null;
            }
            AVRational tb = s.time_base();
            // A prelude starts the audio that much earlier: the resampler fills the gap with silence.
            long start = av_rescale_q(map.pts(in) - preludeTicks, sourceTimeBase, tb);
            long end = out < map.frameCount()
                    ? av_rescale_q(map.pts(out), sourceTimeBase, tb)
                    : in == 0 ? Long.MAX_VALUE : av_rescale_q(map.endPts(), sourceTimeBase, tb);
            return AudioTranscoder.open(
                    input,
                    i,
                    output,
                    start,
                    end,
                    settings.audioBitrate(),
                    encoding.codecs() == Codecs.VP9_OPUS ? "libopus" : "aac");
        }
        return null;
    }

    private void readAll() {
        while (reader.read(readPacket)) {
            try {
                int index = readPacket.stream_index();
                if (index == map.streamIndex()) {
                    if (!videoDone) {
                        decode(readPacket);
                    }
                } else if (audio != null && index == audio.sourceIndex()) {
                    audio.send(readPacket);
                }
            } finally {
                av_packet_unref(readPacket);
            }
            if (videoDone && (audio == null || audio.pastEnd())) {
                return;
            }
        }
        if (!videoDone) {
            decode(null);
        }
    }

    private void decode(AVPacket pkt) {
        int ret = avcodec_send_packet(decoder, pkt);
        if (Ffmpeg.isAgain(ret)) {
            receiveFrames();
            ret = avcodec_send_packet(decoder, pkt);
        }
        // A packet the decoder rejects is skipped; the frame it held is repeated from its neighbour.
        if (ret >= 0 || pkt == null) {
            receiveFrames();
        }
    }

    private void receiveFrames() {
        while (avcodec_receive_frame(decoder, decoded) >= 0) {
            try {
                onFrame(decoded);
            } finally {
                av_frame_unref(decoded);
            }
        }
    }

    private void onFrame(AVFrame frame) {
        cancel.check(output.target());
        if (videoDone) {
            return;
        }
        long index = identify(frame.best_effort_timestamp());
        if (index >= 0) {
            lastSeen = index;
        }
        if (index < next) {
            return;
        }
        if (index >= out) {
            videoDone = true;
            return;
        }
        while (next < index) {
            emit(holding ? held : frame, next++);
            repeated++;
        }
        av_frame_unref(held);
        Ffmpeg.checkWrite(av_frame_ref(held, frame), "av_frame_ref", source);
        holding = true;
        emit(held, next++);
        if (next >= out) {
            videoDone = true;
        }
    }

    /**
     * The index of a decoded picture. A decoder never outputs a picture twice, so one without a time, or
     * with a time at or before the last picture's, is the next one: the frame map repaired its
     * colliding, backward or missing time (ADR 0044, 0045).
     */
    private long identify(long pts) {
        if (lastSeen < 0 && !MediaInput.hasTimestamp(pts) && (!seeked || reader.restarted())) {
            // Decoding from the start: the first picture out is frame 0 (raw streams carry no times).
            return 0;
        }
        if (lastSeen >= 0
                && lastSeen + 1 < map.frameCount()
                && (!MediaInput.hasTimestamp(pts) || pts <= map.pts(lastSeen))) {
            return lastSeen + 1;
        }
        return next < map.frameCount() && map.pts(next) == pts ? next : map.indexOfPts(pts);
    }

    private void emit(AVFrame frame, long index) {
        // The graph sees times from frame in (0); the prelude's length is added after it.
        frame.pts(map.pts(index) - map.pts(in));
        av_frame_remove_side_data(frame, AV_FRAME_DATA_DISPLAYMATRIX);
        decorated.tagger().tag(frame, index);
        if (frame.width() != filterSource.width()
                || frame.height() != filterSource.height()
                || frame.format() != filterSource.pixelFormat()) {
            rebuildFilter(frame);
        }
        filter.push(frame);
        drainFilter();
        meter.frameDone();
    }

    /** The picture size or format changed mid-stream: a new graph scales to the same output size. */
    private void rebuildFilter(AVFrame frame) {
        filter.pushEof();
        drainFilter();
        filter.close();
        filterSource = new VideoFilterGraph.Source(
                frame.width(),
                frame.height(),
                frame.format(),
                filterSource.timeBaseNum(),
                filterSource.timeBaseDen(),
                frame.sample_aspect_ratio().num(),
                frame.sample_aspect_ratio().den(),
                frame.colorspace(),
                frame.color_range());
        filter = buildFilter(filterSource);
    }

    private void drainFilter() {
        while (filter.pull(encoderInput)) {
            try {
                // Source picture types must not force keyframes: the proxy has its own GOP cadence.
                encoderInput.pict_type(AV_PICTURE_TYPE_NONE);
                encoderInput.pts(encoderInput.pts() + preludeTicks);
                encoder.send(encoderInput);
            } finally {
                av_frame_unref(encoderInput);
            }
            drainEncoder();
        }
    }

    private void drainEncoder() {
        AVRational encoderTimeBase = encoder.context().time_base();
        while (encoder.receive(encodedPacket)) {
            if (encodedPacket.duration() <= 0) {
                // The last packet's duration sets where an MP4 edit list ends: it must not be missing.
                long clipPts = encodedPacket.pts() - preludeTicks;
                long index = clipPts < 0 ? -1 : map.indexOfPts(clipPts + map.pts(in));
                long preludeFrame =
                        preludeTicks / Math.max(1, decorated.prelude().frames());
                encodedPacket.duration(index >= 0 ? map.duration(index) : clipPts < 0 ? preludeFrame : 0);
            }
            encodedPacket.stream_index(videoOut.index());
            av_packet_rescale_ts(encodedPacket, encoderTimeBase, videoOut.time_base());
            output.write(encodedPacket);
            av_packet_unref(encodedPacket);
        }
    }

    private void release() {
        if (audio != null) {
            audio.close();
        }
        if (encoder != null) {
            encoder.close();
        }
        if (filter != null) {
            filter.close();
        }
        Decoders.free(decoder);
        for (AVFrame f : new AVFrame[] {decoded, held, encoderInput}) {
            if (f != null) {
                av_frame_free(f);
            }
        }
        for (AVPacket p : new AVPacket[] {readPacket, encodedPacket}) {
            if (p != null) {
                av_packet_free(p);
            }
        }
        if (reader != null) {
            reader.close();
        }
    }
}
