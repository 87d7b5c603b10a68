package io.framewise.media.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.model.media.AudioStreamInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surround and broadcast audio: probe names the layout and counts the channels, and the proxy's stereo
 * track carries every channel as the downmix defines (centre and LFE on both sides, a left surround on
 * the left, broadcast channels in pairs: odd ones left, even ones right).
 */
class MultichannelAudioTest {

    private static final double SILENT = 0.002;
    private static final double HEARD = 0.02;

    @TempDir
    Path dir;

    /**
     * Three seconds, one channel sounding each second: 440 Hz in channel {@code first}, 60 Hz in {@code
     * second}, 440 Hz in {@code third}; the others silent.
     */
    private Path make(String layout, int channels, int first, int second, int third) {
        List<String> exprs = new ArrayList<>(Collections.nCopies(channels, "0"));
        exprs.set(first, "if(lt(t\\,1)\\,0.5*sin(2*PI*440*t)\\,0)");
        exprs.set(second, "if(between(t\\,1\\,2)\\,0.5*sin(2*PI*60*t)\\,0)");
        exprs.set(third, "if(gt(t\\,2)\\,0.5*sin(2*PI*440*t)\\,0)");
        Path out = dir.resolve(layout.replaceAll("[^a-z0-9]", "") + ".mov");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=160x120:rate=25,trim=end_frame=75",
                        "-f",
                        "lavfi",
                        "-i",
                        "aevalsrc=exprs='" + String.join("|", exprs) + "':channel_layout=" + layout
                                + ":sample_rate=48000:duration=3"),
                "-map",
                "0:v",
                "-map",
                "1:a",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "pcm_s24le",
                "-f",
                "mov",
                out.toString());
        return out;
    }

    @Test
    void fivePointOneIsProbedAndCentreLfeAndSurroundReachTheStereoProxy() throws IOException {
        // 5.1 is FL FR FC LFE BL BR: centre, then LFE, then the left surround.
        Path media = make("5.1", 6, 2, 3, 4);
        AudioStreamInfo audio = MediaProbe.probe(media).audio().get(0);
        assertEquals(6, audio.channels());
        assertEquals("5.1", audio.channelLayout());
        double[][] rms = proxyLoudness(media);
        assertTrue(rms[0][0] > HEARD && rms[1][0] > HEARD, "centre on both sides: " + describe(rms));
        assertTrue(rms[0][1] > HEARD && rms[1][1] > HEARD, "LFE on both sides: " + describe(rms));
        assertTrue(rms[0][2] > HEARD && rms[1][2] < SILENT, "left surround on the left only: " + describe(rms));
    }

    @Test
    void sevenPointOneIsProbedAndItsSideAndBackChannelsAreHeard() throws IOException {
        // 7.1 is FL FR FC LFE BL BR SL SR: right back, then LFE, then left side.
        Path media = make("7.1", 8, 5, 3, 6);
        AudioStreamInfo audio = MediaProbe.probe(media).audio().get(0);
        assertEquals(8, audio.channels());
        assertEquals("7.1", audio.channelLayout());
        double[][] rms = proxyLoudness(media);
        assertTrue(rms[1][0] > HEARD && rms[0][0] < SILENT, "right back on the right: " + describe(rms));
        assertTrue(rms[0][1] > HEARD && rms[1][1] > HEARD, "LFE on both sides: " + describe(rms));
        assertTrue(rms[0][2] > HEARD && rms[1][2] < SILENT, "left side on the left: " + describe(rms));
    }

    @Test
    void sixteenBroadcastChannelsAreProbedAndMixedInPairs() throws IOException {
        // Channel 1 (odd, numbered from 1) then 12 (even) then 16 (even): left, right, right.
        Path media = make("16c", 16, 0, 11, 15);
        AudioStreamInfo audio = MediaProbe.probe(media).audio().get(0);
        assertEquals(16, audio.channels());
        assertTrue(!audio.channelLayout().isBlank(), audio.channelLayout());
        double[][] rms = proxyLoudness(media);
        assertTrue(rms[0][0] > HEARD && rms[1][0] < SILENT, "channel 1 on the left: " + describe(rms));
        assertTrue(rms[1][1] > HEARD && rms[0][1] < SILENT, "channel 12 on the right: " + describe(rms));
        assertTrue(rms[1][2] > HEARD && rms[0][2] < SILENT, "channel 16 on the right: " + describe(rms));
    }

    /** RMS of the proxy's [left, right] channel in the middle of each of the three seconds. */
    private double[][] proxyLoudness(Path media) throws IOException {
        Path proxy = dir.resolve(media.getFileName() + "-proxy.mp4");
        new ProxyTranscoder().transcode(media, proxy, ProxySettings.DEFAULT, p -> {}, new Cancellation());
        AudioStreamInfo out = MediaProbe.probe(proxy).audio().get(0);
        assertEquals(2, out.channels(), "the proxy is stereo");
        Path raw = dir.resolve(media.getFileName() + ".f32");
        TestMedia.run(
                List.of("-i", proxy.toString()), "-map", "0:a", "-f", "f32le", "-c:a", "pcm_f32le", raw.toString());
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        int rate = out.sampleRate();
        double[][] rms = new double[2][3];
        for (int second = 0; second < 3; second++) {
            int from = (int) ((second + 0.25) * rate);
            int to = (int) ((second + 0.75) * rate);
            for (int c = 0; c < 2; c++) {
                double sum = 0;
                for (int s = from; s < to; s++) {
                    float v = buf.getFloat((s * 2 + c) * 4);
                    sum += v * v;
                }
                rms[c][second] = Math.sqrt(sum / (to - from));
            }
        }
        return rms;
    }

    private static String describe(double[][] rms) {
        return String.format(
                java.util.Locale.ROOT,
                "left %.4f %.4f %.4f, right %.4f %.4f %.4f",
                rms[0][0],
                rms[0][1],
                rms[0][2],
                rms[1][0],
                rms[1][1],
                rms[1][2]);
    }
}
