package io.framewise.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what is left of a refused request's body before the refusal is answered.
 *
 * <p>Many refusals come before the body is read (a bad query parameter, a target the caller may not
 * write to). If the server answers and closes while the client is still sending, the client's
 * kernel sees a reset and may drop the answer it had already received: the client reports "no
 * response" instead of the reason. Reading a small body to its end keeps the connection orderly;
 * a large one is left unread and the connection is closed, as before, rather than spending the
 * bandwidth of an upload that is refused anyway.
 */
final class UnreadBodies {

    /** Bodies up to this size are read to their end before a refusal. */
    static final long DRAIN_LIMIT = 8L * 1024 * 1024;

    private UnreadBodies() {}

    static void drain(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length <= 0 || length > DRAIN_LIMIT) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // The body was already taken as a reader, or the client went away: nothing to drain.
        }
    }
}
