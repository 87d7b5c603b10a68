package io.framewise.media.clip.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipCutter;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipOptions;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.time.FrameRange;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a smart cut writes, packet by packet: copied GOPs unchanged, re-encoded parts apart. */
class SmartCutBitstreamTest {

    @TempDir
    Path dir;

    private record Packet(long pts, long dts, long crc, byte[] data) {}

    private static List<Packet> videoPackets(Path file) {
        List<Packet> packets = new ArrayList<>();
        try (MediaInput input = MediaInput.open(file)) {
            int video = input.requireVideoStream();
            AVPacket pkt = av_packet_alloc();
            try {
                while (av_read_frame(input.context(), pkt) >= 0) {
                    if (pkt.stream_index() == video) {
                        byte[] data = new byte[pkt.size()];
                        pkt.data().get(data);
                        CRC32 crc = new CRC32();
                        crc.update(data);
                        packets.add(new Packet(pkt.pts(), pkt.dts(), crc.getValue(), data));
                    }
                    av_packet_unref(pkt);
                }
            } finally {
                av_packet_free(pkt);
            }
        }
        return packets;
    }

    @ParameterizedTest(name = "{0} [{2}, {3}) copies [{4}, {5}) unchanged")
    @CsvSource({
        "H264_LONG_GOP, c.mp4, 30, 250, 125, 250",
        "MPEG_TS, g.ts, 10, 90, 25, 75",
        "H264_LONG_GOP, e.mp4, 0, 130, 0, 125"
    })
    void copiedGopsAreTheSourcePacketsByteForByte(
            Variant variant, String name, long in, long out, long copyFrom, long copyTo) {
        Path source = TestMedia.get(variant);
        Path clip = dir.resolve(name);
        ClipResult r = new ClipCutter()
                .cut(
                        source,
                        clip,
                        FrameRange.of(in, out),
                        ClipMode.SMART,
                        ClipOptions.DEFAULT,
                        Progress.Listener.NONE,
                        new Cancellation());
        assertEquals(copyTo - copyFrom, r.framesCopied());

        FrameMap map = FrameMapBuilder.build(source);
        Set<Long> middle = new HashSet<>();
        for (Packet p : videoPackets(source)) {
            long index = map.indexOfPts(p.pts());
            if (index >= copyFrom && index < copyTo) {
                middle.add(p.crc());
            }
        }
        List<Packet> written = videoPackets(clip);
        long unchanged = written.stream().filter(p -> middle.contains(p.crc())).count();
        assertEquals(copyTo - copyFrom, unchanged, "source packets found unchanged in the clip");
        assertEquals(out - in, written.size());
        for (int i = 1; i < written.size(); i++) {
            assertTrue(written.get(i).dts() > written.get(i - 1).dts(), "decode times increase at packet " + i);
            assertTrue(written.get(i).dts() <= written.get(i).pts(), "decoded before shown at packet " + i);
        }
    }

    @Test
    void reencodedPartsCarryTheirOwnParameterSetsUnderAnUnusedId() {
        Path source = TestMedia.get(Variant.H264_LONG_GOP);
        Path clip = dir.resolve("sps.mp4");
        new ClipCutter()
                .cut(
                        source,
                        clip,
                        FrameRange.of(30, 200),
                        ClipMode.SMART,
                        ClipOptions.DEFAULT,
                        Progress.Listener.NONE,
                        new Cancellation());
        byte[] first = videoPackets(clip).get(0).data();
        List<byte[]> nals = H264Bitstream.units(first, 4);
        assertTrue(nals.stream().anyMatch(n -> H264Bitstream.type(n) == H264Bitstream.NAL_SPS), "in-band SPS");
        assertTrue(nals.stream().anyMatch(n -> H264Bitstream.type(n) == H264Bitstream.NAL_PPS), "in-band PPS");
        assertTrue(nals.stream().anyMatch(n -> H264Bitstream.type(n) == H264Bitstream.NAL_IDR), "an IDR picture");
        assertEquals(Set.of(1), H264Bitstream.parameterSetIds(annexB(nals)), "the source uses id 0, the cut id 1");
    }

    private static byte[] annexB(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] nal : nals) {
            if (H264Bitstream.type(nal) == H264Bitstream.NAL_SPS || H264Bitstream.type(nal) == H264Bitstream.NAL_PPS) {
                out.writeBytes(new byte[] {0, 0, 0, 1});
                out.writeBytes(nal);
            }
        }
        return out.toByteArray();
    }

    @Test
    void annexBBecomesLengthPrefixedAndBack() {
        byte[] annexB = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 1, 0x65, 4, 5, 6, 0};
        byte[] prefixed = H264Bitstream.toLengthPrefixed(annexB, 4);
        List<byte[]> units = H264Bitstream.units(prefixed, 4);
        assertEquals(3, units.size());
        assertTrue(Arrays.equals(new byte[] {0x67, 1, 2}, units.get(0)));
        assertTrue(Arrays.equals(new byte[] {0x68, 3}, units.get(1)));
        assertTrue(Arrays.equals(new byte[] {0x65, 4, 5, 6}, units.get(2)));
        assertTrue(H264Bitstream.containsIdr(prefixed, 4));
        assertFalse(H264Bitstream.containsIdr(H264Bitstream.toLengthPrefixed(new byte[] {0, 0, 1, 0x41, 9}, 4), 4));
        assertEquals(0, H264Bitstream.nalLengthSize(annexB));
    }
}
