package io.framewise.server.media;

import io.framewise.server.storage.MediaStore;
import io.framewise.server.storage.StoredObject;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Serves an original or a proxy this node has no copy of straight from the S3 store (ADR 0060), with
 * the headers and answers of {@link RangeFileResponder}: the range is streamed from a ranged GET of
 * the object ({@code serve=stream}), or the client is sent to a presigned address of it for a few
 * minutes ({@code serve=redirect}). Validators come from the stored object, so every node gives the
 * same ETag for it.
 */
final class StoredRangeResponder {

    /** How long a presigned address works: long enough to start playing, short enough not to be shared. */
    static final Duration PRESIGNED_FOR = Duration.ofMinutes(5);

    private static final int BUFFER = 256 * 1024;

    private StoredRangeResponder() {}

    static void respond(Context ctx, MediaStore store, StoredObject object, String contentType) throws IOException {
        HttpServletRequest req = ctx.req();
        HttpServletResponse res = ctx.res();
        if (store.redirects()) {
            // The address carries a signature that expires: no cache may keep the answer.
            res.setHeader("Cache-Control", "private, no-store");
            res.setHeader("Location", store.presigned(object, PRESIGNED_FOR).toString());
            res.setStatus(302);
            return;
        }
        long size = object.size();
        Instant modified = object.modified().truncatedTo(ChronoUnit.SECONDS);
        String etag = RangeFileResponder.etag(size, modified.toEpochMilli());
        RangeHeader.Result range = RangeFileResponder.negotiate(ctx, size, etag, modified);
        if (range == null) {
            return;
        }
        switch (range.outcome()) {
            case UNSATISFIABLE -> throw new IllegalStateException("negotiate answers an unsatisfiable range itself");
            case PARTIAL -> {
                ByteRange r = range.range().orElseThrow();
                InputStream in = open(req, store, object, r.first(), r.length());
                res.setStatus(206);
                res.setContentType(contentType);
                res.setHeader("Content-Range", r.contentRange(size));
                res.setContentLengthLong(r.length());
                copy(in, res, store, object, r.length());
            }
            case IGNORE -> {
                InputStream in = open(req, store, object, 0, size);
                res.setStatus(200);
                res.setContentType(contentType);
                res.setContentLengthLong(size);
                copy(in, res, store, object, size);
            }
        }
    }

    /**
     * The object's bytes, opened before any status or length is set: a store that is down then still
     * gets its JSON 503. Null for HEAD and empty ranges.
     */
    private static InputStream open(
            HttpServletRequest req, MediaStore store, StoredObject object, long offset, long length) {
        if (req.getMethod().equals("HEAD") || length == 0) {
            return null;
        }
        return store.range(object, offset, offset + length - 1);
    }

    private static void copy(
            InputStream in, HttpServletResponse res, MediaStore store, StoredObject object, long length)
            throws IOException {
        if (in == null) {
            return;
        }
        ServletOutputStream out = res.getOutputStream();
        byte[] buffer = new byte[(int) Math.min(BUFFER, length)];
        long left = length;
        try (in) {
            while (left > 0) {
                int n;
                try {
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                } catch (IOException e) {
                    store.rangeFailed(object, e);
                    return;
                }
                if (n < 0) {
                    store.rangeFailed(object, new IOException("the object ended " + left + " bytes early"));
                    return;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            // The usual cause is a client that stopped listening (a seek in a player); nothing to answer.
        }
    }
}
