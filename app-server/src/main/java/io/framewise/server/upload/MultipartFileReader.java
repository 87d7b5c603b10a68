package io.framewise.server.upload;

import io.framewise.server.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Streams the one file part of a {@code multipart/form-data} body into an {@link UploadTarget} with
 * Jetty's incremental parser, chunk by chunk as it is read from the socket: the file never sits in
 * memory nor in a second temp file. Small text fields are kept (up to 64 KiB in total) so a client can
 * send the file name as a field.
 */
final class MultipartFileReader {

    static final int READ_CHUNK = 64 * 1024;
    static final int MAX_FIELD_BYTES = 64 * 1024;

    private final UploadTarget target;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private String fileName;
    private boolean fileSeen;
    private boolean complete;
    private Throwable failure;

    // State of the part being parsed.
    private String partName;
    private String partFileName;
    private boolean inFile;
    private java.io.ByteArrayOutputStream field;
    private int fieldBytes;

    MultipartFileReader(UploadTarget target) {
        this.target = target;
    }

    /** Reads the whole body; afterwards {@link #fileName()} and {@link #fields()} describe the parts. */
    void read(InputStream body, String boundary, long maxBodyBytes) throws IOException {
        MultiPart.Parser parser = new MultiPart.Parser(boundary, new Listener());
        parser.setMaxParts(64);
        long total = 0;
        while (!complete) {
            // A fresh buffer each time: the parser may keep a reference to a partial boundary.
            byte[] buf = new byte[READ_CHUNK];
            int n = body.read(buf);
            if (n < 0) {
                parser.parse(Content.Chunk.EOF);
                rethrow();
                break;
            }
            total += n;
            if (total > maxBodyBytes) {
                throw UploadTarget.tooLarge(maxBodyBytes);
            }
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(buf, 0, n), false));
            rethrow();
        }
        if (!complete) {
            throw new ApiException.BadRequest("The multipart body ended before its closing boundary");
        }
        if (!fileSeen) {
            throw new ApiException.BadRequest("The multipart body has no file part (a part with a filename)");
        }
    }

    String fileName() {
        return fileName;
    }

    Map<String, String> fields() {
        return fields;
    }

    private void rethrow() throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure != null) {
            throw new ApiException.BadRequest("Malformed multipart body: " + failure.getMessage(), Map.of(), failure);
        }
    }

    private final class Listener implements MultiPart.Parser.Listener {
        @Override
        public void onPartBegin() {
            partName = null;
            partFileName = null;
            inFile = false;
            field = null;
        }

        @Override
        public void onPartHeader(String name, String value) {
            if (name.equalsIgnoreCase("Content-Disposition")) {
                Map<String, String> params = dispositionParameters(value);
                partName = params.get("name");
                partFileName = params.containsKey("filename*") ? params.get("filename*") : params.get("filename");
            }
        }

        @Override
        public void onPartHeaders() {
            if (failure != null) {
                return;
            }
            if (partFileName != null) {
                if (fileSeen) {
                    failure = new ApiException.BadRequest("Send one file per request");
                    return;
                }
                fileSeen = true;
                inFile = true;
                fileName = partFileName;
            } else {
                field = new java.io.ByteArrayOutputStream();
            }
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            try {
                if (failure != null) {
                    return;
                }
                ByteBuffer data = chunk.getByteBuffer();
                if (inFile) {
                    target.write(data);
                } else if (field != null) {
                    fieldBytes += data.remaining();
                    if (fieldBytes > MAX_FIELD_BYTES) {
                        failure = new ApiException.BadRequest("Form fields are larger than 64 KiB in total");
                        return;
                    }
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    field.write(bytes, 0, bytes.length);
                }
            } catch (IOException | RuntimeException e) {
                // Our chunks are plain heap buffers: nothing to release; the failure ends the read loop.
                failure = e;
            }
        }

        @Override
        public void onPartEnd() {
            if (field != null && partName != null) {
                fields.put(partName, field.toString(StandardCharsets.UTF_8));
            }
            inFile = false;
            field = null;
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable t) {
            // Only the parser reports here, so this is always the client's malformed body.
            if (failure == null) {
                failure = t instanceof java.io.EOFException
                        ? new ApiException.BadRequest("The multipart body ended before its closing boundary")
                        : new ApiException.BadRequest("Malformed multipart body: " + t.getMessage(), Map.of(), null);
            }
        }
    }

    /** Parameters of a Content-Disposition value; {@code filename*} (RFC 5987) decoded from UTF-8. */
    static Map<String, String> dispositionParameters(String value) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = value.substring(i + 1, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder v = new StringBuilder();
            if (j < value.length() && value.charAt(j) == '"') {
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    char c = value.charAt(j);
                    // Browsers escape '"' as %22 and do not backslash-escape; accept both.
                    if (c == '\\' && j + 1 < value.length()) {
                        c = value.charAt(++j);
                    }
                    v.append(c);
                    j++;
                }
                j = value.indexOf(';', j);
            } else {
                int end = value.indexOf(';', j);
                v.append(value, j, end < 0 ? value.length() : end);
                j = end;
            }
            String s = v.toString().strip();
            if (key.equals("filename*")) {
                s = decodeExtended(s);
            }
            params.put(key, s);
            i = j;
        }
        return params;
    }

    private static String decodeExtended(String s) {
        int quote = s.indexOf("''");
        if (quote < 0) {
            return s;
        }
        try {
            return java.net.URLDecoder.decode(s.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s.substring(quote + 2);
        }
    }
}
