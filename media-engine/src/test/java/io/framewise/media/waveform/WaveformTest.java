package io.framewise.media.waveform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WaveformTest {

    /** FFmpeg's sine source draws at 1/8 of full scale. */
    private static final int SINE_PEAK = Math.round(32767 / 8f);

    /** Burst level of the generated silence-then-burst file. */
    private static final double BURST = 0.8;

    /**
     * One second of silence, then one second of a 1 kHz tone at 0.8 of full scale in the right channel
     * only, as 16-bit PCM WAV: lossless, so the silence is exactly zero and the burst exact.
     */
    static Path silenceThenBurst() {
        Path file = TestMedia.directory().resolve("waveform-silence-burst.wav");
        if (!Files.isRegularFile(file)) {
            Path tmp = TestMedia.directory().resolve("tmp-waveform-silence-burst.wav");
            TestMedia.run(
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "aevalsrc=0|if(lt(t\\,1)\\,0\\," + BURST + "*sin(2*PI*1000*t)):s=48000:d=2"),
                    "-c:a",
                    "pcm_s16le",
                    "-f",
                    "wav",
                    tmp.toString());
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return file;
    }

    @Test
    void sineHasPeaksOfItsAmplitudeAndTheRightLength() {
        WaveformPeaks peaks = Waveform.compute(TestMedia.get(Variant.AUDIO_ONLY), 100);

        assertEquals(48000, peaks.sampleRate());
        assertEquals(2, peaks.channels());
        assertEquals(480, peaks.samplesPerPeak());
        assertEquals(300, peaks.length(), 2, "3 s at 100 peaks per second");
        // The mono sine was spread to stereo at -3 dB per channel (FFmpeg's centre-to-front mix), so each
        // channel peaks at 1/8 / sqrt(2). The last bucket is partial and catches AAC's fade-out.
        double perChannel = SINE_PEAK / Math.sqrt(2);
        for (int i = 0; i < peaks.length() - 1; i++) {
            assertEquals(perChannel, peaks.max(i), perChannel * 0.05, "max of bucket " + i);
            assertEquals(-perChannel, peaks.min(i), perChannel * 0.05, "min of bucket " + i);
            assertEquals(0.125 / Math.sqrt(2), peaks.maxNormalised(i), 0.005);
        }
    }

    @Test
    void silenceIsFlatAndTheBurstIsLoudInWhicheverChannelItIs() {
        WaveformPeaks peaks = Waveform.compute(silenceThenBurst(), 50);

        assertEquals(960, peaks.samplesPerPeak());
        assertEquals(100, peaks.length());
        assertEquals(2.0, peaks.durationSeconds(), 1e-9);
        int burst = (int) Math.round(BURST * 32767);
        for (int i = 0; i < 50; i++) {
            assertEquals(0, peaks.min(i), "silent bucket " + i);
            assertEquals(0, peaks.max(i), "silent bucket " + i);
        }
        for (int i = 50; i < 100; i++) {
            assertEquals(burst, peaks.max(i), burst * 0.01, "burst bucket " + i);
            assertEquals(-burst, peaks.min(i), burst * 0.01, "burst bucket " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"H264_LONG_GOP", "PRORES_23976", "MPEG_TS", "VP9_WEBM"})
    void audioBesideVideoIsFoundWhateverTheCodec(Variant variant) {
        WaveformPeaks peaks = Waveform.compute(TestMedia.get(variant), 20);
        assertEquals(48000, peaks.sampleRate());
        assertEquals(2400, peaks.samplesPerPeak());
        int middle = peaks.length() / 2;
        assertEquals(SINE_PEAK, peaks.max(middle), SINE_PEAK * 0.08, variant + " sine peak");
        assertEquals(-SINE_PEAK, peaks.min(middle), SINE_PEAK * 0.08, variant + " sine trough");
    }

    @Test
    void jsonParsesAndCarriesEveryPeak() throws IOException {
        WaveformPeaks peaks = Waveform.compute(silenceThenBurst(), 25);
        JsonNode json = new ObjectMapper().readTree(peaks.toJson());

        assertEquals(1, json.get("version").asInt());
        assertEquals(48000, json.get("sampleRate").asInt());
        assertEquals(1920, json.get("samplesPerPeak").asInt());
        assertEquals(50, json.get("length").asInt());
        JsonNode values = json.get("peaks");
        assertEquals(100, values.size());
        short[] fromJson = new short[values.size()];
        for (int i = 0; i < fromJson.length; i++) {
            assertTrue(values.get(i).isInt());
            fromJson[i] = (short) values.get(i).asInt();
        }
        assertArrayEquals(peaks.peaks(), fromJson);
        assertTrue(peaks.toJson().indexOf(' ') < 0, "compact JSON");
    }

    @Test
    void pngDecodesAtItsSizeAndShowsSilenceFlatAndTheBurstTall() throws IOException {
        WaveformPeaks peaks = Waveform.compute(silenceThenBurst(), 100);
        byte[] png = WaveformImage.renderPng(peaks, 400, 100);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertEquals(400, image.getWidth());
        assertEquals(100, image.getHeight());
        // The silent half is background above and below the centre; the burst fills 80% of the height.
        assertEquals(WaveformImage.BACKGROUND, image.getRGB(100, 20) & 0xFFFFFF);
        assertEquals(WaveformImage.WAVE, image.getRGB(100, 50) & 0xFFFFFF);
        assertEquals(WaveformImage.WAVE, image.getRGB(300, 20) & 0xFFFFFF);
        assertEquals(WaveformImage.WAVE, image.getRGB(300, 80) & 0xFFFFFF);
        assertEquals(WaveformImage.BACKGROUND, image.getRGB(300, 5) & 0xFFFFFF);
        assertEquals(WaveformImage.BACKGROUND, image.getRGB(300, 95) & 0xFFFFFF);
    }

    @Test
    void pictureWiderThanThePeaksStillCoversEveryColumn() throws IOException {
        WaveformPeaks peaks = Waveform.compute(silenceThenBurst(), 5);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(WaveformImage.renderPng(peaks, 1000, 64)));
        assertEquals(1000, image.getWidth());
        for (int x = 500; x < 1000; x++) {
            assertEquals(WaveformImage.WAVE, image.getRGB(x, 20) & 0xFFFFFF, "column " + x);
        }
        assertThrows(IllegalArgumentException.class, () -> WaveformImage.renderPng(peaks, 0, 10));
    }

    @Test
    void mediaWithoutAudioIsUnsupported() {
        for (Variant v : List.of(Variant.SUBTITLED, Variant.STILL_PNG, Variant.VFR)) {
            MediaException e =
                    assertThrows(MediaException.Unsupported.class, () -> Waveform.compute(TestMedia.get(v), 10));
            assertTrue(e.getMessage().contains("no audio stream"), e.getMessage());
            assertTrue(e.getMessage().contains(TestMedia.get(v).toString()), e.getMessage());
        }
    }

    @Test
    void cancelledBeforeTheFirstPacketStops() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        assertThrows(
                MediaException.Cancelled.class,
                () -> Waveform.compute(TestMedia.get(Variant.AUDIO_ONLY), 10, cancellation));
    }

    @Test
    void peaksPerSecondOutOfRangeIsRefused() {
        Path file = TestMedia.get(Variant.AUDIO_ONLY);
        assertThrows(IllegalArgumentException.class, () -> Waveform.compute(file, 0));
        assertThrows(IllegalArgumentException.class, () -> Waveform.compute(file, Waveform.MAX_PEAKS_PER_SECOND + 1));
        assertEquals(48, Waveform.compute(file, Waveform.MAX_PEAKS_PER_SECOND).samplesPerPeak());
    }
}
