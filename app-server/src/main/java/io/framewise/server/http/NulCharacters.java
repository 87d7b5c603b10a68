package io.framewise.server.http;

import java.util.Locale;
import java.util.Map;

/**
 * Refuses the NUL character (U+0000) in a request's address and JSON body before any route reads
 * them. No text of the product means it, SQLite would store it and PostgreSQL refuses it ("invalid
 * byte sequence for encoding UTF8: 0x00"), so a note, a name or a search term holding one would be
 * kept on one database and be a 500 on the other. JSON cannot carry a raw NUL (Jackson already
 * refuses unescaped control characters); the escape {@code \\u0000} is what is looked for.
 */
public final class NulCharacters {

    private NulCharacters() {}

    /** 400 when the query string or path holds {@code %00}. */
    public static void checkAddress(String rawPath, String rawQuery) {
        if (has00(rawPath) || has00(rawQuery)) {
            throw new ApiException.BadRequest(
                    "The address must not contain the NUL character (%00)", Map.of("field", "address"), null);
        }
    }

    /** 400 when a JSON body holds the escape of U+0000 in one of its strings. */
    public static void checkJson(String body) {
        if (body != null && escapesNul(body)) {
            throw new ApiException.BadRequest(
                    "Text must not contain the NUL character (\\u0000)", Map.of("field", "body"), null);
        }
    }

    private static boolean has00(String raw) {
        return raw != null
                && raw.indexOf('%') >= 0
                && raw.toLowerCase(Locale.ROOT).contains("%00");
    }

    /**
     * Whether {@code json} holds a {@code \\u0000} escape: a backslash that is not itself escaped
     * (an odd run of backslashes) followed by {@code u0000}. {@code "\\\\u0000"} is a backslash and
     * the text "u0000", which is allowed.
     */
    static boolean escapesNul(String json) {
        int from = 0;
        while (true) {
            int at = json.indexOf("u0000", from);
            if (at < 0) {
                return false;
            }
            int slashes = 0;
            for (int i = at - 1; i >= 0 && json.charAt(i) == '\\'; i--) {
                slashes++;
            }
            if (slashes % 2 == 1) {
                return true;
            }
            from = at + 5;
        }
    }
}
