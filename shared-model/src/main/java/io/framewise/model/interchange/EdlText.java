package io.framewise.model.interchange;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of an EDL into text and lines. EDLs declare no encoding: old Avid and Nucoda
 * exports are Latin-1, newer ones UTF-8 (clip names with bullets and accents). A body that is valid
 * UTF-8 is read as UTF-8, anything else as Latin-1, which never fails. Line ends are CRLF, LF or a
 * lone CR (classic Mac); DOS-era files end in Ctrl-Z padding, which is not text.
 */
public final class EdlText {

    private static final char CTRL_Z = 0x1A;

    private EdlText() {}

    /** The bytes as text: UTF-8 when they are valid UTF-8 (a BOM dropped), else Latin-1. */
    public static String decode(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text;
    }

    /**
     * The text's lines without their ends, split at CRLF, LF or CR, with Ctrl-Z characters removed;
     * line {@code n} of the file is element {@code n - 1}. A final line end adds no empty line.
     */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c != CTRL_Z) {
                line.append(c);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
