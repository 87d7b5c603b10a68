package io.framewise.server.interchange.markers;

/** Escaping for the XML exporters, which write their documents as text to keep the exact layout. */
final class Xml {

    private Xml() {}

    /**
     * Text for an element or a double-quoted attribute: markup characters escaped, line breaks and
     * tabs as character references (an attribute would otherwise turn them into spaces), and
     * characters XML 1.0 does not allow (other control characters, lone surrogates, U+FFFE/U+FFFF)
     * left out, so no note text can make the document unreadable.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append("&#9;");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c >= 0x20 && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
