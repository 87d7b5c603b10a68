package io.framewise.media.still.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The demuxer and decoder of one video stream, kept open, with a read position: it hands out decoded
 * frames one at a time in presentation order, seeks, and decides per packet whether the decoder may
 * skip non-reference pictures. Knows nothing of frame indices; {@link FrameReader} does.
 *
 * <p>The skip setting is changed only right before a packet is sent and only after the decoder said
 * it wants input, so every packet is decoded with the setting chosen for it: FFmpeg may decode a
 * queued packet lazily, on a later receive call.
 */
final class DecodeCursor implements AutoCloseable {

    /** {@code AVERROR(ENOMEM)}: the one decoding error that is not about the data. */
    private static final int AVERROR_ENOMEM = -12;

    /** Damaged packets the decoder may reject in a row (no picture between) before giving up. */
    private static final int MAX_REJECTED_PACKETS = 256;

    private final Path file;
    private final io.framewise.media.MediaSource source;
    private final int streamIndex;
    private final int threads;
    private MediaInput input;
    private AVCodecContext decoder;
    private final AVPacket packet;
    private final AVFrame frame;
    private boolean draining;
    private boolean exhausted;
    private int endCode;
    private long skipBeforePts = Long.MIN_VALUE;
    private long keepPts = Long.MIN_VALUE;

    DecodeCursor(MediaInput input, int streamIndex, int threads) {
        this.file = input.file();
        this.source = input.source();
        this.input = input;
        this.streamIndex = streamIndex;
        this.threads = threads;
        AVPacket pkt = null;
        AVFrame frm = null;
        try {
            decoder = Decoders.open(input, streamIndex, threads);
            pkt = av_packet_alloc();
            frm = av_frame_alloc();
            if (pkt == null || frm == null) {
                throw new OutOfMemoryError("av_packet_alloc/av_frame_alloc failed");
            }
        } catch (RuntimeException | Error e) {
            av_packet_free(pkt);
            av_frame_free(frm);
            Decoders.free(decoder);
            throw e;
        }
        this.packet = pkt;
        this.frame = frm;
    }

    /** Whether the decoder has given out its last frame; only a seek makes it usable again. */
    boolean isExhausted() {
        return exhausted;
    }

    /**
     * Packets whose pts is before {@code beforePts} may drop non-reference pictures, except the one with
     * pts {@code keepPts}; pass {@link Long#MIN_VALUE} to decode everything.
     */
    void skipNonReferenceBefore(long beforePts, long keepPts) {
        this.skipBeforePts = beforePts;
        this.keepPts = keepPts;
    }

    /**
     * Seeks to the last random access point at or before {@code pts} and resets the decoder. Returns
     * false when the demuxer cannot seek; the position is then unknown and the caller should {@link
     * #rewind()}.
     */
    boolean seek(long pts) {
        int ret = av_seek_frame(input.context(), streamIndex, pts, AVSEEK_FLAG_BACKWARD);
        reset();
        return ret >= 0;
    }

    /**
     * Starts again from the first packet by opening the file and its decoder anew: works for every
     * demuxer, and for decoders (APNG) that a flush after their end does not bring back.
     */
    void rewind() {
        MediaInput fresh = MediaInput.open(source);
        AVCodecContext freshDecoder;
        try {
            freshDecoder = Decoders.open(fresh, streamIndex, threads);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        Decoders.free(decoder);
        input.close();
        input = fresh;
        decoder = freshDecoder;
        reset();
    }

    private void reset() {
        avcodec_flush_buffers(decoder);
        draining = false;
        exhausted = false;
        endCode = 0;
    }

    /**
     * The next decoded frame in presentation order, owned by the cursor and valid until the next call;
     * null when the stream has no more frames.
     */
    AVFrame next() {
        if (exhausted) {
            return null;
        }
        int rejected = 0;
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret >= 0) {
                return frame;
            }
            if (Ffmpeg.isEof(ret)) {
                exhausted = true;
                return null;
            }
            if (!Ffmpeg.isAgain(ret)) {
                // A damaged picture: the decoder moves on with the next one, as the command line does.
                if (ret == AVERROR_ENOMEM || ++rejected > MAX_REJECTED_PACKETS) {
                    throw Ffmpeg.readError(ret, "avcodec_receive_frame", file);
                }
                continue;
            }
            if (draining) {
                // A decoder that wants input after draining has nothing more to give.
                exhausted = true;
                return null;
            }
            rejected = sendNextPacket(rejected);
        }
    }

    /** The error code that ended the input (AVERROR_EOF at a clean end), or 0 while input remains. */
    int endCode() {
        return endCode;
    }

    private int sendNextPacket(int rejected) {
        while (true) {
            int ret = av_read_frame(input.context(), packet);
            input.checkChannel(ret, "av_read_frame");
            if (ret < 0) {
                // The end, or a truncated tail: what was read still decodes.
                endCode = ret;
                draining = true;
                avcodec_send_packet(decoder, null);
                return rejected;
            }
            try {
                if (packet.stream_index() != streamIndex) {
                    continue;
                }
                long pts = packet.pts();
                boolean skip = MediaInput.hasTimestamp(pts) && pts < skipBeforePts && pts != keepPts;
                decoder.skip_frame(skip ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
                ret = avcodec_send_packet(decoder, packet);
                if (ret < 0 && !Ffmpeg.isAgain(ret)) {
                    if (ret == AVERROR_ENOMEM || ++rejected > MAX_REJECTED_PACKETS) {
                        throw Ffmpeg.readError(ret, "avcodec_send_packet", file);
                    }
                }
                return rejected;
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    @Override
    public void close() {
        av_frame_free(frame);
        av_packet_free(packet);
        Decoders.free(decoder);
        decoder = null;
        input.close();
    }
}
