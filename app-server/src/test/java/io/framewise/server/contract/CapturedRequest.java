package io.framewise.server.contract;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A request that keeps a copy of the first {@link #LIMIT} bytes of its body as the server reads
 * them, for validating JSON request bodies; the server still reads the real stream, at its pace.
 */
final class CapturedRequest extends HttpServletRequestWrapper {

    /** Larger JSON bodies than this are refused by the server anyway (its request limit is 1 MiB). */
    static final int LIMIT = 2 * 1024 * 1024;

    private final BoundedCopy copy = new BoundedCopy(LIMIT);
    private ServletInputStream stream;

    CapturedRequest(HttpServletRequest request) {
        super(request);
    }

    /** The bytes the server read, or null when it read more than {@link #LIMIT}. */
    byte[] body() {
        return copy.bytes();
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Tee(super.getInputStream());
        }
        return stream;
    }

    private void keep(byte[] b, int off, int len) {
        copy.keep(b, off, len);
    }

    private final class Tee extends ServletInputStream {
        private final ServletInputStream in;

        Tee(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            keep(b, off, n);
            return n;
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

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
