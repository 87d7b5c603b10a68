package io.framewise.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.media.MediaException;
import io.framewise.media.MediaSource;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.testing.FrameCode;
import io.framewise.media.testing.TestMedia;
import io.framewise.media.testing.TestMedia.Variant;
import io.framewise.server.testing.OwnBackends;
import io.framewise.server.testing.S3Proxy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link RangedObjectChannel} against a real S3 server (s3proxy in its own process): bytes exact at
 * any offset, and the media engine reading frame-exact stills through it (an AVIOContext over ranged
 * GETs) while fetching a fraction of a long original.
 */
@Tag(OwnBackends.TAG)
class RangedObjectChannelTest {

    private static final Variant CLIP = Variant.H264_LONG_GOP;
    private static final String BUCKET = "framewise-ranged";
    private static final String PREFIX = "ranged";
    /** 40 s of 640x360 at 25 fps, GOP 125 with B-frames, about 3 Mbit/s: a long original of ~15 MB. */
    private static final int LONG_FRAMES = 1000;

    @TempDir
    static Path shared;

    private static S3Proxy s3;
    private static S3Client client;
    private static MediaStore store;
    private static Path dataDir;

    @BeforeAll
    static void anS3StoreOnAColdNode() throws Exception {
        s3 = S3Proxy.start(shared.resolve("s3"));
        S3Proxy.lendCredentials();
        client = s3.client();
        client.createBucket(b -> b.bucket(BUCKET));
        dataDir = shared.resolve("node");
        store = MediaStore.open(StorageLocation.parse(s3.storage(BUCKET, PREFIX, ""), dataDir), dataDir, 64L << 20);
    }

    @AfterAll
    static void stop() {
        store.close();
        client.close();
        s3.close();
    }

    @Test
    void readsAreByteExactAtAnyOffsetAndKeptBlocksAreNotFetchedAgain() throws Exception {
        Path file = longOriginal();
        byte[] original = Files.readAllBytes(file);
        StoredObject object = stored("bytes", file);
        int block = 64 * 1024;
        RangedObjectChannel.Counter counter = new RangedObjectChannel.Counter();
        try (RangedObjectChannel ch = new RangedObjectChannel(store, object, block, 6, counter)) {
            assertEquals(original.length, ch.size());
            long n = original.length;
            long[][] reads = {
                {0, 1},
                {0, block},
                {block - 1, 2},
                {block - 3, 3 * block + 7},
                {5L * block, block},
                {n - 1, 1},
                {n - 1, 10},
                {n - block - 5, block + 5},
                {n / 2, 300_000}
            };
            for (long[] r : reads) {
                assertRead(ch, original, r[0], (int) r[1]);
            }
            Random random = new Random(18);
            for (int i = 0; i < 300; i++) {
                long at = (long) (random.nextDouble() * n);
                assertRead(ch, original, at, 1 + random.nextInt(200_000));
            }

            assertRead(ch, original, 3L * block + 10, 100);
            long gets = counter.gets();
            assertRead(ch, original, 3L * block + 20, 100);
            assertRead(ch, original, 3L * block, 1);
            assertEquals(gets, counter.gets(), "a kept block is read again without a GET");

            ch.position(n);
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)), "at the end");
            ch.position(n + 12_345);
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)), "past the end");
            assertEquals(n + 12_345, ch.position());
            assertEquals(0, ch.position(0).read(ByteBuffer.allocate(0)), "an empty buffer reads nothing");
            assertThrows(IllegalArgumentException.class, () -> ch.position(-1));
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
            assertThrows(NonWritableChannelException.class, () -> ch.truncate(0));
        }
        RangedObjectChannel closed = new RangedObjectChannel(store, object, counter);
        closed.close();
        assertThrows(ClosedChannelException.class, () -> closed.read(ByteBuffer.allocate(1)));
    }

    @Test
    void readingOnAsksForMoreBlocksPerGet() throws Exception {
        Path file = longOriginal();
        byte[] original = Files.readAllBytes(file);
        int block = 64 * 1024;
        RangedObjectChannel.Counter counter = new RangedObjectChannel.Counter();
        ByteBuffer all = ByteBuffer.allocate(original.length);
        try (RangedObjectChannel ch = new RangedObjectChannel(store, stored("sequential", file), block, 6, counter)) {
            ByteBuffer chunk = ByteBuffer.allocate(32 * 1024); // AVIOContext-sized reads, in order
            while (ch.read(chunk.clear()) > 0) {
                all.put(chunk.flip());
            }
        }
        assertArrayEquals(original, all.array());
        long blocks = (original.length + block - 1) / block;
        assertEquals(original.length, counter.bytes(), "each byte fetched once");
        assertTrue(
                counter.gets() <= blocks / RangedObjectChannel.MAX_AHEAD_BLOCKS + 3,
                counter.gets() + " GETs for " + blocks + " blocks read in order");
    }

    @Test
    void theEngineReadsExactFramesThroughRangedGets() throws Exception {
        Path clip = TestMedia.get(CLIP);
        FrameMap map = FrameMapBuilder.build(clip);
        StoredObject object = stored("clip", clip);
        RangedObjectChannel.Counter counter = new RangedObjectChannel.Counter();
        try (FrameReader reader = open(object, map, counter)) {
            for (long n : new long[] {0, 99, CLIP.frameCount() - 1, 7}) {
                assertEquals(CLIP.expectedCode(n), code(reader.read(n)), "frame " + n + " read over ranged GETs");
            }
        }
        assertTrue(counter.gets() > 0, "read from the store");
    }

    @Test
    void oneStillOfALongOriginalFetchesAFractionOfIt() throws Exception {
        Path file = longOriginal();
        FrameMap map = FrameMapBuilder.build(file);
        StoredObject object = stored("long", file);
        RangedObjectChannel.Counter counter = new RangedObjectChannel.Counter();
        try (FrameReader reader = open(object, map, counter)) {
            long middle = LONG_FRAMES / 2 + 17;
            assertEquals(middle, code(reader.read(middle)), "frame " + middle);
            assertTrue(
                    counter.bytes() < object.size() / 3,
                    "one still fetched " + counter.bytes() + " of " + object.size() + " bytes in " + counter.gets()
                            + " GETs");
            assertEquals(LONG_FRAMES - 1, code(reader.read(LONG_FRAMES - 1)), "last frame");
            assertEquals(0, code(reader.read(0)), "first frame");
        }
    }

    @Test
    void anObjectGoneFromTheStoreFailsWithItsKeyAndOffset() throws Exception {
        Path clip = TestMedia.get(CLIP);
        StoredObject object = stored("gone", clip);
        client.deleteObject(b -> b.bucket(BUCKET).key(PREFIX + "/" + object.key()));
        RangedObjectChannel.Counter counter = new RangedObjectChannel.Counter();
        try (RangedObjectChannel ch = new RangedObjectChannel(store, object, counter)) {
            ch.position(4096);
            IOException e = assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocate(10)));
            assertTrue(e.getMessage().contains(object.key()), e.getMessage());
            assertTrue(e.getMessage().contains("bytes 0-"), e.getMessage());
        }
        MediaException failed =
                assertThrows(MediaException.class, () -> open(object, FrameMapBuilder.build(clip), counter)
                        .close());
        assertTrue(failed.getMessage().contains(object.key()), failed.getMessage());
        assertEquals(0, counter.gets(), "nothing was fetched");
    }

    private static FrameReader open(StoredObject object, FrameMap map, RangedObjectChannel.Counter counter) {
        return FrameReader.open(
                MediaSource.channel(
                        dataDir.resolve(object.key()), () -> new RangedObjectChannel(store, object, counter)),
                map,
                FrameReader.Options.DEFAULT);
    }

    /** Puts {@code file} in the bucket as item {@code name}'s original; answers it as this node sees it. */
    private static StoredObject stored(String name, Path file) {
        String key = "media/" + name + "/original.mp4";
        client.putObject(b -> b.bucket(BUCKET).key(PREFIX + "/" + key), RequestBody.fromFile(file));
        StoredObject object = store.remote(dataDir.resolve(key)).orElseThrow();
        assertEquals(key, object.key());
        return object;
    }

    private static void assertRead(RangedObjectChannel ch, byte[] original, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        int n = ch.position(at).read(buf);
        int expected = (int) Math.min(length, original.length - at);
        assertEquals(expected, n, "bytes read at " + at);
        assertArrayEquals(
                Arrays.copyOfRange(original, (int) at, (int) at + expected),
                Arrays.copyOf(buf.array(), n),
                "bytes at " + at + " (" + length + ")");
        assertEquals(at + n, ch.position());
    }

    private static int code(Picture p) {
        return FrameCode.readRgb(p.rgb(), p.width(), p.height(), p.stride());
    }

    /** The long original with frame codes, made once for the build (moov at the end, as uploaded). */
    private static synchronized Path longOriginal() {
        Path out = TestMedia.directory().resolve("ranged-long-40s-360p.mp4");
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path tmp = TestMedia.directory().resolve("tmp-ranged-long-40s-360p.mp4");
        TestMedia.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=640x360:rate=25,trim=end_frame=" + LONG_FRAMES + ",format=yuv420p,"
                                + FrameCode.drawFilter()),
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-b:v",
                "3M",
                "-g",
                "125",
                "-keyint_min",
                "125",
                "-sc_threshold",
                "0",
                "-bf",
                "3",
                "-pix_fmt",
                "yuv420p",
                "-f",
                "mp4",
                tmp.toString());
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
