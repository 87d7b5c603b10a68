package io.framewise.model.interchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.interchange.EdlDocument.Event;
import io.framewise.model.interchange.EdlDocument.Locator;
import io.framewise.model.interchange.EdlDocument.Marker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class Cmx3600Test {

    private static EdlDocument read(String name) throws IOException {
        return Cmx3600.parse(Files.readAllBytes(InterchangeFiles.file("edl/" + name)));
    }

    private static String loc(Locator l) {
        return l.at() + " " + l.colour() + " " + l.text();
    }

    @Test
    void screeningExampleHasNineCutsAndThreeLocators() throws IOException {
        EdlDocument d = read("screening_example.edl");
        assertEquals(Boolean.FALSE, d.dropFrame());
        assertEquals(9, d.events().size());
        assertEquals("00:59:53:11", d.events().get(0).recordIn().toString());
        assertEquals("01:00:37:04", d.events().get(8).recordOut().toString());
        assertEquals(
                List.of("01:00:01:14 RED ANIM FIX NEEDED", "01:00:02:14 PINK ANIM FIX NEEDED", "01:00:15:13 GREEN "),
                d.locators().stream().map(Cmx3600Test::loc).toList());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
    }

    @Test
    void dissolveAndWipeTransitionsKeepTheirLengths() throws IOException {
        EdlDocument dissolve = read("dissolve_test_3.edl");
        assertEquals(4, dissolve.events().size());
        Event d = dissolve.events().get(2);
        assertEquals('D', d.transition().kind());
        assertEquals(30, d.transition().frames());
        assertEquals("01:00:02:13", d.recordIn().toString());
        assertEquals("01:00:03:19", d.recordOut().toString());
        assertTrue(dissolve.problems().isEmpty(), dissolve.problems().toString());

        EdlDocument wipe = read("wipe_test.edl");
        Event w = wipe.events().get(2);
        assertEquals('W', w.transition().kind());
        assertEquals("001", w.transition().code());
        assertEquals(10, w.transition().frames());
        assertTrue(wipe.problems().isEmpty(), wipe.problems().toString());
    }

    @Test
    void speedLinesAndFreezeFrames() throws IOException {
        EdlDocument d = read("speed_effects_small.edl");
        assertNull(d.dropFrame());
        assertEquals(5, d.events().size());
        assertEquals(0.0, d.events().get(1).speed());
        assertEquals(47.6, d.events().get(4).speed());
        assertNull(d.events().get(0).speed());
        assertEquals("Z677_4C.", d.events().get(0).reel());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
    }

    @Test
    void premiereAudioEventsCarryTheirClipNames() throws IOException {
        EdlDocument d = read("premiere_audio_dropframe_crlf.edl");
        assertEquals(Boolean.TRUE, d.dropFrame());
        assertEquals(18, d.events().size());
        assertEquals("A", d.events().get(0).track());
        assertEquals("Afterglow Geometry.wav", d.events().get(0).fromClip());
        assertEquals("00:00:00:00", d.events().get(0).recordIn().toString());
        assertTrue(d.locators().isEmpty());
    }

    @Test
    void resolveMarkerLayoutWithDurationOnly() throws IOException {
        EdlDocument d = read("DD_509_LOCKED_VFX_LINK.edl");
        List<Marker> m = d.markers();
        assertEquals(3, m.size());
        assertEquals("01:00:45:00", m.get(0).at().toString());
        assertEquals("LOC: 00:00:01:00 YELLOW DD509_0010", m.get(0).note());
        assertEquals(464, m.get(0).frames());
        assertEquals("DD509_0020", m.get(1).note());
        assertEquals(97, m.get(1).frames());
        assertEquals("01:01:17:15", m.get(2).at().toString());
        assertTrue(d.locators().isEmpty());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
    }

    @Test
    void resolveMarkerWithColourAndName() {
        String edl = "TITLE: Timeline 1\nFCM: NON-DROP FRAME\n\n"
                + "001  001      V     C        01:00:05:00 01:00:05:01 01:00:05:00 01:00:05:01  \n"
                + "Fix the sky |C:ResolveColorSky |M:VFX 12 |D:48\n"
                + "002  001      V     C        01:00:09:00 01:00:09:01 01:00:09:00 01:00:09:01  \n"
                + " |C:ResolveColorRose |M:Marker 2 |D:1\n";
        List<Marker> m = Cmx3600.parse(edl).markers();
        assertEquals(2, m.size());
        assertEquals(new Marker(5, m.get(0).at(), "Fix the sky", "Sky", "VFX 12", 48), m.get(0));
        assertEquals("", m.get(1).note());
        assertEquals("Rose", m.get(1).colour());
        assertEquals("Marker 2", m.get(1).name());
    }

    @Test
    void crOnlyFileWithSixDigitEvents() throws IOException {
        EdlDocument d = read("SR001_cr_only.edl");
        assertEquals(1, d.events().size());
        assertEquals("000001", d.events().get(0).number());
        assertEquals(
                List.of("00:00:02:19 YELLOW 039_KAK_0025_DRA_V0001 997 // 8-8 Match to edit"),
                d.locators().stream().map(Cmx3600Test::loc).toList());
    }

    @Test
    void ctrlZPaddingIsNotAProblem() throws IOException {
        EdlDocument d = read("SR_008_crlf_ctrlz.edl");
        assertEquals(2, d.events().size());
        assertEquals(2, d.locators().size());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
    }

    @Test
    void utf8ClipNamesAndOneDigitHours() throws IOException {
        EdlDocument slug = read("black_slug_avid1.edl");
        assertEquals(7, slug.events().size());
        assertEquals("65V-6B*\u2022", slug.events().get(0).fromClip());
        assertEquals(5, slug.locators().size());
        EdlDocument cdl = read("pycmx_test_edl_cdl.edl");
        assertEquals(
                List.of(
                        "01:00:01:00 YELLOW DRA_001_0001",
                        "01:00:03:00 YELLOW DRA_001_0002",
                        "01:00:05:00 YELLOW DRA_001_0003"),
                cdl.locators().stream().map(Cmx3600Test::loc).toList());
    }

    @Test
    void everyShippedEdlReadsWithoutProblemsAndTheDocumentedLocatorCounts() throws IOException {
        record Expect(String file, int events, int notes) {}
        List<Expect> all = List.of(
                new Expect("25fps.edl", 4, 0),
                new Expect("edlgenius_cmx3600_dropframe.edl", 9, 0),
                new Expect("audio-follows-video.edl", 2, 0),
                new Expect("pycmx_test_25.edl", 13, 0),
                new Expect("screening_example.edl", 9, 3),
                new Expect("black_slug_avid1.edl", 7, 5),
                new Expect("DD_509_LOCKED_VFX_LINK.edl", 3, 3));
        for (Expect e : all) {
            EdlDocument d = read(e.file());
            assertEquals(e.events(), d.events().size(), e.file());
            assertEquals(e.notes(), d.locators().size() + d.markers().size(), e.file());
            assertTrue(d.problems().isEmpty(), e.file() + ": " + d.problems());
        }
        assertEquals("AA/V", read("audio-follows-video.edl").events().get(0).track());
    }

    @Test
    void latin1IsReadWhenTheBytesAreNotUtf8() {
        byte[] bytes = "001  AX V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n* LOC: 01:00:00:10 RED caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        EdlDocument d = Cmx3600.parse(bytes);
        assertEquals("caf\u00e9", d.locators().get(0).text());
    }

    @Test
    void badLinesAreNamedAndTheRestIsRead() {
        String edl = "TITLE: broken\n"
                + "001  AX V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n"
                + "* LOC: 01:00:00:10 RED good\n"
                + "* LOC: 01:0x:00:10 RED bad\n"
                + "002  AX V C 01:00:00:00 01:00:01:00 01:00:00:00\n"
                + "garbage here\n";
        EdlDocument d = Cmx3600.parse(edl);
        assertEquals(1, d.locators().size());
        assertEquals(3, d.problems().size());
        assertEquals(4, d.problems().get(0).line());
        assertTrue(
                d.problems().get(0).reason().contains("01:0x:00:10"),
                d.problems().get(0).reason());
        assertEquals(5, d.problems().get(1).line());
        assertTrue(d.problems().get(1).reason().contains("8 or 9 fields"));
        assertEquals(6, d.problems().get(2).line());
        assertFalse(d.events().isEmpty());
    }
}
