package io.framewise.media.clip.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_copy_props;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;

import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.transcode.internal.ColorTags;
import io.framewise.media.transcode.internal.H264Encoder;
import io.framewise.media.transcode.internal.OutputFile;
import io.framewise.model.time.FrameRate;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One re-encoded stretch of a smart cut: x264 with the source's size, format, profile and level, no
 * B-frames, its own SPS/PPS id in band. Packets are held until the part is finished, because their
 * decode times depend on the copied keyframe that follows (the head is encoded before it is read);
 * then they are rewritten in the source's NAL framing and written.
 */
final class ReencodedPart implements Closeable {

    /**
     * What the re-encoded pictures must match. {@code nalLength} 0 means Annex B packets;
     * {@code durationOfPts} gives a picture's duration from its output pts (x264 does not carry
     * durations to its packets).
     */
    record Format(
            int width,
            int height,
            int pixelFormat,
            AVRational timeBase,
            FrameRate frameRate,
            int crf,
            String preset,
            String profile,
            int level,
            int parameterSetId,
            int nalLength,
            ColorTags color,
            int sarNum,
            int sarDen,
            Path output,
            LongUnaryOperator durationOfPts) {}

    /** Long enough that the part is one GOP: only its first picture is a keyframe. */
    private static final int KEYINT = 100_000;

    private final Format format;
    private final OutputFile out;
    private final AVStream stream;
    private final H264Encoder encoder;
    private final List<AVPacket> pending = new ArrayList<>();
    private final AVPacket received;
    private long decodeDelay;
    private long frames;

    ReencodedPart(Format format, OutputFile out, AVStream stream) {
        this.format = format;
        this.out = out;
        this.stream = stream;
        this.encoder = H264Encoder.open(
                new H264Encoder.Settings(
                        format.width(),
                        format.height(),
                        format.pixelFormat(),
                        format.timeBase().num(),
                        format.timeBase().den(),
                        format.frameRate(),
                        format.crf(),
                        format.preset(),
                        format.profile(),
                        format.level(),
                        KEYINT,
                        0,
                        "sps-id=" + format.parameterSetId(),
                        false,
                        format.color(),
                        format.sarNum(),
                        format.sarDen()),
                format.output());
        this.received = av_packet_alloc();
    }

    /** The source's decode delay at the adjoining keyframe, in its time base. */
    void setDecodeDelay(long delay) {
        this.decodeDelay = delay;
    }

    long frames() {
        return frames;
    }

    /** Encodes a decoded picture whose pts is already the output pts. */
    void encode(AVFrame frame) {
        if (frame.width() != format.width()
                || frame.height() != format.height()
                || frame.format() != format.pixelFormat()) {
            throw new SmartCutter.NotPossible("the picture format changes inside the stream");
        }
        frame.pict_type(AV_PICTURE_TYPE_NONE);
        encoder.send(frame);
        drain();
        frames++;
    }

    /** Flushes the encoder and writes every packet; returns the frames encoded. */
    long finish() {
        encoder.send(null);
        drain();
        for (AVPacket p : pending) {
            write(p);
            av_packet_free(p);
        }
        pending.clear();
        return frames;
    }

    private void drain() {
        while (encoder.receive(received)) {
            AVPacket held = av_packet_alloc();
            av_packet_move_ref(held, received);
            pending.add(held);
        }
    }

    private void write(AVPacket encoded) {
        byte[] data = new byte[encoded.size()];
        encoded.data().get(data);
        byte[] payload = format.nalLength() == 0 ? data : H264Bitstream.toLengthPrefixed(data, format.nalLength());
        AVPacket packet = av_packet_alloc();
        try {
            Ffmpeg.checkWrite(av_new_packet(packet, payload.length), "av_new_packet", format.output());
            packet.data().put(payload);
            Ffmpeg.checkWrite(av_packet_copy_props(packet, encoded), "av_packet_copy_props", format.output());
            if (packet.duration() <= 0) {
                packet.duration(format.durationOfPts().applyAsLong(packet.pts()));
            }
            // Without B-frames pictures decode in display order; the source's delay keeps the joins monotonic.
            packet.dts(packet.pts() - decodeDelay);
            packet.stream_index(stream.index());
            packet.pos(-1);
            av_packet_rescale_ts(packet, format.timeBase(), stream.time_base());
            out.write(packet);
        } finally {
            av_packet_free(packet);
        }
    }

    @Override
    public void close() {
        encoder.close();
        for (AVPacket p : pending) {
            av_packet_free(p);
        }
        pending.clear();
        av_packet_free(received);
    }
}
