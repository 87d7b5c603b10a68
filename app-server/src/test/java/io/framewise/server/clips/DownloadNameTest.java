package io.framewise.server.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Download names every file system and browser take, whatever a title holds. */
class DownloadNameTest {

    @Test
    void aClipIsNamedAfterItsTitleAndSourceTimecodes() {
        assertEquals(
                "Opening_01-00-00-00-01-00-02-12.mov",
                DownloadName.forClip("Opening", "01:00:00;00", "01:00:02;12", "mov"));
    }

    @Test
    void separatorsReservedAndControlCharactersAndLeadingDotsAreReplaced() {
        assertEquals("_.._etc_passwd", DownloadName.safe("../../etc/passwd"));
        assertEquals("a_b_c_d_e_f_g_h_i_j.mp4", DownloadName.safe("a/b\\c:d*e?f\"g<h>i|j.mp4"));
        assertEquals("line_break.mp4", DownloadName.safe("line\nbreak.mp4"));
        assertEquals("hidden.mp4", DownloadName.safe("..hidden.mp4"));
        assertEquals("download", DownloadName.safe(" . "));
        assertEquals("a_b.mp4", DownloadName.safe("a\u202eb.mp4"), "no bidi overrides that disguise the extension");
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = DownloadName.safe("x".repeat(1000) + ".mp4");
        assertEquals(DownloadName.MAX_CHARS, name.length());
        assertTrue(name.endsWith(".mp4"));
    }

    @Test
    void theHeaderHasAnAsciiNameAndTheFullNameInUtf8() {
        String header = DownloadName.header("Plan séquence \"final\" 🎬.mp4");
        assertTrue(
                header.startsWith("attachment; filename=\"Plan s_quence _final_ _.mp4\"; filename*=UTF-8''"), header);
        String encoded = header.substring(header.indexOf("UTF-8''") + 7);
        assertTrue(encoded.chars().allMatch(c -> c < 0x7f && c != ' ' && c != '"' && c != ';'), encoded);
        assertEquals(
                "Plan séquence _final_ 🎬.mp4", URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
}
