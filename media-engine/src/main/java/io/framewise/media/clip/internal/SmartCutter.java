package io.framewise.media.clip.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_HIGH;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_H264_MAIN;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_copy_props;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.transcode.ProgressMeter;
import io.framewise.media.transcode.internal.AudioTranscoder;
import io.framewise.media.transcode.internal.ColorTags;
import io.framewise.media.transcode.internal.OutputFile;
import io.framewise.media.transcode.internal.SourceReader;
import io.framewise.media.transcode.internal.Timecodes;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * {@link ClipMode#SMART} for H.264: the partial GOP at the start ([in, first keyframe)) and at the
 * end ([last keyframe, out)) are decoded and encoded again with x264 at the source's size, pixel
 * format, profile and level, without B-frames; the whole GOPs between are copied unchanged. The
 * re-encoded parts carry their own SPS/PPS in band, under an id the source does not use, so decoders
 * switch parameter sets at the joins. Timestamps continue across the joins: re-encoded packets get the
 * decode delay of the copied keyframes, so decode times never go backwards. Audio is AAC of exactly
 * the clip's time span.
 *
 * <p>Preconditions are checked by {@link #unsupportedReason}; where the stream turns out otherwise
 * while cutting (an open GOP, a keyframe that is not an IDR picture), {@link NotPossible} is thrown and
 * the caller falls back to a full re-encode.
 */
final class SmartCutter {

    /** The source cannot be smart cut after all; the message says why. */
    static final class NotPossible extends RuntimeException {
        NotPossible(String reason) {
            super(reason);
        }
    }

    private enum Phase {
        HEAD,
        MIDDLE,
        TAIL,
        DONE
    }

    private final Path source;
    private final FrameMap map;
    private final Path output;
    private final ClipPlan.Smart plan;
    private final ClipOptions options;
    private final Cancellation cancel;
    private final ProgressMeter meter;
    private final long base;

    private OutputFile out;
    private AVStream videoOut;
    private AVRational videoTb;
    private AVCodecContext decoder;
    private AudioTranscoder audio;
    private ReencodedPart.Format format;
    private ReencodedPart part;
    private AVPacket packet;
    private AVFrame frame;
    private Phase phase;
    private long headFrames;
    private long copiedFrames;
    private long tailFrames;
    private int tailPackets;
    private int nalLength;
    private byte[] extradata;
    private long middleEndPts;

    SmartCutter(
            Path source,
            FrameMap map,
            Path output,
            ClipPlan.Smart plan,
            ClipOptions options,
            Progress.Listener listener,
            Cancellation cancel) {
        this.source = source;
        this.map = map;
        this.output = output;
        this.plan = plan;
        this.options = options;
        this.cancel = cancel;
        this.meter = new ProgressMeter(plan.out() - plan.in(), listener);
        this.base = map.pts(plan.in());
    }

    /** Why this video stream cannot be smart cut, or empty when it can. */
    static Optional<String> unsupportedReason(AVStream stream) {
        AVCodecParameters par = stream.codecpar();
        if (par.codec_id() != AV_CODEC_ID_H264) {
            return Optional.of("smart cut supports H.264; "
                    + avcodec_get_name(par.codec_id()).getString() + " is re-encoded instead");
        }
        if (par.format() != AV_PIX_FMT_YUV420P && par.format() != AV_PIX_FMT_YUVJ420P) {
            return Optional.of("smart cut supports 8-bit 4:2:0 H.264; this stream is re-encoded instead");
        }
        if (x264Profile(par.profile()) == null) {
            return Optional.of("smart cut supports the Baseline, Main and High profiles of H.264; profile "
                    + par.profile() + " is re-encoded instead");
        }
        if (par.field_order() != AV_FIELD_PROGRESSIVE && par.field_order() != AV_FIELD_UNKNOWN) {
            return Optional.of("smart cut supports progressive H.264; interlaced video is re-encoded instead");
        }
        if (par.extradata_size() <= 0 || par.extradata() == null) {
            return Optional.of("the H.264 stream carries no parameter sets in its header; re-encoded instead");
        }
        return Optional.empty();
    }

    private static String x264Profile(int profile) {
        if (profile == AV_PROFILE_H264_BASELINE || profile == AV_PROFILE_H264_CONSTRAINED_BASELINE) {
            return "baseline";
        }
        if (profile == AV_PROFILE_H264_MAIN) {
            return "main";
        }
        if (profile == AV_PROFILE_H264_HIGH) {
            return "high";
        }
        return null;
    }

    ClipResult cut(FrameRange requested) {
        int videoIndex = map.streamIndex();
        try (SourceReader reader = new SourceReader(source, videoIndex);
                OutputFile file = OutputFile.create(output, null)) {
            out = file;
            MediaInput input = reader.input();
            AVStream videoIn = input.stream(videoIndex);
            setUp(input, videoIn);
            Timecodes.carry(input, map, requested.in(), out);
            out.writeHeader(Map.of());
            long startKey = map.isKeyframe(plan.in()) ? plan.in() : map.keyframeAtOrBefore(plan.in());
            if (startKey >= 0) {
                reader.startAtKeyframe(map.pts(startKey));
            }
            phase = plan.in() < plan.headEnd()
                    ? Phase.HEAD
                    : plan.headEnd() < plan.tailStart() ? Phase.MIDDLE : Phase.TAIL;
            if (phase != Phase.MIDDLE) {
                part = new ReencodedPart(format, out, videoOut);
            }
            while (reader.read(packet)) {
                try {
                    int index = packet.stream_index();
                    if (index == videoIndex) {
                        cancel.check(output);
                        video(packet);
                    } else if (audio != null && index == audio.sourceIndex()) {
                        audio.send(packet);
                    }
                } finally {
                    av_packet_unref(packet);
                }
                if (phase == Phase.DONE && (audio == null || audio.pastEnd())) {
                    break;
                }
            }
            endOfInput();
            if (headFrames + copiedFrames + tailFrames != plan.out() - plan.in()) {
                throw new NotPossible("frames were missing while cutting (" + headFrames + " + " + copiedFrames + " + "
                        + tailFrames + " of " + (plan.out() - plan.in()) + ")");
            }
            if (audio != null) {
                audio.finish();
            }
            out.finish();
            meter.finished();
            return new ClipResult(
                    output,
                    ClipMode.SMART,
                    ClipMode.SMART,
                    requested,
                    requested,
                    plan.out() - plan.in(),
                    false,
                    headFrames + tailFrames,
                    copiedFrames,
                    audio != null,
                    Optional.empty());
        } finally {
            release();
        }
    }

    private void setUp(MediaInput input, AVStream videoIn) {
        AVCodecParameters par = videoIn.codecpar();
        videoTb = StreamCopier.copy(videoIn.time_base());
        extradata = new byte[par.extradata_size()];
        par.extradata().get(extradata);
        nalLength = H264Bitstream.nalLengthSize(extradata);
        int spsId = unusedParameterSetId(extradata);
        videoOut = out.addStream();
        Ffmpeg.checkWrite(avcodec_parameters_copy(videoOut.codecpar(), par), "avcodec_parameters_copy", output);
        videoOut.codecpar().codec_tag(0);
        videoOut.time_base(StreamCopier.copy(videoIn.time_base()));
        // The MOV muxer needs the rate to write a timecode track.
        videoOut.avg_frame_rate(StreamCopier.copy(videoIn.avg_frame_rate()));
        middleEndPts = plan.tailStart() < map.frameCount() ? map.pts(plan.tailStart()) : Long.MAX_VALUE;
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        if (plan.reencoded() > 0) {
            decoder = Decoders.open(input, map.streamIndex(), 0);
            int sarNum = par.sample_aspect_ratio().num() > 0
                    ? par.sample_aspect_ratio().num()
                    : 1;
            int sarDen = par.sample_aspect_ratio().den() > 0
                    ? par.sample_aspect_ratio().den()
                    : 1;
            format = new ReencodedPart.Format(
                    par.width(),
                    par.height(),
                    par.format(),
                    videoTb,
                    map.frameRate(),
                    Math.min(options.encoding().crf(), 18),
                    options.encoding().preset(),
                    x264Profile(par.profile()),
                    par.level(),
                    spsId,
                    nalLength,
                    ColorTags.of(par),
                    sarNum,
                    sarDen,
                    output,
                    pts -> {
                        long index = map.indexOfPts(pts + base);
                        return index >= 0 ? map.duration(index) : 0;
                    });
        }
        int audioIndex = Cuts.firstAudioStream(input);
        if (audioIndex >= 0) {
            AVRational audioTb = StreamCopier.copy(input.stream(audioIndex).time_base());
            long end = plan.out() < map.frameCount() ? map.pts(plan.out()) : map.endPts();
            audio = AudioTranscoder.open(
                    input,
                    audioIndex,
                    out,
                    av_rescale_q(base, videoTb, audioTb),
                    av_rescale_q(end, videoTb, audioTb),
                    options.encoding().audioBitrate());
        }
    }

    /** An SPS/PPS id the source does not use, so the re-encoded parts' parameter sets never collide. */
    private static int unusedParameterSetId(byte[] extradata) {
        Set<Integer> used;
        try {
            used = H264Bitstream.parameterSetIds(extradata);
        } catch (IllegalArgumentException e) {
            throw new NotPossible("the stream's parameter sets cannot be read: " + e.getMessage());
        }
        for (int id = 1; id < 32; id++) {
            if (!used.contains(id)) {
                return id;
            }
        }
        throw new NotPossible("the stream uses every parameter set id");
    }

    private void video(AVPacket pkt) {
        switch (phase) {
            case HEAD -> {
                if (isKeyframe(pkt, plan.headEnd())) {
                    finishHead(pkt);
                    video(pkt);
                } else {
                    decode(pkt);
                }
            }
            case MIDDLE -> copy(pkt);
            case TAIL -> {
                if (tailPackets == 0 && !isKeyframe(pkt, plan.tailStart())) {
                    throw new NotPossible("the tail does not start on the keyframe of frame " + plan.tailStart());
                }
                if (tailPackets == 0) {
                    part.setDecodeDelay(decodeDelay(pkt, plan.tailStart()));
                } else if (pkt.pts() < map.pts(plan.tailStart())) {
                    throw new NotPossible("open GOP at frame " + plan.tailStart());
                }
                tailPackets++;
                decode(pkt);
            }
            case DONE -> {}
        }
    }

    private void finishHead(AVPacket keyframe) {
        requireIdr(keyframe, plan.headEnd());
        part.setDecodeDelay(decodeDelay(keyframe, plan.headEnd()));
        decode(null);
        headFrames = part.finish();
        part.close();
        part = null;
        avcodec_flush_buffers(decoder);
        phase = plan.headEnd() < plan.tailStart() ? Phase.MIDDLE : Phase.TAIL;
        if (phase == Phase.TAIL) {
            part = new ReencodedPart(format, out, videoOut);
        }
    }

    private void copy(AVPacket pkt) {
        long pts = pkt.pts();
        if (middleEndPts != Long.MAX_VALUE && isKeyframe(pkt, plan.tailStart())) {
            requireIdr(pkt, plan.tailStart());
            if (plan.tailStart() < plan.out()) {
                phase = Phase.TAIL;
                part = new ReencodedPart(format, out, videoOut);
                video(pkt);
            } else {
                phase = Phase.DONE;
            }
            return;
        }
        if (copiedFrames == 0) {
            if (!isKeyframe(pkt, plan.headEnd())) {
                throw new NotPossible("the copy does not start on the keyframe of frame " + plan.headEnd());
            }
            requireIdr(pkt, plan.headEnd());
        }
        if (!MediaInput.hasTimestamp(pts) || pts < map.pts(plan.headEnd()) || pts >= middleEndPts) {
            throw new NotPossible("open GOP near frame " + plan.headEnd() + ": a picture shown outside its GOP");
        }
        if (copiedFrames == 0 && nalLength > 0 && !out.needsGlobalHeader()) {
            // Containers without a header (MPEG-TS) need the source's SPS/PPS in band at the first copied
            // keyframe: after the re-encoded head's own parameter sets the muxer does not repeat them.
            prependParameterSets(pkt);
        }
        pkt.pts(pts - base);
        if (MediaInput.hasTimestamp(pkt.dts())) {
            pkt.dts(pkt.dts() - base);
        }
        pkt.pos(-1);
        pkt.stream_index(videoOut.index());
        av_packet_rescale_ts(pkt, videoTb, videoOut.time_base());
        out.write(pkt);
        copiedFrames++;
        meter.frameDone();
    }

    private void prependParameterSets(AVPacket pkt) {
        byte[] data = new byte[pkt.size()];
        pkt.data().get(data);
        byte[] joined = H264Bitstream.withParameterSets(data, extradata, nalLength);
        AVPacket copy = av_packet_alloc();
        try {
            Ffmpeg.checkWrite(av_new_packet(copy, joined.length), "av_new_packet", output);
            copy.data().put(joined);
            Ffmpeg.checkWrite(av_packet_copy_props(copy, pkt), "av_packet_copy_props", output);
            av_packet_unref(pkt);
            av_packet_move_ref(pkt, copy);
        } finally {
            av_packet_free(copy);
        }
    }

    private boolean isKeyframe(AVPacket pkt, long index) {
        return index < map.frameCount() && (pkt.flags() & AV_PKT_FLAG_KEY) != 0 && pkt.pts() == map.pts(index);
    }

    private void requireIdr(AVPacket pkt, long index) {
        byte[] data = new byte[pkt.size()];
        pkt.data().get(data);
        if (!H264Bitstream.containsIdr(data, nalLength)) {
            throw new NotPossible("the keyframe of frame " + index + " is not an IDR picture (open GOP)");
        }
    }

    /** How far the source's decode time runs ahead of its presentation at this keyframe. */
    private long decodeDelay(AVPacket pkt, long index) {
        if (MediaInput.hasTimestamp(pkt.dts()) && pkt.dts() <= pkt.pts()) {
            return pkt.pts() - pkt.dts();
        }
        return (long) videoOut.codecpar().video_delay() * map.duration(index);
    }

    private void decode(AVPacket pkt) {
        int ret = avcodec_send_packet(decoder, pkt);
        if (Ffmpeg.isAgain(ret)) {
            receiveFrames();
            ret = avcodec_send_packet(decoder, pkt);
        }
        if (ret < 0 && pkt != null) {
            throw new NotPossible("the decoder refused a packet: " + Ffmpeg.errorString(ret));
        }
        receiveFrames();
    }

    private void receiveFrames() {
        while (avcodec_receive_frame(decoder, frame) >= 0) {
            try {
                onFrame(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private void onFrame(AVFrame decoded) {
        long index = map.indexOfPts(decoded.best_effort_timestamp());
        boolean head = phase == Phase.HEAD && index >= plan.in() && index < plan.headEnd();
        boolean tail = phase == Phase.TAIL && index >= plan.tailStart() && index < plan.out();
        if (!head && !tail) {
            return;
        }
        long expected = (head ? plan.in() : plan.tailStart()) + part.frames();
        if (index != expected) {
            throw new NotPossible("frame " + expected + " could not be decoded");
        }
        decoded.pts(map.pts(index) - base);
        part.encode(decoded);
        meter.frameDone();
        if (tail && index == plan.out() - 1) {
            tailFrames = part.finish();
            phase = Phase.DONE;
        }
    }

    private void endOfInput() {
        switch (phase) {
            case HEAD -> throw new NotPossible("the keyframe of frame " + plan.headEnd() + " was not found");
            case MIDDLE -> {
                if (middleEndPts != Long.MAX_VALUE) {
                    throw new NotPossible("the keyframe of frame " + plan.tailStart() + " was not found");
                }
                phase = Phase.DONE;
            }
            case TAIL -> {
                decode(null);
                if (phase != Phase.DONE) {
                    throw new NotPossible("the last frames could not be decoded");
                }
            }
            case DONE -> {}
        }
    }

    private void release() {
        if (part != null) {
            part.close();
        }
        if (audio != null) {
            audio.close();
        }
        Decoders.free(decoder);
        if (frame != null) {
            av_frame_free(frame);
        }
        if (packet != null) {
            av_packet_free(packet);
        }
    }
}
