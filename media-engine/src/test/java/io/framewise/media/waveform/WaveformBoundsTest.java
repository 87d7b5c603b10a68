package io.framewise.media.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.HostileMedia;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A header's claims about length never size the waveform's buffer; real audio past the cap fails. */
class WaveformBoundsTest {

    @TempDir
    Path dir;

    @Test
    void aContainerClaimingCenturiesAllocatesOnlyForTheAudioItHolds() {
        // Two seconds of audio in a Matroska file whose header says 10^10 seconds (317 years).
        Path liar = HostileMedia.matroskaClaimingDuration(dir.resolve("liar.mka"), 1e13);
        assertTrue(
                MediaProbe.probe(liar).durationSeconds() > 1e9,
                "the demuxer believes the header: the test file must lie for the test to mean anything");

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        WaveformPeaks peaks = Waveform.compute(liar, Waveform.MAX_PEAKS_PER_SECOND);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(2.0, peaks.durationSeconds(), 0.01, "the waveform covers the audio that decodes");
        // Sized from the header, the buffer would have been Integer.MAX_VALUE / 2 shorts (2 GiB).
        assertTrue(allocated < 32L << 20, "computing the waveform allocated " + (allocated >> 20) + " MiB");
    }

    @Test
    void audioLongerThanTheCapFailsWithTheReason() {
        Path audio = TestMedia.get(Variant.AUDIO_ONLY);
        MediaException e = assertThrows(
                MediaException.Unsupported.class, () -> Waveform.compute(audio, 100, Cancellation.NEVER, 1));
        assertTrue(e.getMessage().contains("longer than 1 seconds"), e.getMessage());
        assertTrue(e.getMessage().contains(audio.toString()), e.getMessage());
        // Within the cap the same file is fine.
        assertEquals(3.0, Waveform.compute(audio, 100, Cancellation.NEVER, 4).durationSeconds(), 0.05);
    }
}
