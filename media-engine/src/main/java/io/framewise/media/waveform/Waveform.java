package io.framewise.media.waveform;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.waveform.internal.PeakReader;
import java.nio.file.Path;

/**
 * Computes {@link WaveformPeaks} by decoding the file's main audio stream in-process. Bucket 0 starts
 * at the first decoded sample; a packet the decoder rejects is skipped (its bucket stays where the
 * neighbours put it), and a damaged tail ends the waveform where the readable audio ends.
 */
public final class Waveform {

    /** More buckets per second than this is no longer a waveform but the samples themselves. */
    public static final int MAX_PEAKS_PER_SECOND = 1000;

    /**
     * The longest audio a waveform covers. A timeline of a day is already unreadable, and the cap keeps
     * the peaks of a hostile file that decodes forever at a few tens of megabytes.
     */
    public static final long MAX_SECONDS = 24L * 3600;

    private Waveform() {}

    /**
     * The waveform of {@code file} at about {@code peaksPerSecond} buckets per second of audio (exactly
     * {@code sampleRate / samplesPerPeak}, with {@code samplesPerPeak} rounded to whole samples).
     *
     * @throws MediaException.Unsupported when the file has no audio stream
     */
    public static WaveformPeaks compute(Path file, int peaksPerSecond) {
        return compute(file, peaksPerSecond, Cancellation.NEVER);
    }

    /** As {@link #compute(Path, int)}, stopping with {@link MediaException.Cancelled} once cancelled. */
    public static WaveformPeaks compute(Path file, int peaksPerSecond, Cancellation cancellation) {
        return compute(file, peaksPerSecond, cancellation, MAX_SECONDS);
    }

    /** As {@link #compute(Path, int, Cancellation)}, failing once the audio runs past {@code maxSeconds}. */
    static WaveformPeaks compute(Path file, int peaksPerSecond, Cancellation cancellation, long maxSeconds) {
        return PeakReader.compute(file, peaksPerSecond, cancellation, maxSeconds);
    }
}
