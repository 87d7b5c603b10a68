package io.framewise.media.check.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The audio half of {@link io.framewise.media.check.DecodeCheck}: whether the main audio stream
 * decodes at its start and at its end.
 */
public final class AudioEnds {

    /** Audio packets tried at each end before deciding nothing there decodes. */
    static final int MAX_AUDIO_PACKETS = 256;

    private AudioEnds() {}

    /**
     * Decodes the first audio of the file's main audio stream and, after a seek to its last second,
     * audio at its end.
     *
     * @throws MediaException.Unsupported when the file has no audio stream
     * @throws MediaException.Corrupt naming the end that does not decode
     */
    public static void check(Path file) {
        try (MediaInput input = MediaInput.open(file)) {
            int index = av_find_best_stream(input.context(), AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
            if (index < 0) {
                throw new MediaException.Unsupported(file, "no audio stream");
            }
            for (int i = 0; i < input.streamCount(); i++) {
                if (i != index) {
                    input.stream(i).discard(AVDISCARD_ALL);
                }
            }
            AVCodecContext decoder = Decoders.open(input, index, 1);
            AVPacket packet = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            try {
                Decoding start = decodeOne(input, decoder, packet, frame, index);
                if (!start.decoded()) {
                    throw start.failure(file, "the start of the audio cannot be decoded");
                }
                long duration = input.context().duration();
                if (duration > 2L * AV_TIME_BASE) {
                    // Position by the container's clock; BACKWARD lands on a packet at or before the last second.
                    long at = input.context().start_time() < 0
                            ? 0
                            : input.context().start_time();
                    int sought = av_seek_frame(input.context(), -1, at + duration - AV_TIME_BASE, AVSEEK_FLAG_BACKWARD);
                    if (sought >= 0) {
                        avcodec_flush_buffers(decoder);
                        Decoding end = decodeOne(input, decoder, packet, frame, index);
                        if (!end.decoded()) {
                            throw end.failure(file, "the end of the audio cannot be decoded");
                        }
                    }
                }
            } finally {
                av_frame_free(frame);
                av_packet_free(packet);
                Decoders.free(decoder);
            }
        }
    }

    /** How a try to decode one audio frame ended: with a frame, or with the last error seen. */
    private record Decoding(boolean decoded, int error, String call) {
        MediaException failure(Path file, String what) {
            if (call == null) {
                return new MediaException.Corrupt(file, what + ": no audio frame before the end of the file");
            }
            return new MediaException.Corrupt(file, what, call, error, Ffmpeg.errorString(error));
        }
    }

    /** Reads packets from the current position until the decoder hands out one frame. */
    private static Decoding decodeOne(
            MediaInput input, AVCodecContext decoder, AVPacket packet, AVFrame frame, int index) {
        int error = 0;
        String call = null;
        boolean draining = false;
        int rejected = 0;
        for (int sent = 0; sent <= MAX_AUDIO_PACKETS && rejected <= MAX_AUDIO_PACKETS; ) {
            int got = avcodec_receive_frame(decoder, frame);
            if (got >= 0) {
                av_frame_unref(frame);
                return new Decoding(true, 0, null);
            }
            if (Ffmpeg.isEof(got) || draining) {
                return new Decoding(false, error, call);
            }
            if (!Ffmpeg.isAgain(got)) {
                // A damaged packet: the decoder goes on with the next one.
                error = got;
                call = "avcodec_receive_frame";
                rejected++;
                continue;
            }
            int read = av_read_frame(input.context(), packet);
            if (read < 0) {
                if (!Ffmpeg.isEof(read)) {
                    error = read;
                    call = "av_read_frame";
                }
                draining = true;
                avcodec_send_packet(decoder, null);
                continue;
            }
            try {
                if (packet.stream_index() != index) {
                    continue;
                }
                sent++;
                int ret = avcodec_send_packet(decoder, packet);
                if (ret < 0 && !Ffmpeg.isAgain(ret)) {
                    error = ret;
                    call = "avcodec_send_packet";
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        return new Decoding(false, error, call);
    }
}
