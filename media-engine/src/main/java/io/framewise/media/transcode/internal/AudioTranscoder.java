package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_set_frame_size;
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
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_OPT_SEARCH_CHILDREN;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import java.io.Closeable;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avfilter.AVBufferSrcParameters;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Turns one audio stream of an input into 48 kHz stereo AAC-LC in an output, aligned to a video
 * start: the sample at {@code startPts} (the first video frame's time) becomes time 0, earlier samples
 * are cut, a late start is padded with silence, and samples from {@code endPts} on are cut. Resampling,
 * the stereo downmix ({@link StereoDownmix}) and the encoder's 1024-sample framing happen in one
 * libavfilter chain (abuffer, atrim, pan for discrete multichannel, aresample, aformat, abuffersink
 * with a fixed frame size).
 */
public final class AudioTranscoder implements Closeable {

    private static final int SAMPLE_RATE = 48_000;

    private final Path file;
    private final int sourceIndex;
    private final long startPts;
    private final long endPts;
    private final AVRational encoderTimeBase;
    private AVCodecContext decoder;
    private AVCodecContext encoder;
    private AVFilterGraph graph;
    private AVFilterContext source;
    private AVFilterContext sink;
    private final AVStream outStream;
    private final OutputFile out;
    private AVFrame decoded;
    private AVFrame filtered;
    private AVPacket packet;
    private long lastPacketPts = Long.MIN_VALUE;
    private long nextPts = Long.MIN_VALUE;
    private boolean pastEnd;
    private int sampleFormat = AV_SAMPLE_FMT_FLTP;

    private AudioTranscoder(
            Path file, int sourceIndex, long startPts, long endPts, OutputFile out, AVStream outStream) {
        this.file = file;
        this.sourceIndex = sourceIndex;
        this.startPts = startPts;
        this.endPts = endPts;
        this.out = out;
        this.outStream = outStream;
        this.encoderTimeBase = new AVRational().num(1).den(SAMPLE_RATE);
    }

    /**
     * Opens the decoder, filter and encoder, and adds the AAC stream to {@code out} (before its header).
     *
     * @param startPts source time (stream time base) that becomes 0 in the output
     * @param endPts source time (stream time base) where the output audio ends; Long.MAX_VALUE for none
     */
    public static AudioTranscoder open(
            MediaInput input, int streamIndex, OutputFile out, long startPts, long endPts, int bitRate) {
        return open(input, streamIndex, out, startPts, endPts, bitRate, "aac");
    }

    /** As {@link #open(MediaInput, int, OutputFile, long, long, int)} with {@code encoder} "aac" or "libopus". */
    public static AudioTranscoder open(
            MediaInput input,
            int streamIndex,
            OutputFile out,
            long startPts,
            long endPts,
            int bitRate,
            String encoder) {
        AudioTranscoder t = new AudioTranscoder(input.file(), streamIndex, startPts, endPts, out, out.addStream());
        try {
            t.decoder = Decoders.open(input, streamIndex, 0);
            t.openEncoder(out.needsGlobalHeader(), bitRate, encoder);
            t.buildFilter(input.stream(streamIndex).time_base());
            Ffmpeg.checkWrite(
                    avcodec_parameters_from_context(t.outStream.codecpar(), t.encoder),
                    "avcodec_parameters_from_context",
                    out.target());
            t.outStream.time_base(t.encoderTimeBase);
            t.decoded = av_frame_alloc();
            t.filtered = av_frame_alloc();
            t.packet = av_packet_alloc();
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** The index of the source stream this reads. */
    public int sourceIndex() {
        return sourceIndex;
    }

    /** Whether a packet at or past the end time was seen: later packets are not needed. */
    public boolean pastEnd() {
        return pastEnd;
    }

    private void openEncoder(boolean globalHeader, int bitRate, String encoderName) {
        AVCodec codec = avcodec_find_encoder_by_name(encoderName);
        if (codec == null || codec.isNull()) {
            throw new MediaException.Unsupported(
                    out.target(),
                    "the audio encoder " + encoderName + " is not in this FFmpeg build",
                    "avcodec_find_encoder_by_name",
                    0,
                    null);
        }
        encoder = avcodec_alloc_context3(codec);
        // libopus takes interleaved float, FFmpeg's AAC encoder planar float.
        sampleFormat = encoderName.equals("libopus") ? AV_SAMPLE_FMT_FLT : AV_SAMPLE_FMT_FLTP;
        encoder.sample_fmt(sampleFormat);
        encoder.sample_rate(SAMPLE_RATE);
        av_channel_layout_default(encoder.ch_layout(), 2);
        encoder.bit_rate(bitRate);
        encoder.time_base(encoderTimeBase);
        if (globalHeader) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        Ffmpeg.checkWrite(
                avcodec_open2(encoder, codec, (org.bytedeco.javacpp.PointerPointer<?>) null),
                "avcodec_open2(" + encoderName + ")",
                out.target());
    }

    private void buildFilter(AVRational streamTimeBase) {
        String panArguments;
        graph = avfilter_graph_alloc();
        source = filter("abuffer", "in");
        AVBufferSrcParameters par = av_buffersrc_parameters_alloc();
        AVChannelLayout layout = new AVChannelLayout().zero();
        try {
            par.format(decoder.sample_fmt());
            par.sample_rate(decoder.sample_rate());
            par.time_base(streamTimeBase);
            if (decoder.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
                av_channel_layout_default(
                        layout, Math.max(1, decoder.ch_layout().nb_channels()));
            } else {
                av_channel_layout_copy(layout, decoder.ch_layout());
            }
            par.ch_layout(layout);
            Ffmpeg.checkWrite(av_buffersrc_parameters_set(source, par), "av_buffersrc_parameters_set", file);
            panArguments = StereoDownmix.panArguments(layout, layout.nb_channels());
        } finally {
            av_channel_layout_uninit(layout);
            av_free(par);
        }
        init(source, "abuffer");
        AVFilterContext trim = filter("atrim", "trim");
        option(trim, "start_pts", "0");
        if (endPts != Long.MAX_VALUE) {
            option(trim, "end_pts", Long.toString(endPts - startPts));
        }
        init(trim, "atrim");
        AVFilterContext mix = null;
        if (panArguments != null) {
            mix = filter("pan", "mix");
            option(mix, "args", panArguments);
            init(mix, "pan");
        }
        AVFilterContext resample = filter("aresample", "resample");
        // The stereo downmix is done here, with the levels StereoDownmix documents.
        option(resample, "out_chlayout", "stereo");
        option(resample, "center_mix_level", StereoDownmix.CENTRE_AND_SURROUND_LEVEL);
        option(resample, "surround_mix_level", StereoDownmix.CENTRE_AND_SURROUND_LEVEL);
        option(resample, "lfe_mix_level", StereoDownmix.LFE_LEVEL);
        // Pads a late start with silence and keeps the samples continuous, so A/V stays in sync.
        option(resample, "async", "1");
        option(resample, "first_pts", "0");
        init(resample, "aresample");
        AVFilterContext format = filter("aformat", "format");
        option(format, "sample_fmts", sampleFormat == AV_SAMPLE_FMT_FLT ? "flt" : "fltp");
        option(format, "sample_rates", Integer.toString(SAMPLE_RATE));
        option(format, "channel_layouts", "stereo");
        init(format, "aformat");
        sink = filter("abuffersink", "out");
        init(sink, "abuffersink");
        link(source, trim);
        if (mix != null) {
            link(trim, mix);
            link(mix, resample);
        } else {
            link(trim, resample);
        }
        link(resample, format);
        link(format, sink);
        Ffmpeg.checkWrite(avfilter_graph_config(graph, null), "avfilter_graph_config(audio)", file);
        av_buffersink_set_frame_size(sink, encoder.frame_size());
    }

    private AVFilterContext filter(String name, String instance) {
        AVFilterContext ctx = avfilter_graph_alloc_filter(graph, avfilter_get_by_name(name), instance);
        if (ctx == null || ctx.isNull()) {
            throw new MediaException.Unsupported(
                    file, "audio filter " + name + " is not available", "avfilter_graph_alloc_filter", 0, null);
        }
        return ctx;
    }

    private void option(AVFilterContext ctx, String key, String value) {
        Ffmpeg.checkWrite(av_opt_set(ctx, key, value, AV_OPT_SEARCH_CHILDREN), "av_opt_set(" + key + ")", file);
    }

    private void init(AVFilterContext ctx, String name) {
        Ffmpeg.checkWrite(avfilter_init_str(ctx, (String) null), "avfilter_init_str(" + name + ")", file);
    }

    private void link(AVFilterContext a, AVFilterContext b) {
        Ffmpeg.checkWrite(avfilter_link(a, 0, b, 0), "avfilter_link(audio)", file);
    }

    /**
     * Decodes, filters and encodes one packet of the source stream. Packets already seen (a re-read
     * after a seek) and packets past the end are skipped. A packet the decoder rejects is skipped as
     * players do; the samples around it stay in place because timestamps drive the output.
     */
    public void send(AVPacket pkt) {
        long pts = pkt.pts();
        if (MediaInput.hasTimestamp(pts)) {
            if (pts <= lastPacketPts) {
                return;
            }
            if (endPts != Long.MAX_VALUE && pts >= endPts) {
                pastEnd = true;
                return;
            }
            lastPacketPts = pts;
        }
        int ret = avcodec_send_packet(decoder, pkt);
        if (ret < 0 && !Ffmpeg.isAgain(ret)) {
            return;
        }
        drainDecoder();
    }

    /** Flushes decoder, filter and encoder into the output. */
    public void finish() {
        avcodec_send_packet(decoder, null);
        drainDecoder();
        Ffmpeg.checkWrite(av_buffersrc_add_frame_flags(source, null, 0), "av_buffersrc_add_frame_flags(eof)", file);
        drainFilter();
        Ffmpeg.checkWrite(avcodec_send_frame(encoder, null), "avcodec_send_frame(aac)", out.target());
        drainEncoder();
    }

    private void drainDecoder() {
        while (true) {
            int ret = avcodec_receive_frame(decoder, decoded);
            if (ret < 0) {
                return;
            }
            try {
                long pts = decoded.best_effort_timestamp();
                if (!MediaInput.hasTimestamp(pts)) {
                    pts = nextPts == Long.MIN_VALUE ? startPts : nextPts;
                }
                nextPts = pts + samplesToTicks(decoded.nb_samples());
                decoded.pts(pts - startPts);
                Ffmpeg.checkWrite(
                        av_buffersrc_add_frame_flags(source, decoded, 0), "av_buffersrc_add_frame_flags(audio)", file);
            } finally {
                av_frame_unref(decoded);
            }
            drainFilter();
        }
    }

    private long samplesToTicks(int samples) {
        AVRational tb = decoder.pkt_timebase();
        int rate = decoder.sample_rate();
        if (tb.num() <= 0 || rate <= 0) {
            return 0;
        }
        return Math.round((double) samples * tb.den() / ((double) tb.num() * rate));
    }

    private void drainFilter() {
        while (av_buffersink_get_frame(sink, filtered) >= 0) {
            try {
                Ffmpeg.checkWrite(avcodec_send_frame(encoder, filtered), "avcodec_send_frame(aac)", out.target());
            } finally {
                av_frame_unref(filtered);
            }
            drainEncoder();
        }
    }

    private void drainEncoder() {
        while (true) {
            int ret = avcodec_receive_packet(encoder, packet);
            if (Ffmpeg.isAgain(ret) || Ffmpeg.isEof(ret)) {
                return;
            }
            Ffmpeg.checkWrite(ret, "avcodec_receive_packet(aac)", out.target());
            packet.stream_index(outStream.index());
            av_packet_rescale_ts(packet, encoderTimeBase, outStream.time_base());
            out.write(packet);
            av_packet_unref(packet);
        }
    }

    @Override
    public void close() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (decoded != null) {
            av_frame_free(decoded);
            decoded = null;
        }
        if (filtered != null) {
            av_frame_free(filtered);
            filtered = null;
        }
        if (graph != null) {
            avfilter_graph_free(graph);
            graph = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        Decoders.free(decoder);
        decoder = null;
    }
}
