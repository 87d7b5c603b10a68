package io.framewise.media.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.model.media.VideoStreamInfo;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interlaced frames whose two fields show different moments (here: a moving bar) comb in a
 * still, as the source frame does, and are one clean picture each in the proxy: the same number of
 * frames, each frame's own code, no comb.
 */
class InterlacedProxyTest {

    private static final int FRAMES = 20;

    @TempDir
    Path dir;

    @Test
    void theProxyDeinterlacesEveryFrameAndKeepsTheCount() {
        Path media = dir.resolve("woven-fields.ts");
        // A bar moving 40 pixels a field (50 pictures a second), woven two by two into 25 interlaced
        // frames: the fields of each frame show the bar in two places.
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x240:rate=50,trim=end_frame=" + 2 * FRAMES + ",format=yuv420p,"
                                + "geq=lum='if(lt(mod(X-40*N\\,320)\\,40)\\,235\\,16)':cb=128:cr=128,tinterlace=mode=interleave_top,"
                                + "setfield=tff," + FrameCode.drawFilter()),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-crf",
                "10",
                "-flags",
                "+ildct+ilme",
                "-x264opts",
                "tff=1",
                "-f",
                "mpegts",
                media.toString());
        VideoStreamInfo video = MediaProbe.probe(media).video().orElseThrow();
        assertEquals(FRAMES, video.frameCount(), "a frame is a frame, not a field");
        assertEquals("tt", video.fieldOrder());

        try (FrameReader reader = FrameReader.open(media)) {
            Picture still = reader.read(FRAMES / 2);
            BufferedImage image = new BufferedImage(still.width(), still.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < still.height(); y++) {
                for (int x = 0; x < still.width(); x++) {
                    image.setRGB(x, y, still.rgbAt(x, y));
                }
            }
            assertTrue(comb(image) > 30, "the still is the stored frame, both fields: comb " + comb(image));
        }

        Path proxy = dir.resolve("woven-fields-proxy.mp4");
        new ProxyTranscoder().transcode(media, proxy, ProxySettings.DEFAULT, p -> {}, new Cancellation());
        DecodedVideo out = DecodedVideo.decode(proxy, true);
        assertEquals(FRAMES, out.frameCount(), "one proxy picture per interlaced frame");
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(i, (int) out.codes().get(i), "proxy frame " + i);
            assertTrue(
                    comb(out.images().get(i)) < 8,
                    "proxy frame " + i + " combs: " + comb(out.images().get(i)));
        }
    }

    /** Mean luma difference between neighbouring rows below the code band: large where fields differ. */
    private static double comb(BufferedImage image) {
        long sum = 0;
        int n = 0;
        for (int y = image.getHeight() / 3; y < image.getHeight() - 1; y++) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                sum += Math.abs(luma(image.getRGB(x, y)) - luma(image.getRGB(x, y + 1)));
                n++;
            }
        }
        return sum / (double) n;
    }

    private static int luma(int rgb) {
        return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
    }
}
