package io.framewise.media.waveform.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.waveform.Waveform;
import io.framewise.media.waveform.WaveformPeaks;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The decoding behind {@link Waveform}: computes {@link WaveformPeaks} by decoding the file's main audio stream in-process. Bucket 0 starts
 * at the first decoded sample; a packet the decoder rejects is skipped (its bucket stays where the
 * neighbours put it), and a damaged tail ends the waveform where the readable audio ends.
 */
public final class PeakReader {

    private PeakReader() {}

    /**
     * The waveform of {@code file} at about {@code peaksPerSecond} buckets per second, failing once the
     * audio runs past {@code maxSeconds}.
     */
    public static WaveformPeaks compute(Path file, int peaksPerSecond, Cancellation cancellation, long maxSeconds) {
        if (maxSeconds < 1) {
            throw new IllegalArgumentException("maxSeconds must be positive, was " + maxSeconds);
        }
        if (peaksPerSecond < 1 || peaksPerSecond > Waveform.MAX_PEAKS_PER_SECOND) {
            throw new IllegalArgumentException(
                    "peaksPerSecond must be 1.." + Waveform.MAX_PEAKS_PER_SECOND + ", was " + peaksPerSecond);
        }
        try (MediaInput input = MediaInput.open(file)) {
            AVFormatContext ctx = input.context();
            int index = av_find_best_stream(ctx, AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
            if (index < 0) {
                throw new MediaException.Unsupported(file, "no audio stream");
            }
            int sampleRate = input.stream(index).codecpar().sample_rate();
            int channels = input.stream(index).codecpar().ch_layout().nb_channels();
            if (sampleRate <= 0 || channels <= 0) {
                throw new MediaException.Corrupt(
                        file,
                        "the audio stream's sample rate and channels cannot be read",
                        "avformat_find_stream_info",
                        0,
                        null);
            }
            for (int i = 0; i < input.streamCount(); i++) {
                if (i != index) {
                    // The demuxer then skips the other streams' packets instead of handing them over.
                    input.stream(i).discard(AVDISCARD_ALL);
                }
            }
            int samplesPerPeak = Math.max(1, (int) Math.round(sampleRate / (double) peaksPerSecond));
            // Sized by the samples that decode, not by the duration the container declares (a header
            // can claim centuries); the cap is a day at this resolution.
            long maxPeaks = (maxSeconds * sampleRate + samplesPerPeak - 1) / samplesPerPeak;
            PeakAccumulator peaks = new PeakAccumulator(
                    file,
                    samplesPerPeak,
                    (int) Math.min(Integer.MAX_VALUE / 2 - 8, maxPeaks),
                    "the audio is longer than " + duration(maxSeconds) + ", the longest a waveform covers");
            decode(input, index, sampleRate, peaks, cancellation);
            return new WaveformPeaks(sampleRate, channels, samplesPerPeak, peaks.finish());
        }
    }

    private static String duration(long seconds) {
        return seconds % 3600 == 0 ? seconds / 3600 + " hours" : seconds + " seconds";
    }

    private static void decode(
            MediaInput input, int index, int sampleRate, PeakAccumulator peaks, Cancellation cancellation) {
        Path file = input.file();
        AVCodecContext dec = Decoders.open(input, index, 1);
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try (FloatConverter converter = new FloatConverter(file, sampleRate)) {
            long decodedFrames = 0;
            int lastError = 0;
            String lastCall = null;
            boolean draining = false;
            while (true) {
                cancellation.check(file);
                if (!draining) {
                    int ret = av_read_frame(input.context(), pkt);
                    input.checkChannel(ret, "av_read_frame");
                    if (ret < 0) {
                        if (!Ffmpeg.isEof(ret)) {
                            lastError = ret;
                            lastCall = "av_read_frame";
                        }
                        draining = true;
                        avcodec_send_packet(dec, null);
                    } else {
                        try {
                            if (pkt.stream_index() == index) {
                                int sent = avcodec_send_packet(dec, pkt);
                                if (sent < 0 && !Ffmpeg.isAgain(sent)) {
                                    lastError = sent;
                                    lastCall = "avcodec_send_packet";
                                }
                            }
                        } finally {
                            av_packet_unref(pkt);
                        }
                    }
                }
                while (true) {
                    int ret = avcodec_receive_frame(dec, frame);
                    if (ret < 0) {
                        if (!Ffmpeg.isEof(ret) && !Ffmpeg.isAgain(ret)) {
                            lastError = ret;
                            lastCall = "avcodec_receive_frame";
                        }
                        // Once draining, anything but a frame is the end: a decoder error must not spin.
                        if (Ffmpeg.isEof(ret) || draining) {
                            int tail = converter.drain();
                            peaks.add(converter.samples(), tail, converter.channels());
                            if (decodedFrames + tail == 0) {
                                throw lastCall == null
                                        ? new MediaException.Corrupt(file, "the audio stream holds no samples")
                                        : Ffmpeg.readError(lastError, lastCall, file);
                            }
                            return;
                        }
                        break;
                    }
                    try {
                        int frames = converter.convert(frame);
                        peaks.add(converter.samples(), frames, converter.channels());
                        decodedFrames += frames;
                    } finally {
                        av_frame_unref(frame);
                    }
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(pkt);
            Decoders.free(dec);
        }
    }
}
