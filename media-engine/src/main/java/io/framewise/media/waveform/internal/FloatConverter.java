package io.framewise.media.waveform.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded audio frames of any sample format and layout to interleaved 32-bit float at one
 * fixed sample rate, with swresample. The channels are kept as they are (the waveform folds them);
 * when a stream changes format, layout or rate midway the converter is rebuilt for the new input.
 */
final class FloatConverter implements AutoCloseable {

    private final Path file;
    private final int outputRate;
    private final AVChannelLayout inputLayout = new AVChannelLayout();
    private SwrContext swr;
    private int inputFormat = -1;
    private int inputRate;
    private int channels;
    private FloatPointer nativeOut;
    private PointerPointer<FloatPointer> outPlanes;
    private int capacityFrames;
    private float[] samples = new float[0];

    FloatConverter(Path file, int outputRate) {
        this.file = file;
        this.outputRate = outputRate;
        // Zeroed, so that uninit before the first copy frees nothing.
        Pointer.memset(inputLayout, 0, inputLayout.sizeof());
    }

    /** Converts one frame; the result is {@link #samples()}, {@code frames * channels()} values. */
    int convert(AVFrame frame) {
        configureFor(frame);
        return run(frame.extended_data(), frame.nb_samples());
    }

    /** Drains what swresample still holds (only when it resamples); returns the frames drained. */
    int drain() {
        if (swr == null) {
            return 0;
        }
        return run(null, 0);
    }

    /** Interleaved samples of the last conversion. */
    float[] samples() {
        return samples;
    }

    int channels() {
        return channels;
    }

    private int run(PointerPointer<?> input, int inputFrames) {
        int maxOut = swr_get_out_samples(swr, inputFrames);
        if (maxOut < 0) {
            throw Ffmpeg.readError(maxOut, "swr_get_out_samples", file);
        }
        if (maxOut == 0) {
            return 0;
        }
        ensureCapacity(maxOut);
        int frames = swr_convert(swr, outPlanes, capacityFrames, input, inputFrames);
        if (frames < 0) {
            throw Ffmpeg.readError(frames, "swr_convert", file);
        }
        int values = frames * channels;
        if (samples.length < values) {
            samples = new float[values];
        }
        nativeOut.get(samples, 0, values);
        return frames;
    }

    private void configureFor(AVFrame frame) {
        int frameChannels = frame.ch_layout().nb_channels();
        if (frameChannels <= 0 || frame.sample_rate() <= 0) {
            throw new MediaException.Corrupt(file, "a decoded audio frame has no channels or sample rate");
        }
        if (swr != null
                && frame.format() == inputFormat
                && frame.sample_rate() == inputRate
                && av_channel_layout_compare(frame.ch_layout(), inputLayout) == 0) {
            return;
        }
        freeContext();
        av_channel_layout_uninit(inputLayout);
        Ffmpeg.check(av_channel_layout_copy(inputLayout, frame.ch_layout()), "av_channel_layout_copy", file);
        SwrContext ctx = swr_alloc();
        if (ctx == null || ctx.isNull()) {
            throw new MediaException.Corrupt(file, "out of memory", "swr_alloc", 0, null);
        }
        swr = ctx;
        Ffmpeg.check(
                swr_alloc_set_opts2(
                        swr,
                        frame.ch_layout(),
                        AV_SAMPLE_FMT_FLT,
                        outputRate,
                        frame.ch_layout(),
                        frame.format(),
                        frame.sample_rate(),
                        0,
                        (Pointer) null),
                "swr_alloc_set_opts2",
                file);
        Ffmpeg.check(swr_init(swr), "swr_init", file);
        inputFormat = frame.format();
        inputRate = frame.sample_rate();
        channels = frameChannels;
        capacityFrames = 0;
    }

    private void ensureCapacity(int frames) {
        if (frames <= capacityFrames && nativeOut != null) {
            return;
        }
        freeBuffers();
        capacityFrames = Math.max(frames, 4096);
        nativeOut = new FloatPointer((long) capacityFrames * channels);
        // One plane (packed samples). Not new PointerPointer<>(nativeOut): that would cast, not wrap.
        outPlanes = new PointerPointer<FloatPointer>(1).put(0, nativeOut);
    }

    private void freeContext() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
    }

    private void freeBuffers() {
        if (outPlanes != null) {
            outPlanes.close();
            outPlanes = null;
        }
        if (nativeOut != null) {
            nativeOut.close();
            nativeOut = null;
        }
    }

    @Override
    public void close() {
        freeContext();
        freeBuffers();
        av_channel_layout_uninit(inputLayout);
        inputLayout.close();
    }
}
