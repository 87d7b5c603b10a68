package io.framewise.model.subtitles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CuesTest {

    @Test
    void srtWithNumbersAndTwoLines() {
        List<Cue> cues = Cues.read(
                "1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n<i>world</i>\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nAgain\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(2, cues.size());
        assertEquals(new Cue(1_000_000, 2_500_000, "Hello\n<i>world</i>"), cues.get(0));
        assertEquals("Hello\nworld", cues.get(0).plainText());
        assertEquals(3_000_000, cues.get(1).startMicros());
    }

    @Test
    void webVttWithHeaderNotesIdsAndSettings() {
        String vtt = "WEBVTT - a title\n\nNOTE a comment\nspanning lines\n\nSTYLE\n::cue { color: red }\n\n"
                + "intro\n00:01.000 --> 00:02.000 align:start line:0\n<v Roger>Hi &amp; bye\n\n"
                + "01:00:00.000 --> 01:00:01.250\nLate\n";
        List<Cue> cues = Cues.read(vtt);
        assertEquals(2, cues.size());
        assertEquals(new Cue(1_000_000, 2_000_000, "Hi &amp; bye"), cues.get(0));
        assertEquals("Hi & bye", cues.get(0).plainText());
        assertEquals(3_600_000_000L, cues.get(1).startMicros());
        assertEquals(3_601_250_000L, cues.get(1).endMicros());
    }

    @Test
    void assDialogueThroughItsFormatLine() {
        String ass = "[Script Info]\nTitle: x\n\n[V4+ Styles]\nFormat: Name, Fontname\nStyle: Default,Arial\n\n"
                + "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
                + "Dialogue: 0,0:00:01.50,0:00:03.00,Default,,0,0,0,,{\\pos(10,10)\\i1}Tilted{\\i0}, with comma\\Nnext\n"
                + "Comment: 0,0:00:04.00,0:00:05.00,Default,,0,0,0,,not shown\n";
        List<Cue> cues = Cues.read(ass);
        assertEquals(1, cues.size());
        assertEquals(new Cue(1_500_000, 3_000_000, "<i>Tilted</i>, with comma\nnext"), cues.get(0));
        assertEquals(Cues.Format.ASS, Cues.formatOf(ass));
    }

    @Test
    void latin1AndBomFallbacks() {
        byte[] latin1 =
                "1\n00:00:00,000 --> 00:00:01,000\nCaf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Caf\u00e9 cr\u00e8me", Cues.read(latin1).get(0).plainText());
        byte[] text = "WEBVTT\n\n00:00.000 --> 00:01.000\n\u00fcber\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[text.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bom, 3, text.length);
        assertEquals("\u00fcber", Cues.read(bom).get(0).plainText());
    }

    @Test
    void htmlInCuesNeverSurvives() {
        List<Cue> cues = Cues.read("1\n00:00:00,000 --> 00:00:01,000\n<script>alert(1)</script><b>bold"
                + " <img src=x onerror=alert(1)> 1 < 2 & 3 > 2 --> <font color=red>red</font>\n");
        String text = cues.get(0).text();
        assertFalse(text.contains("<script"), text);
        assertFalse(text.contains("<img"), text);
        assertFalse(text.contains("<font"), text);
        assertFalse(text.contains("-->"), text);
        assertEquals("alert(1)<b>bold  1 &lt; 2 &amp; 3 &gt; 2 --&gt; red</b>", text);
        // What the writer puts out parses back to the same cue.
        assertEquals(cues, Cues.read(WebVttWriter.write(cues)));
    }

    @Test
    void tagOnALineOfItsOwnStaysBalanced() {
        Cue cue = Cues.read("1\n00:00:00,000 --> 00:00:01,000\n<i>\nline\n").get(0);
        assertEquals("<i>line</i>", cue.text());
    }

    @Test
    void strictErrorsNameTheLine() {
        SubtitleFormatException backwards =
                assertThrows(SubtitleFormatException.class, () -> Cues.read("1\n00:00:05,000 --> 00:00:01,000\nx\n"));
        assertEquals(2, backwards.line());
        assertTrue(backwards.getMessage().contains("before it starts"), backwards.getMessage());
        SubtitleFormatException noTiming =
                assertThrows(SubtitleFormatException.class, () -> Cues.read("1\nhello there\n"));
        assertEquals(1, noTiming.line());
        assertThrows(SubtitleFormatException.class, () -> Cues.read("1\n00:00:61,000 --> 00:01:00,000\nx\n"));
        assertThrows(SubtitleFormatException.class, () -> Cues.read("WEBVTT\n\n00:01.000 --> 00:00.500\nx\n"));
        assertThrows(SubtitleFormatException.class, () -> Cues.read("WEBVTTX\n\n00:00.000 --> 00:01.000\nx\n"));
        assertThrows(SubtitleFormatException.class, () -> Cues.read(""));
        assertThrows(SubtitleFormatException.class, () -> Cues.read(new byte[] {1, 0, 2, 0}));
        assertThrows(SubtitleFormatException.class, () -> Cues.read("1\n200:00:00,000 --> 200:00:01,000\nforever\n"));
    }

    @Test
    void writerOutputIsWebVtt() {
        String vtt = WebVttWriter.write(List.of(new Cue(1_001_000, 3_600_000_000L + 5_000, "a\n<b>b</b>")));
        assertEquals("WEBVTT\n\n1\n00:00:01.001 --> 01:00:00.005\na\n<b>b</b>\n", vtt);
    }
}
