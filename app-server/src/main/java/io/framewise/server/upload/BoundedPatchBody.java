package io.framewise.server.upload;

import io.framewise.server.http.ApiException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A tus PATCH request whose body can neither run past what the upload may still take nor eat into the
 * free-disk reserve, whatever its framing. A body with a {@code Content-Length} is checked before it
 * is read; a chunked one announces nothing, so the limits are enforced here, as the bytes are read.
 *
 * <p>The limit is learnt at the first read, which tus-java-server makes while it holds the upload's
 * lock, so the offset it is computed from is the one the bytes are appended at. The upload's declared
 * length (or, for a deferred length, the server's largest upload) less that offset is what the body
 * may hold; one byte more is refused with 413 before the bytes that reach the limit are handed on, so
 * an over-long body never completes an upload. Free disk is measured at the first read and again
 * every {@value #DISK_CHECK_INTERVAL} bytes, and no read hands on more than the last measure allows:
 * the reserve is never crossed by more than the other writers' share.
 *
 * <p>A refusal is an {@link IOException} ({@link Refused}), and it is also kept: the library appends
 * with {@code FileChannel.transferFrom}, which swallows a read failure once some bytes were written
 * and reports a short transfer, so the caller must ask {@link #refusal()} after the library returns.
 * Either way the library has recorded the bytes appended so far: everything stored before stays, and
 * the client can ask for the offset and go on.
 */
final class BoundedPatchBody extends HttpServletRequestWrapper {

    static final long DISK_CHECK_INTERVAL = 8L * 1024 * 1024;

    /** The refusal, carried through the library as an I/O failure of the body. */
    static final class Refused extends IOException {
        private final transient ApiException answer;

        Refused(ApiException answer) {
            super(answer.getMessage());
            this.answer = answer;
        }

        ApiException answer() {
            return answer;
        }
    }

    /**
     * What the upload may still take.
     *
     * @param remaining bytes the body may hold
     * @param limit the upload's declared length, or the server's largest upload when it has none
     * @param declared whether {@code limit} is the declared length
     */
    record Room(long remaining, long limit, boolean declared) {}

    /** Finds the room of the upload the request appends to. */
    @FunctionalInterface
    interface RoomFinder {
        Room find() throws IOException;
    }

    private final Path dir;
    private final long reserve;
    private final RoomFinder rooms;
    private ServletInputStream body;
    private volatile Refused refusal;

    /**
     * @param dir a folder on the disk the upload is stored on
     * @param reserve free bytes that must remain on that disk
     * @param rooms asked once, at the first read, under the library's lock
     */
    BoundedPatchBody(HttpServletRequest request, Path dir, long reserve, RoomFinder rooms) {
        super(request);
        this.dir = dir;
        this.reserve = reserve;
        this.rooms = rooms;
    }

    /** Why the body was refused, or null when it was not. */
    Refused refusal() {
        return refusal;
    }

    private Refused refuse(ApiException answer) {
        refusal = new Refused(answer);
        return refusal;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new Limited(super.getInputStream());
        }
        return body;
    }

    private final class Limited extends ServletInputStream {
        private final ServletInputStream in;
        private Room room;
        private long remaining;
        private long diskAllowance;
        private long sinceDiskCheck;

        Limited(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (refusal != null) {
                throw refusal;
            }
            if (len == 0) {
                return 0;
            }
            if (room == null) {
                room = rooms.find();
                remaining = Math.max(0, room.remaining());
                measureDisk();
            }
            if (remaining == 0) {
                if (in.read() < 0) {
                    return -1;
                }
                throw tooLarge();
            }
            if (diskAllowance <= 0 || sinceDiskCheck >= DISK_CHECK_INTERVAL) {
                measureDisk();
            }
            int n = in.read(b, off, (int) Math.min(len, Math.min(remaining, diskAllowance)));
            if (n < 0) {
                return -1;
            }
            if (n == remaining && in.read() >= 0) {
                // The body goes on past what the upload may hold: refuse before these last bytes land.
                throw tooLarge();
            }
            remaining -= n;
            diskAllowance -= n;
            sinceDiskCheck += n;
            return n;
        }

        private void measureDisk() throws IOException {
            long usable = Files.getFileStore(dir).getUsableSpace();
            diskAllowance = usable - reserve;
            sinceDiskCheck = 0;
            if (diskAllowance <= 0) {
                throw refuse(new ApiException.InsufficientStorage(
                        "Not enough free disk space for this upload",
                        Map.of("usableBytes", usable, "reserveBytes", reserve)));
            }
        }

        private Refused tooLarge() {
            String what = room.declared()
                    ? "The body runs past the upload's declared length of " + room.limit() + " bytes"
                    : "The upload is larger than the server's limit of " + room.limit() + " bytes";
            return refuse(new ApiException.PayloadTooLarge(what, room.limit()));
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), Math.max(0, remaining));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
