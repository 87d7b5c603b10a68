package io.framewise.server.notifications;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks on what goes into a mail header, and HTML escaping for what goes into its body. */
final class MailText {

    static final int MAX_ADDRESS = 254;

    private MailText() {}

    /** A single plain address (no display name, no list, no line breaks); an IllegalArgumentException otherwise. */
    static String checkAddress(String address, String field) {
        if (address == null
                || address.isBlank()
                || address.length() > MAX_ADDRESS
                || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ',' || c == '<' || c == '>')) {
            throw new IllegalArgumentException(field + " must be one e-mail address like ana@example.org");
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (!parsed.getAddress().equals(address) || !address.contains("@")) {
                throw new AddressException("not a plain address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException(field + " must be one e-mail address like ana@example.org");
        }
        return address;
    }

    static String html(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A subject line: one line, at most 200 characters. */
    static String subject(String text) {
        String one = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return one.length() <= 200 ? one : one.substring(0, 199) + "…";
    }
}
