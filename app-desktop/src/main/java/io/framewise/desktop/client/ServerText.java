package io.framewise.desktop.client;

/**
 * Text the server sends for the desktop to show (titles, names, states): shown on one line as
 * text, whatever it holds. A title with newlines would stretch a list row, escape and bidi
 * characters could make it read as something else.
 */
public final class ServerText {

    /** Longer text is cut: a list row or a choice box never holds a page. */
    static final int MAX = 200;

    private ServerText() {}

    /** {@code text} on one line: control and bidi-override characters become spaces; "" for null. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX + 1));
        for (int i = 0; i < text.length() && b.length() <= MAX; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            b.appendCodePoint(Character.isISOControl(c) || bidi(c) ? ' ' : c);
        }
        String s = b.toString().strip();
        if (s.length() <= MAX) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return s.substring(0, end) + "…";
    }

    private static boolean bidi(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    }
}
