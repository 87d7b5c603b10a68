package io.framewise.server.auth;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Login names. A name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or
 * digit, in one script. It is compared in its canonical form: NFKC (so full-width "ａｌｉｃｅ" and the
 * "ﬁ" ligature are the plain letters) and lower case, so "Alice" and "alice" are the same account.
 * The canonical form is what {@code users.name} stores, which makes the column's UNIQUE constraint
 * case-insensitive on any database.
 *
 * <p>Mixed-script names ("pаypal" with a Cyrillic 'а') are refused because that check is cheap; a
 * full confusables table (same-script look-alikes) is out of scope.
 */
public final class UserNames {

    public static final int MAX_LENGTH = 64;

    private UserNames() {}

    /**
     * The canonical form of a typed name.
     *
     * @throws AccountException.BadName saying which rule the name breaks
     */
    public static String canonical(String typed) {
        String display = display(typed);
        String lower = Normalizer.normalize(display.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        check(lower, typed);
        return lower;
    }

    /**
     * The typed name in NFKC, as shown to people (case kept).
     *
     * @throws AccountException.BadName when it is empty or holds control or invisible characters
     */
    public static String display(String typed) {
        if (typed == null || typed.isEmpty()) {
            throw new AccountException.BadName("the user name is empty");
        }
        if (typed.length() > MAX_LENGTH * 4) {
            throw new AccountException.BadName("the user name is longer than " + MAX_LENGTH + " characters");
        }
        typed.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE) {
                throw new AccountException.BadName(
                        "the user name contains a control or invisible character (U+" + hex(c) + ")");
            }
        });
        return Normalizer.normalize(typed, Normalizer.Form.NFKC);
    }

    private static void check(String name, String typed) {
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw new AccountException.BadName(
                    "the user name is " + length + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        Character.UnicodeScript script = null;
        for (int i = 0, n = 0; i < name.length(); i += Character.charCount(name.codePointAt(i)), n++) {
            int c = name.codePointAt(i);
            boolean letterOrDigit = Character.isLetter(c) || Character.isDigit(c);
            boolean mark = Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK;
            if (n == 0 && !letterOrDigit) {
                throw new AccountException.BadName("the user name must start with a letter or digit");
            }
            if (!letterOrDigit && !mark && c != '.' && c != '_' && c != '-') {
                throw new AccountException.BadName("the user name may only contain letters, digits, '.', '_' and '-';"
                        + " '" + new String(Character.toChars(c)) + "' is not allowed");
            }
            if (Character.isLetter(c)) {
                Character.UnicodeScript s = family(Character.UnicodeScript.of(c));
                if (script == null) {
                    script = s;
                } else if (s != script) {
                    throw new AccountException.BadName(
                            "the user name '" + typed + "' mixes " + script + " and " + s + " letters; use one script");
                }
            }
        }
    }

    /** Japanese and Korean legitimately mix Han with kana or Hangul: one family each. */
    private static Character.UnicodeScript family(Character.UnicodeScript s) {
        return switch (s) {
            case HIRAGANA, KATAKANA, HANGUL -> Character.UnicodeScript.HAN;
            default -> s;
        };
    }

    private static String hex(int c) {
        return String.format(Locale.ROOT, "%04X", c);
    }
}
