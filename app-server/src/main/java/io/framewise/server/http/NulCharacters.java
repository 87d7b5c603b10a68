package io.framewise.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
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

    /** Only reads a tree; duplicate names and the like are the route's own parser's to refuse. */
    private static final ObjectMapper TREE = new ObjectMapper();

    private NulCharacters() {}

    /** 400 when the query string or path holds {@code %00}. */
    public static void checkAddress(String rawPath, String rawQuery) {
        if (has00(rawPath) || has00(rawQuery)) {
            throw new ApiException.BadRequest(
                    "The address must not contain the NUL character (%00)", Map.of("field", "address"), null);
        }
    }

    /**
     * 400 naming the field when a JSON body holds the escape of U+0000 in one of its strings (or
     * names). A body that is not JSON is left to the route, which answers its own 400.
     */
    public static void checkJson(String body) {
        if (body == null || !escapesNul(body)) {
            return;
        }
        JsonNode json;
        try {
            json = TREE.readTree(body);
        } catch (JsonProcessingException e) {
            return;
        }
        String field = fieldWithNul(json, "");
        if (field == null) {
            return;
        }
        String shown = field.isEmpty() ? "body" : field;
        throw new ApiException.BadRequest(
                "Field '" + shown + "' must not contain control characters such as NUL (\\u0000)",
                Map.of("field", shown),
                null);
    }

    /** The path of the first string or name holding U+0000 ("steps.[0].text"), or null for none. */
    private static String fieldWithNul(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0 ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = fieldWithNul(node.get(i), join(path, "[" + i + "]"));
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String here = join(path, e.getKey().replace("\0", "\\u0000"));
                if (e.getKey().indexOf('\0') >= 0) {
                    return here;
                }
                String found = fieldWithNul(e.getValue(), here);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String join(String path, String part) {
        return path.isEmpty() ? part : path + "." + part;
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
