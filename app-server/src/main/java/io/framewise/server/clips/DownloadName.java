package io.framewise.server.clips;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download: {@code attachment} with a file name every file
 * system takes ({@code filename}, ASCII) and the full name in UTF-8 ({@code filename*}, RFC 6266 and
 * RFC 8187), so a browser saves "Plan de travail é.mp4" as such and an old client still gets a
 * usable name.
 */
public final class DownloadName {

    /** The longest name given: file systems stop at 255 bytes, and UTF-8 takes up to 4 a character. */
    static final int MAX_CHARS = 120;

    private DownloadName() {}

    /** A clip's name: {@code <title>_<tcIn>-<tcOut>.<ext>}, timecode separators written as '-'. */
    static String forClip(String title, String tcIn, String tcOut, String extension) {
        return title + "_" + tcIn.replace(':', '-').replace(';', '-') + "-"
                + tcOut.replace(':', '-').replace(';', '-') + "." + extension;
    }

    /** The header value for a file called {@code name}. */
    public static String header(String name) {
        String safe = safe(name);
        return "attachment; filename=\"" + ascii(safe) + "\"; filename*=UTF-8''" + encode(safe);
    }

    /**
     * The name without what file systems refuse or read otherwise: path separators, reserved
     * characters, control characters, and leading dots or spaces; cut to {@value #MAX_CHARS}
     * characters keeping the extension. Never empty.
     */
    static String safe(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)
                    || "/\\:*?\"<>|".indexOf(c) >= 0
                    || Character.getType(c) == Character.FORMAT) {
                sb.append('_');
            } else {
                sb.appendCodePoint(c);
            }
        });
        String s = sb.toString().strip();
        while (s.startsWith(".") || s.startsWith(" ")) {
            s = s.substring(1);
        }
        if (s.codePointCount(0, s.length()) > MAX_CHARS) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 11 ? s.substring(dot) : "";
            String base = s.substring(0, s.length() - ext.length());
            int keep = MAX_CHARS - ext.length();
            s = base.substring(0, base.offsetByCodePoints(0, Math.min(keep, base.codePointCount(0, base.length()))))
                    + ext;
        }
        return s.isEmpty() ? "download" : s;
    }

    /** The plain-ASCII fallback: every other character becomes '_'. */
    static String ascii(String safe) {
        StringBuilder sb = new StringBuilder(safe.length());
        safe.codePoints().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? (char) c : '_'));
        return sb.toString();
    }

    /** RFC 8187 value encoding: attr-chars as they are, every other UTF-8 byte as %XX. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
