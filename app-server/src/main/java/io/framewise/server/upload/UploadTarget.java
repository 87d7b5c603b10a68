package io.framewise.server.upload;

import io.framewise.server.db.PrivateFiles;
import io.framewise.server.http.ApiException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A temp file in the uploads folder being filled from a request body: counts, hashes, enforces the
 * size limit as bytes arrive and re-checks free disk every {@value #DISK_CHECK_INTERVAL} bytes, so a
 * body of unknown length is stopped before the disk fills. Unless {@link #finish} succeeds,
 * {@link #close} deletes the file.
 */
final class UploadTarget implements Closeable {

    static final long DISK_CHECK_INTERVAL = 32L * 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final MessageDigest sha256;
    private final long maxBytes;
    private final long minFreeBytes;
    private long size;
    private long nextDiskCheck = DISK_CHECK_INTERVAL;
    private boolean finished;

    UploadTarget(Path dir, long maxBytes, long minFreeBytes) throws IOException {
        PrivateFiles.directories(dir);
        this.path = Files.createTempFile(dir, "upload-", ".part");
        this.channel = FileChannel.open(path, StandardOpenOption.WRITE);
        this.maxBytes = maxBytes;
        this.minFreeBytes = minFreeBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Appends the buffer's remaining bytes; 413 past the limit, 507 when free disk runs low. */
    void write(ByteBuffer data) throws IOException {
        int n = data.remaining();
        if (size + n > maxBytes) {
            throw tooLarge(maxBytes);
        }
        sha256.update(data.duplicate());
        while (data.hasRemaining()) {
            channel.write(data);
        }
        size += n;
        if (size >= nextDiskCheck) {
            nextDiskCheck = size + DISK_CHECK_INTERVAL;
            checkFreeDisk(path.getParent(), 0, minFreeBytes);
        }
    }

    void write(byte[] bytes, int off, int len) throws IOException {
        write(ByteBuffer.wrap(bytes, off, len));
    }

    /** Syncs the file and hands it over; after this, closing leaves it in place. */
    ReceivedFile finish(String originalName) throws IOException {
        channel.force(true);
        channel.close();
        finished = true;
        return new ReceivedFile(
                path,
                FileNames.original(originalName),
                FileNames.sanitize(originalName),
                size,
                HexFormat.of().formatHex(sha256.digest()));
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            channel.close();
            Files.deleteIfExists(path);
        }
    }

    static ApiException.PayloadTooLarge tooLarge(long maxBytes) {
        return new ApiException.PayloadTooLarge(
                "The upload is larger than the server's limit of " + maxBytes + " bytes", maxBytes);
    }

    /** 507 when writing {@code incoming} more bytes would leave less than {@code minFreeBytes} free. */
    static void checkFreeDisk(Path dir, long incoming, long minFreeBytes) throws IOException {
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable - incoming < minFreeBytes) {
            throw new ApiException.InsufficientStorage(
                    "Not enough free disk space for this upload",
                    Map.of("usableBytes", usable, "neededBytes", incoming, "reserveBytes", minFreeBytes));
        }
    }
}
