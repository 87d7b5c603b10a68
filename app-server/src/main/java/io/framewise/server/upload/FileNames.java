package io.framewise.server.upload;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a name a client sent into one that is safe as a single path element on Linux, macOS and
 * Windows: no directories (so no traversal), no control or bidirectional-override characters, none of
 * {@code <>:"/\|?*}, no reserved device names, no leading dot or dash, at most 200 UTF-8 bytes with
 * the extension kept. The original is kept separately as data, so nothing is lost for display.
 */
public final class FileNames {

    static final int MAX_BYTES = 200;
    static final int MAX_ORIGINAL_CHARS = 1024;
    static final String FALLBACK = "upload";

    // Cc and Cf (format characters: bidi overrides, zero-width joiners), line/paragraph separators.
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");
    private static final Pattern RESERVED = Pattern.compile("[<>:\"|?*]");
    private static final Set<String> DEVICE_NAMES = Set.of(
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1",
            "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNames() {}

    /** A safe single file name for {@code raw}; never empty, never a path. */
    public static String sanitize(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        // Keep only the last path element, whichever separator the client's OS used.
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        s = UNSAFE.matcher(s).replaceAll("");
        s = RESERVED.matcher(s).replaceAll("_");
        s = s.strip();
        // Leading dots hide files or form ".."; trailing dots and spaces are dropped by Windows.
        s = s.replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (s.startsWith("-")) {
            s = "_" + s;
        }
        if (s.isEmpty()) {
            return FALLBACK;
        }
        int dot = s.indexOf('.');
        String stem = dot < 0 ? s : s.substring(0, dot);
        if (DEVICE_NAMES.contains(stem.toUpperCase(Locale.ROOT))) {
            s = "_" + s;
        }
        return truncate(s);
    }

    /** The name as sent, kept as data: only cut to a sane length, never used as a path. */
    public static String original(String raw) {
        if (raw == null || raw.isBlank()) {
            return FALLBACK;
        }
        return raw.length() <= MAX_ORIGINAL_CHARS ? raw : raw.substring(0, MAX_ORIGINAL_CHARS);
    }

    private static String truncate(String s) {
        if (utf8Length(s) <= MAX_BYTES) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
        String stem = s.substring(0, s.length() - ext.length());
        int budget = MAX_BYTES - utf8Length(ext);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > budget) {
                break;
            }
            out.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return out.toString().strip() + ext;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
