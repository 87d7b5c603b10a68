package io.framewise.server.upload;

import io.framewise.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Upload-Metadata} header of a tus creation: comma-separated {@code key base64value}
 * pairs (a key alone has an empty value). Read here, before tus-java-server makes the upload, so the
 * filing target it names can be refused first.
 */
public final class TusMetadata {

    /** More than a file name and a few ids never needs this much; a longer header is refused. */
    static final int MAX_LENGTH = 8 * 1024;

    private TusMetadata() {}

    /** The decoded pairs; 400 for a header that is not tus metadata. */
    public static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        if (header.length() > MAX_LENGTH) {
            throw new ApiException.BadRequest("Upload-Metadata is longer than " + MAX_LENGTH + " characters");
        }
        for (String pair : header.split(",")) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            int space = p.indexOf(' ');
            String key = space < 0 ? p : p.substring(0, space);
            String value = space < 0 ? "" : p.substring(space + 1).strip();
            try {
                out.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiException.BadRequest("Upload-Metadata value of '" + key + "' is not base64");
            }
        }
        return out;
    }
}
