package io.framewise.model.subtitles;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a subtitle file's bytes into text: a UTF-8 or UTF-16 byte order mark decides; otherwise valid
 * UTF-8 is UTF-8 and anything else is read as Latin-1 (what old SRT files from Windows tools are,
 * near enough). Line ends become {@code \n}; a NUL anywhere means the file is not text.
 */
public final class SubtitleText {

    private SubtitleText() {}

    public static String decode(byte[] data) {
        String text;
        if (startsWith(data, 0xEF, 0xBB, 0xBF)) {
            text = utf8(data, 3);
            if (text == null) {
                throw new SubtitleFormatException(0, "the file starts with a UTF-8 mark but is not valid UTF-8");
            }
        } else if (startsWith(data, 0xFF, 0xFE)) {
            text = new String(data, 2, data.length - 2, StandardCharsets.UTF_16LE);
        } else if (startsWith(data, 0xFE, 0xFF)) {
            text = new String(data, 2, data.length - 2, StandardCharsets.UTF_16BE);
        } else {
            text = utf8(data, 0);
            if (text == null) {
                text = new String(data, StandardCharsets.ISO_8859_1);
            }
        }
        if (text.indexOf('\0') >= 0) {
            throw new SubtitleFormatException(0, "the file is not text (it holds NUL characters)");
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String utf8(byte[] data, int offset) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, data.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
