package io.framewise.server.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sealed-file format on real files: round trips, random access, and every way to tamper. */
class SealedFileTest {

    private static final int CHUNK = SealedHeader.DEFAULT_CHUNK;

    @TempDir
    Path data;

    private AtRest atRest;

    @AfterEach
    void close() {
        if (atRest != null) {
            atRest.close();
        }
    }

    private static MasterKey randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return MasterKey.of(k);
    }

    private Path sealedItemFile(byte[] plain) throws IOException {
        Path file = data.resolve("media/m1/original.bin");
        Files.createDirectories(file.getParent());
        Files.write(file, plain);
        atRest.sealInPlace(file);
        return file;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] readRange(SeekableByteChannel ch, long from, int length) throws IOException {
        ch.position(from);
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining() && ch.read(b) > 0) {}
        return Arrays.copyOf(b.array(), b.position());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17})
    void sealedFilesReadBackExactlyAtEveryOffset(int size) throws IOException {
        atRest = AtRest.open(data, randomKey());
        byte[] plain = randomBytes(size, size);
        Path file = sealedItemFile(plain);
        assertTrue(AtRest.isSealed(file));
        assertEquals(SealedHeader.LENGTH + size + 16L * Math.max(1, (size + CHUNK - 1) / CHUNK), Files.size(file));
        assertArrayEquals(plain, SealedMedia.readAllBytes(file));
        assertEquals(size, SealedMedia.size(file));
        Random random = new Random(7);
        try (SeekableByteChannel ch = SealedMedia.open(file)) {
            for (int i = 0; i < 40 && size > 0; i++) {
                int from = random.nextInt(size);
                int length = 1 + random.nextInt(Math.min(size - from, 3 * CHUNK));
                assertArrayEquals(Arrays.copyOfRange(plain, from, from + length), readRange(ch, from, length));
            }
            ch.position(size);
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)), "end of the plain bytes");
        }
    }

    @Test
    void theBytesOnDiskHoldNoWindowOfThePlainText() throws IOException {
        atRest = AtRest.open(data, randomKey());
        byte[] plain = new byte[5 * CHUNK];
        Arrays.fill(plain, (byte) 'A'); // the easiest text to spot
        Path file = sealedItemFile(plain);
        byte[] disk = Files.readAllBytes(file);
        byte[] window = Arrays.copyOf(plain, 4096);
        for (int i = 0; i + window.length <= disk.length; i += 512) {
            assertFalse(Arrays.equals(disk, i, i + 64, window, 0, 64), "plain text at " + i);
        }
        assertTrue(Files.isRegularFile(data.resolve("media/m1/data.key")), "the item's data key beside it");
    }

    @Test
    void aFlippedBitFailsTheReadOfThatChunkAndNeverGivesBytes() throws IOException {
        atRest = AtRest.open(data, randomKey());
        byte[] plain = randomBytes(3 * CHUNK, 1);
        Path file = sealedItemFile(plain);
        long inSecondChunk = SealedHeader.LENGTH + CHUNK + 16 + 100;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(inSecondChunk);
            int b = raf.read();
            raf.seek(inSecondChunk);
            raf.write(b ^ 1);
        }
        try (SeekableByteChannel ch = SealedMedia.open(file)) {
            assertArrayEquals(Arrays.copyOf(plain, 1000), readRange(ch, 0, 1000), "the first chunk is fine");
            IOException e = assertThrows(IOException.class, () -> readRange(ch, CHUNK + 10, 10));
            assertTrue(e.getMessage().contains("chunk 1 does not authenticate"), e.getMessage());
        }
    }

    @Test
    void swappedChunksACutFileAndAChangedHeaderAllFail() throws IOException {
        atRest = AtRest.open(data, randomKey());
        byte[] plain = randomBytes(3 * CHUNK, 2);
        Path file = sealedItemFile(plain);
        byte[] disk = Files.readAllBytes(file);
        int c = CHUNK + 16;

        byte[] swapped = disk.clone();
        System.arraycopy(disk, SealedHeader.LENGTH, swapped, SealedHeader.LENGTH + c, c);
        System.arraycopy(disk, SealedHeader.LENGTH + c, swapped, SealedHeader.LENGTH, c);
        Files.write(file, swapped);
        assertThrows(IOException.class, () -> SealedMedia.readAllBytes(file), "chunks in another order");

        // Cut after the second chunk, header's size lowered to match: the second chunk is not "last".
        byte[] cut = Arrays.copyOf(disk, SealedHeader.LENGTH + 2 * c);
        ByteBuffer.wrap(cut).putLong(16, 2L * CHUNK);
        Files.write(file, cut);
        IOException e = assertThrows(IOException.class, () -> SealedMedia.readAllBytes(file), "a cut file");
        assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());

        Files.write(file, Arrays.copyOf(disk, disk.length - 1));
        e = assertThrows(IOException.class, () -> SealedMedia.readAllBytes(file), "a truncated file");
        assertTrue(e.getMessage().contains("cut or extended"), e.getMessage());

        Files.write(file, disk);
        assertArrayEquals(plain, SealedMedia.readAllBytes(file), "restored, it reads again");
    }

    @Test
    void aDataKeyFileMovedToAnotherItemDoesNotOpenThere() throws IOException {
        atRest = AtRest.open(data, randomKey());
        Path file = sealedItemFile(randomBytes(1000, 3));
        Path other = data.resolve("media/m2/original.bin");
        Files.createDirectories(other.getParent());
        Files.copy(file, other);
        IOException e = assertThrows(IOException.class, () -> SealedMedia.readAllBytes(other));
        assertTrue(e.getMessage().contains("not of the folder it lies in"), e.getMessage());
        Path m2Key = data.resolve("media/m2/data.key");
        Files.copy(data.resolve("media/m1/data.key"), m2Key);
        Path fresh = data.resolve("media/m2/other.bin");
        Files.write(fresh, randomBytes(10, 5));
        assertThrows(IOException.class, () -> atRest.sealInPlace(fresh), "m1's key file does not unwrap as m2's");
    }

    @Test
    void theWrongKeyRefusesToOpenTheLibraryAndSaysWhy() {
        MasterKey right = randomKey();
        AtRest.open(data, right).close();
        MasterKey wrong = randomKey();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtRest.open(data, wrong));
        assertTrue(e.getMessage().contains("does not open the library"), e.getMessage());
        assertTrue(e.getMessage().contains(right.id()), "names the key it was sealed with: " + e.getMessage());
        IllegalArgumentException none =
                assertThrows(IllegalArgumentException.class, () -> AtRest.refuseWithoutKey(data));
        assertTrue(none.getMessage().contains("--encrypt-at-rest"), none.getMessage());
        atRest = AtRest.open(data, right);
    }

    @Test
    void rotationRewrapsKeysOnlyAndIsResumable() throws IOException {
        MasterKey old = randomKey();
        MasterKey next = randomKey();
        atRest = AtRest.open(data, old);
        byte[] plain = randomBytes(2 * CHUNK + 5, 4);
        Path file = sealedItemFile(plain);
        byte[] sealedBefore = Files.readAllBytes(file);
        atRest.close();

        // An interrupted run: only the item's key moved to the new master key.
        Path itemKey = data.resolve("media/m1/data.key");
        DataKeys.write(
                itemKey, DataKeys.wrap("media/m1", DataKeys.unwrap(DataKeys.read(itemKey, "media/m1"), old), next));
        IllegalArgumentException unfinished =
                assertThrows(IllegalArgumentException.class, () -> AtRest.open(data, old));
        assertTrue(unfinished.getMessage().contains("rotation is unfinished"), unfinished.getMessage());

        KeyRotation.Result r = KeyRotation.rotate(data, old, next);
        assertEquals(1, r.rewrapped(), "the library's own key");
        assertEquals(1, r.alreadyNew(), "the item's key was already rotated");
        assertArrayEquals(sealedBefore, Files.readAllBytes(file), "no media byte rewritten");

        assertThrows(IllegalArgumentException.class, () -> AtRest.open(data, old), "the old key is refused");
        atRest = AtRest.open(data, next);
        assertArrayEquals(plain, SealedMedia.readAllBytes(file));
    }

    @Test
    void keyFilesAreMadePrivateAndReadableOnesAreRefused() throws IOException {
        Path keyFile = data.resolve("master.key");
        MasterKey made = MasterKey.generate(keyFile);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals(made.id(), MasterKey.fromFile(keyFile).id());
        assertThrows(IOException.class, () -> MasterKey.generate(keyFile), "never overwritten");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterKey.fromFile(keyFile));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64("c2hvcnQ="), "too short");
    }
}
