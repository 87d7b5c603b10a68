package io.framewise.media.check;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Good media decode at both ends; a damaged first or last picture, or sound, is named. */
class DecodeCheckTest {

    @TempDir
    Path dir;

    @Test
    void everyTestMediaDecodesAtBothEnds() {
        for (Variant v : Variant.values()) {
            Path file = TestMedia.get(v);
            if (v.frameCount() > 0) {
                DecodeCheck.firstAndLastFrames(file, FrameMapBuilder.build(file));
            } else {
                DecodeCheck.audioStartAndEnd(file);
            }
        }
        DecodeCheck.audioStartAndEnd(TestMedia.get(Variant.H264_LONG_GOP));
    }

    @Test
    void aTruncatedPngFailsOnItsFirstFrame() throws IOException {
        byte[] png = Files.readAllBytes(TestMedia.get(Variant.STILL_PNG));
        Path half = dir.resolve("half.png");
        Files.write(half, Arrays.copyOf(png, png.length / 2));
        FrameMap map = FrameMapBuilder.build(half);
        MediaException.Corrupt e =
                assertThrows(MediaException.Corrupt.class, () -> DecodeCheck.firstAndLastFrames(half, map));
        assertTrue(e.getMessage().contains("the first frame (0) cannot be decoded"), e.getMessage());
        assertTrue(e.getMessage().startsWith(half.toString()), "names the file once: " + e.getMessage());
    }

    @Test
    void aVp9WithItsFirstPictureDamagedFailsOnItsFirstFrame() throws IOException {
        Path source = TestMedia.get(Variant.VP9_WEBM);
        List<long[]> packets = videoPackets(source);
        // The key picture's sync code (0x49 0x83 0x42) follows its first byte.
        Path damaged = damage(source, "first-damaged.webm", packets.get(0), 1, 0xff);
        FrameMap map = FrameMapBuilder.build(damaged);
        MediaException.Corrupt e =
                assertThrows(MediaException.Corrupt.class, () -> DecodeCheck.firstAndLastFrames(damaged, map));
        assertTrue(e.getMessage().contains("the first frame (0) cannot be decoded"), e.getMessage());
    }

    @Test
    void aVp9WithItsLastPictureDamagedFailsOnItsLastFrame() throws IOException {
        Path source = TestMedia.get(Variant.VP9_WEBM);
        List<long[]> packets = videoPackets(source);
        // Every picture starts with the frame marker, the two top bits 10.
        Path damaged = damage(source, "last-damaged.webm", packets.get(packets.size() - 1), 0, 0xc0);
        FrameMap map = FrameMapBuilder.build(damaged);
        MediaException.Corrupt e =
                assertThrows(MediaException.Corrupt.class, () -> DecodeCheck.firstAndLastFrames(damaged, map));
        assertTrue(
                e.getMessage().contains("the last frame (" + (map.frameCount() - 1) + ") cannot be decoded"),
                e.getMessage());
    }

    @Test
    void soundThatIsNoiseAfterItsHeaderFails() throws IOException {
        byte[] m4a = Files.readAllBytes(TestMedia.get(Variant.AUDIO_ONLY));
        // The index (moov) sits at the end: keep it and replace the sound in front of it with noise.
        int moov = indexOf(m4a, "moov".getBytes()) - 4;
        int mdat = indexOf(m4a, "mdat".getBytes()) + 4;
        assertTrue(mdat > 0 && moov > mdat, "an m4a with its sound before its index");
        byte[] noise = new byte[moov - mdat];
        new Random(11).nextBytes(noise);
        System.arraycopy(noise, 0, m4a, mdat, noise.length);
        Path damaged = dir.resolve("noise.m4a");
        Files.write(damaged, m4a);
        MediaException.Corrupt e =
                assertThrows(MediaException.Corrupt.class, () -> DecodeCheck.audioStartAndEnd(damaged));
        assertTrue(e.getMessage().contains("the start of the audio cannot be decoded"), e.getMessage());
        assertThrows(
                MediaException.Unsupported.class,
                () -> DecodeCheck.audioStartAndEnd(TestMedia.get(Variant.STILL_PNG)),
                "a picture has no sound to check");
    }

    /** Where each video packet lies in the file: {position, size}. */
    private static List<long[]> videoPackets(Path file) {
        List<long[]> out = new ArrayList<>();
        try (MediaInput input = MediaInput.open(file)) {
            int video = input.requireVideoStream();
            AVPacket pkt = av_packet_alloc();
            try {
                while (av_read_frame(input.context(), pkt) >= 0) {
                    if (pkt.stream_index() == video && pkt.pos() >= 0) {
                        out.add(new long[] {pkt.pos(), pkt.size()});
                    }
                    av_packet_unref(pkt);
                }
            } finally {
                av_packet_free(pkt);
            }
        }
        assertTrue(out.size() > 2, "video packets found: " + out.size());
        return out;
    }

    /**
     * A copy of a WebM with bits of one picture's header flipped, which the decoder checks (damage
     * further in decodes to a wrong picture, which no decoder can tell). A WebM packet's position is
     * its SimpleBlock; the picture follows the block's 4-byte header (track, timecode, flags).
     *
     * @param offset where in the picture, from its first byte
     * @param mask the bits to flip there
     */
    private Path damage(Path source, String name, long[] packet, int offset, int mask) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        int at = (int) packet[0] + 4 + offset;
        bytes[at] ^= (byte) mask;
        Path out = dir.resolve(name);
        Files.write(out, bytes);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
