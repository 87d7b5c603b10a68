package io.framewise.server.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A read-only channel on the plain bytes of a sealed file. Positions are plain offsets; a read
 * decrypts only the chunks it touches (the last one stays decrypted for the next read). A chunk that
 * does not authenticate fails the read with an IOException: it never yields bytes.
 */
public final class SealedChannel implements SeekableByteChannel {

    private final Path file;
    private final FileChannel channel;
    private final SealedHeader header;
    private final SecretKey fileKey;
    private final Cipher cipher;
    private final byte[] sealedChunk;
    private final byte[] plainChunk;
    private long cachedChunk = -1;
    private int cachedLength;
    private long position;

    private SealedChannel(Path file, FileChannel channel, SealedHeader header, SecretKey fileKey) throws IOException {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.fileKey = fileKey;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM is not available: " + e.getMessage(), e);
        }
        this.sealedChunk = new byte[header.chunkSize() + SealedHeader.TAG];
        this.plainChunk = new byte[header.chunkSize()];
    }

    /** Opens a sealed file with the library's data keys. */
    static SealedChannel open(Path file, DataKeys keys) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            SealedHeader header = readHeader(ch, file);
            if (!header.keyName().equals(keys.nameFor(file))) {
                // A file belongs to its item: one copied elsewhere must not outlive its item's key.
                throw new IOException(file + " is sealed under the key of " + header.keyName()
                        + ", not of the folder it lies in (" + keys.nameFor(file) + ")");
            }
            SecretKey dataKey = keys.key(header.keyName());
            return new SealedChannel(file, ch, header, header.fileKey(dataKey));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static SealedHeader readHeader(FileChannel ch, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SealedHeader.LENGTH);
        while (b.hasRemaining()) {
            if (ch.read(b, b.position()) < 0) {
                throw new IOException(file + " is too short to be a sealed file");
            }
        }
        return SealedHeader.parse(b.array(), ch.size(), file);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= header.plainSize()) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < header.plainSize()) {
            long chunk = position / header.chunkSize();
            decrypt(chunk);
            int offset = (int) (position - chunk * header.chunkSize());
            int n = Math.min(dst.remaining(), cachedLength - offset);
            dst.put(plainChunk, offset, n);
            position += n;
            total += n;
        }
        return total;
    }

    private void decrypt(long chunk) throws IOException {
        if (chunk == cachedChunk) {
            return;
        }
        cachedChunk = -1;
        int plainLength = header.plainLength(chunk);
        int sealedLength = plainLength + SealedHeader.TAG;
        ByteBuffer b = ByteBuffer.wrap(sealedChunk, 0, sealedLength);
        long at = header.chunkOffset(chunk);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new IOException(file + ": chunk " + chunk + " is cut short");
            }
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, fileKey, new GCMParameterSpec(128, header.nonce(chunk)));
            cipher.updateAAD(header.aad(chunk));
            cachedLength = cipher.doFinal(sealedChunk, 0, sealedLength, plainChunk, 0);
        } catch (AEADBadTagException e) {
            throw new IOException(file + ": chunk " + chunk + " does not authenticate (the file was changed)");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot decrypt chunk " + chunk + ": " + e.getMessage(), e);
        }
        cachedChunk = chunk;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SealedChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    /** The plain size, from the header (which every chunk authenticates). */
    @Override
    public long size() throws IOException {
        ensureOpen();
        return header.plainSize();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void ensureOpen() throws IOException {
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }
}
