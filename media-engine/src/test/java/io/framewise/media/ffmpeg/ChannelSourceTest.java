package io.framewise.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.MediaSource;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.ReadOnlyFileChannel;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.model.media.MediaInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading through a channel is reading the file: the same frame map, the same pixels for every frame
 * asked, on a long-GOP H.264 with B-frames whose MP4 index (moov) sits at the end, so the demuxer
 * must seek to the end and back, and on MPEG-TS and Matroska.
 */
class ChannelSourceTest {

    private static MediaSource channelOf(Path file, AtomicInteger opens) {
        return MediaSource.channel(file, () -> {
            opens.incrementAndGet();
            return FileChannel.open(file, StandardOpenOption.READ);
        });
    }

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"H264_LONG_GOP", "MPEG_TS", "HEVC_OPEN_GOP"})
    void stillsThroughAChannelEqualStillsFromThePath(Variant variant) {
        Path file = TestMedia.get(variant);
        AtomicInteger opens = new AtomicInteger();
        int n = variant.frameCount();
        long[] frames = {n - 1, 0, n / 2, 7, n - 2, 124 % n, 125 % n, 3};
        try (FrameReader direct = FrameReader.open(file);
                FrameReader viaChannel = FrameReader.open(channelOf(file, opens), null, FrameReader.Options.DEFAULT)) {
            assertArrayEquals(direct.frameMap().toBytes(), viaChannel.frameMap().toBytes(), "frame map");
            for (long f : frames) {
                Picture a = direct.read(f);
                Picture b = viaChannel.read(f);
                int code = FrameCode.readRgb(b.rgb(), b.width(), b.height(), b.stride());
                assertEquals(variant.expectedCode(f), code, variant + " frame " + f + " via the channel");
                assertArrayEquals(a.rgb(), b.rgb(), variant + " frame " + f + " pixels differ");
            }
        }
        assertTrue(opens.get() >= 1, "the channel was used");
    }

    @Test
    void probeThroughAChannelMatchesTheFile() {
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        MediaInfo direct = MediaProbe.probe(file);
        MediaInfo viaChannel = MediaProbe.probe(channelOf(file, new AtomicInteger()), Long.MAX_VALUE);
        assertEquals(direct, viaChannel);
    }

    @Test
    void aRegisteredResolverServesPlainPathReaders() throws Exception {
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        AtomicInteger opens = new AtomicInteger();
        MediaSource.Resolver resolver = p -> p.equals(file)
                ? Optional.of(() -> {
                    opens.incrementAndGet();
                    return FileChannel.open(file, StandardOpenOption.READ);
                })
                : Optional.empty();
        try (AutoCloseable registration = MediaSource.register(resolver);
                FrameReader reader = FrameReader.open(file)) {
            Picture p = reader.read(42);
            assertEquals(
                    Variant.H264_LONG_GOP.expectedCode(42),
                    FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride()));
        }
        assertTrue(opens.get() >= 1, "the resolver's channel was used for a path reader");
    }

    @Test
    void aChannelThatCannotOpenSaysSo() {
        Path name = Path.of("sealed/original.mp4");
        MediaSource source = MediaSource.channel(name, () -> {
            throw new IOException("the key does not open this file");
        });
        MediaException e = assertThrows(MediaException.class, () -> MediaProbe.probe(source, 1000));
        assertTrue(e.getMessage().contains("the key does not open this file"), e.getMessage());
        assertTrue(e.getMessage().contains(name.toString()), e.getMessage());
    }

    @Test
    void aChannelThatFailsWhileReadingGivesAClearErrorNamingTheNativeCall() {
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        MediaSource source = MediaSource.channel(file, () -> new FailingChannel(file, 4096));
        MediaException e = assertThrows(MediaException.class, () -> MediaProbe.probe(source, 1000));
        assertTrue(e.getMessage().contains("chunk 1 does not authenticate"), e.getMessage());
        assertTrue(e.getMessage().contains("avformat_"), e.getMessage());
    }

    @Test
    void aChannelThatFailsMidStreamNeverHandsOutAShortMapOrAPicture() throws IOException {
        Path file = TestMedia.get(Variant.H264_LONG_GOP);
        long size = Files.size(file);
        // The moov at the end and the first GOP read fine; the middle of the file fails.
        MediaSource failing = MediaSource.channel(file, () -> new FailingChannel(file, size / 2, size / 2 + 65536));
        MediaException mapError =
                assertThrows(MediaException.class, () -> FrameReader.open(failing, null, FrameReader.Options.DEFAULT));
        assertTrue(mapError.getMessage().contains("does not authenticate"), mapError.getMessage());

        // With the map known (kept from ingest), the frames before the bad part read; past it, an error.
        byte[] map;
        try (FrameReader direct = FrameReader.open(file)) {
            map = direct.frameMap().toBytes();
        }
        try (FrameReader reader = FrameReader.open(
                failing, io.framewise.media.framemap.FrameMap.fromBytes(map), FrameReader.Options.DEFAULT)) {
            Picture first = reader.read(0);
            assertEquals(0, FrameCode.readRgb(first.rgb(), first.width(), first.height(), first.stride()));
            int last = Variant.H264_LONG_GOP.frameCount() - 1;
            MediaException e = assertThrows(MediaException.class, () -> reader.read(last));
            assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());
        }
    }

    /** A file channel whose reads fail from one offset on (or within a window), as a bad chunk would. */
    private static final class FailingChannel extends ReadOnlyFileChannel {
        private final long from;
        private final long to;

        FailingChannel(Path file, long from) throws IOException {
            this(file, from, Long.MAX_VALUE);
        }

        FailingChannel(Path file, long from, long to) throws IOException {
            super(file, 0);
            this.from = from;
            this.to = to;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            long pos = position();
            long end = pos + dst.remaining();
            if (end > from && pos < to) {
                throw new IOException("chunk 1 does not authenticate");
            }
            return super.read(dst);
        }
    }
}
