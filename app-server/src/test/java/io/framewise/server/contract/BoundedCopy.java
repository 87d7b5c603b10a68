package io.framewise.server.contract;

import java.io.ByteArrayOutputStream;

/**
 * The first bytes of a body, up to a limit: the contract check validates what it can keep and
 * leaves longer bodies alone rather than holding a whole upload or download in memory.
 */
final class BoundedCopy {

    private final int limit;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean overflowed;

    BoundedCopy(int limit) {
        this.limit = limit;
    }

    void keep(byte[] b, int off, int len) {
        if (len <= 0 || overflowed) {
            return;
        }
        if (copy.size() + len > limit) {
            overflowed = true;
            return;
        }
        copy.write(b, off, len);
    }

    /** The bytes kept, or null once the body went past the limit. */
    byte[] bytes() {
        return overflowed ? null : copy.toByteArray();
    }
}
