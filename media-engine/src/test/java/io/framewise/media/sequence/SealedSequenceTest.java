package io.framewise.media.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.MediaSource;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.probe.MediaProbe;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.ReadOnlyFileChannel;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.transcode.DecodedVideo;
import io.framewise.media.transcode.ProxySettings;
import io.framewise.media.transcode.ProxyTranscoder;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.time.FrameRate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence whose manifest and images are only readable through a {@link MediaSource.Resolver}'s
 * channels (as a server with encryption at rest keeps them) reads as the plain sequence does: the
 * same probe, frame map, pictures and proxy. An image whose channel fails is an error naming the
 * channel's reason, never a shorter map or another picture.
 *
 * <p>The "sealing" here is a toy (a magic and XOR): the server's own sealed files are tested end to
 * end in the server's encryption tests.
 */
class SealedSequenceTest {

    private static final int FILES = 12;
    private static final long FIRST = 1001;
    private static final byte[] MAGIC = {'X', 'S', 'E', 'Q'};
    private static final Path TAMPERED = Path.of("frames", "plate.1006.png");

    @TempDir
    Path dir;

    @Test
    void aSequenceReadThroughChannelsIsTheSameSequence() throws Exception {
        Path plain = makeSequence(dir.resolve("plain"));
        Path sealed = seal(plain, dir.resolve("sealed"));
        assertFalse(
                Arrays.equals(
                        Files.readAllBytes(plain.resolve("frames/plate.1001.png")),
                        Files.readAllBytes(sealed.resolve("frames/plate.1001.png"))),
                "the sealed image is not the plain one");

        try (AutoCloseable resolver = MediaSource.register(p -> resolve(p, sealed, false))) {
            Path manifest = sealed.resolve("original.imgseq");
            MediaInfo direct = MediaProbe.probe(plain.resolve("original.imgseq"));
            MediaInfo viaChannels = MediaProbe.probe(manifest);
            assertEquals(direct.sequence(), viaChannels.sequence(), "the sealed manifest is read");
            assertEquals(FILES, viaChannels.video().orElseThrow().frameCount());
            assertEquals(FIRST, viaChannels.startFrame());

            FrameMap map = FrameMapBuilder.build(manifest);
            assertArrayEquals(
                    FrameMapBuilder.build(plain.resolve("original.imgseq")).toBytes(), map.toBytes());

            try (FrameReader a = FrameReader.open(plain.resolve("original.imgseq"));
                    FrameReader b = FrameReader.open(manifest)) {
                for (long index : new long[] {FILES - 1, 0, 5, 6, 1}) {
                    Picture pa = a.read(index);
                    Picture pb = b.read(index);
                    assertEquals(index, FrameCode.readRgb(pb.rgb(), pb.width(), pb.height(), pb.stride()));
                    assertArrayEquals(pa.rgb(), pb.rgb(), "still " + index + " pixels");
                }
            }

            Path proxy = dir.resolve("proxy.mp4");
            new ProxyTranscoder().transcode(manifest, proxy, ProxySettings.DEFAULT, p -> {}, new Cancellation());
            DecodedVideo out = DecodedVideo.decode(proxy);
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), out.codes(), "the proxy's frames");
        }
    }

    @Test
    void anImageThatDoesNotAuthenticateIsAnErrorNotAShorterSequence() throws Exception {
        Path plain = makeSequence(dir.resolve("plain"));
        Path sealed = seal(plain, dir.resolve("sealed"));
        byte[] map = FrameMapBuilder.build(plain.resolve("original.imgseq")).toBytes();
        try (AutoCloseable resolver = MediaSource.register(p -> resolve(p, sealed, true))) {
            Path manifest = sealed.resolve("original.imgseq");
            MediaException scan = assertThrows(MediaException.class, () -> FrameMapBuilder.build(manifest));
            assertTrue(scan.getMessage().contains("does not authenticate"), scan.getMessage());

            try (FrameReader reader =
                    FrameReader.open(MediaSource.of(manifest), FrameMap.fromBytes(map), FrameReader.Options.DEFAULT)) {
                // The decoder reads a few images ahead of the one asked, so "before" is well before.
                Picture before = reader.read(1);
                assertEquals(1, FrameCode.readRgb(before.rgb(), before.width(), before.height(), before.stride()));
                MediaException still = assertThrows(MediaException.class, () -> reader.read(5));
                assertTrue(still.getMessage().contains("does not authenticate"), still.getMessage());
                assertTrue(still.getMessage().contains("plate.1006.png"), still.getMessage());
            }
        }
    }

    /** Twelve 320x180 PNGs numbered from 1001 with their index drawn as a frame code, and the manifest. */
    private Path makeSequence(Path folder) throws IOException {
        Path frames = Files.createDirectories(folder.resolve("frames"));
        TestMedia.run(
                List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24,format=yuv420p," + FrameCode.drawFilter()),
                "-frames:v",
                String.valueOf(FILES),
                "-start_number",
                String.valueOf(FIRST),
                "-f",
                "image2",
                frames.resolve("plate.%04d.png").toString());
        ImageSequences.prepare(frames, folder.resolve("original.imgseq"), FrameRate.FPS_24);
        return folder;
    }

    /** A copy of the sequence folder with every file behind the magic and XORed. */
    private static Path seal(Path plain, Path sealed) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(plain)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            byte[] out = new byte[MAGIC.length + bytes.length];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            for (int i = 0; i < bytes.length; i++) {
                out[MAGIC.length + i] = (byte) (bytes[i] ^ 0x5a);
            }
            Path target = sealed.resolve(plain.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.write(target, out);
        }
        return sealed;
    }

    private static Optional<MediaSource.ChannelOpener> resolve(Path file, Path sealed, boolean tamper) {
        Path p = file.toAbsolutePath().normalize();
        if (!p.startsWith(sealed)) {
            return Optional.empty();
        }
        boolean bad = tamper && sealed.relativize(p).equals(TAMPERED);
        return Optional.of(() -> new XorChannel(p, bad));
    }

    /** The plain bytes behind the magic; a tampered file fails its second 1 KiB, as a bad chunk would. */
    private static final class XorChannel extends ReadOnlyFileChannel {
        private final boolean bad;

        XorChannel(Path file, boolean bad) throws IOException {
            super(file, MAGIC.length);
            this.bad = bad;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (bad && position() + dst.remaining() > 1024) {
                throw new IOException("chunk 1 does not authenticate");
            }
            int start = dst.position();
            int n = super.read(dst);
            for (int i = start; i < start + Math.max(n, 0); i++) {
                dst.put(i, (byte) (dst.get(i) ^ 0x5a));
            }
            return n;
        }
    }
}
