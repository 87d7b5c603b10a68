package io.framewise.server.notifications;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @name} in a note's text: an {@code @} at the start or after a character that cannot be
 * part of an address (so {@code ana@example.org} mentions nobody), then a login name.
 */
public final class Mentions {

    /** Login names are letters, digits and {@code . _ -}; a trailing dot ends a sentence, not a name. */
    private static final Pattern MENTION =
            Pattern.compile("(?<![\\p{L}\\p{N}_.@-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}._-]{0,63})");

    /** At most this many people are told of one note: a note is not a mailing list. */
    public static final int MAX_PER_NOTE = 20;

    private Mentions() {}

    /** The names mentioned in {@code text}, lower case, in order, each once. */
    public static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null) {
            return names;
        }
        Matcher m = MENTION.matcher(text);
        while (m.find() && names.size() < MAX_PER_NOTE) {
            String name = m.group(1);
            while (name.endsWith(".") || name.endsWith("-")) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.isEmpty()) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
