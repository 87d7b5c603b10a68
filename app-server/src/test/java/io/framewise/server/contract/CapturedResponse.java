package io.framewise.server.contract;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A response that keeps a copy of what the server writes, while writing it through unchanged, so
 * streaming, flushing and timing stay as they are. Only textual answers are copied: when the body
 * stream is asked for and the content type already says video, image, audio or bytes, the server
 * gets the real stream (Jetty's own, so memory-mapped file sending still applies) and nothing is
 * kept; such answers are checked by status and content type alone.
 */
final class CapturedResponse extends HttpServletResponseWrapper {

    static final int LIMIT = 8 * 1024 * 1024;

    private final BoundedCopy copy = new BoundedCopy(LIMIT);
    private boolean passedThrough;
    private ServletOutputStream stream;
    private PrintWriter writer;

    CapturedResponse(HttpServletResponse response) {
        super(response);
    }

    /** The bytes written, or null when they were not kept (binary or over {@link #LIMIT}). */
    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return passedThrough ? null : copy.bytes();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream real = super.getOutputStream();
            if (binary(getContentType())) {
                passedThrough = true;
                stream = real;
            } else {
                stream = new Tee(real);
            }
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        super.flushBuffer();
    }

    static boolean binary(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("video/")
                || type.startsWith("image/")
                || type.startsWith("audio/")
                || type.startsWith("application/octet-stream")
                || type.startsWith("application/vnd.apple.mpegurl")
                || type.startsWith("application/zip");
    }

    private void keep(byte[] b, int off, int len) {
        copy.keep(b, off, len);
    }

    private final class Tee extends ServletOutputStream {
        private final ServletOutputStream out;

        Tee(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            keep(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            keep(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
