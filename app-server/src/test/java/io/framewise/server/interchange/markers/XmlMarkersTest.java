package io.framewise.server.interchange.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.time.FrameRate;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * FCP7 XML and FCPXML read back with an XML parser: the structure each application expects, and
 * each marker's time turned back into the note's frame. FCPXML is also validated with
 * {@code xmllint --dtdvalid} against the declarations of Apple's FCPXML 1.10 DTD for the elements
 * the export uses (see {@link FcpxmlDtd}), offline.
 */
class XmlMarkersTest {

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "one <" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0);
    }

    static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    @Test
    void fcp7SequenceMarkersSitOnTheNotesFramesAtTheMediasRateAndStart() throws Exception {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            Element root = parse(MarkerFormat.FCP7.write(media, notes)).getDocumentElement();
            assertEquals("xmeml", root.getTagName());
            assertEquals("5", root.getAttribute("version"));
            Element seq = child(root, "sequence");
            Element rate = child(seq, "rate");
            assertEquals(String.valueOf(media.rate().timecodeBase()), text(rate, "timebase"));
            assertEquals(media.rate().denominator() == 1001 ? "TRUE" : "FALSE", text(rate, "ntsc"));
            Element tc = child(seq, "timecode");
            assertEquals(media.start().toString(), text(tc, "string"));
            assertEquals(media.start().dropFrame() ? "DF" : "NDF", text(tc, "displayformat"));
            assertEquals(media.startFrames(), Long.parseLong(text(tc, "frame")));
            Element clip = child(child(child(child(seq, "media"), "video"), "track"), "clipitem");
            assertEquals(media.name(), text(clip, "name"));
            assertEquals(media.frameCount(), Long.parseLong(text(clip, "out")));
            List<Element> markers = children(seq, "marker");
            assertEquals(notes.size(), markers.size());
            for (int i = 0; i < notes.size(); i++) {
                MarkerNote n = notes.get(i);
                Element m = markers.get(i);
                assertEquals(
                        List.of("comment", "name", "in", "out"),
                        children(m, null).stream().map(Element::getTagName).toList());
                assertEquals(n.frame(), Long.parseLong(text(m, "in")), media.name() + " " + i);
                assertEquals(n.isRange() ? n.frameOut() : -1L, Long.parseLong(text(m, "out")));
                assertEquals(n.author().isEmpty() ? "Note" : n.author(), text(m, "name"));
            }
            assertEquals(
                    "[resolved] Line one line two with <b>tag</b> & \"quotes\" | pipe // Ann: Done // Cy: Agreed",
                    text(markers.get(1), "comment"));
        }
        // Mark P's real FCP7 export: a 29.97 DF sequence from 01:00:00;00 is frame 107892 of the day.
        assertEquals(107_892, MarkerSamples.DF_2997.startFrames());
    }

    /** Rational seconds "n/ds" or "ns" at a rate back to whole frames; fails if not on a frame. */
    static long frames(String time, FrameRate rate) {
        assertTrue(time.endsWith("s"), time);
        String[] p = time.substring(0, time.length() - 1).split("/");
        BigInteger num = new BigInteger(p[0]).multiply(BigInteger.valueOf(rate.numerator()));
        BigInteger den = (p.length == 2 ? new BigInteger(p[1]) : BigInteger.ONE)
                .multiply(BigInteger.valueOf(rate.denominator()));
        BigInteger[] qr = num.divideAndRemainder(den);
        assertEquals(BigInteger.ZERO, qr[1], time + " is on a frame boundary at " + rate);
        return qr[0].longValueExact();
    }

    @Test
    void fcpxmlMarkersSitOnTheNotesFramesInTheClipsSourceTime() throws Exception {
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            List<MarkerNote> notes = MarkerSamples.notes(media);
            Element root = parse(MarkerFormat.FCPXML.write(media, notes)).getDocumentElement();
            assertEquals("fcpxml", root.getTagName());
            assertEquals("1.10", root.getAttribute("version"));
            Element resources = child(root, "resources");
            Element format = child(resources, "format");
            assertEquals(1, frames(format.getAttribute("frameDuration"), media.rate()));
            Element asset = child(resources, "asset");
            assertEquals(media.startFrames(), frames(asset.getAttribute("start"), media.rate()));
            Element seq = child(child(child(child(root, "library"), "event"), "project"), "sequence");
            assertEquals(media.start().dropFrame() ? "DF" : "NDF", seq.getAttribute("tcFormat"));
            assertEquals(media.startFrames(), frames(seq.getAttribute("tcStart"), media.rate()));
            Element clip = child(child(seq, "spine"), "asset-clip");
            assertEquals(asset.getAttribute("id"), clip.getAttribute("ref"));
            long clipStart = frames(clip.getAttribute("start"), media.rate());
            long offset = frames(clip.getAttribute("offset"), media.rate());
            List<Element> markers = children(clip, null);
            assertEquals(notes.size(), markers.size());
            for (int i = 0; i < notes.size(); i++) {
                MarkerNote n = notes.get(i);
                Element m = markers.get(i);
                // Timeline position = clip offset + (marker start - clip start); the sequence starts at tcStart.
                long onTimeline = offset + frames(m.getAttribute("start"), media.rate()) - clipStart;
                assertEquals(n.frame(), onTimeline - media.startFrames(), media.name() + " " + i);
                assertEquals(n.durationFrames(), frames(m.getAttribute("duration"), media.rate()));
                assertEquals(n.author().isEmpty() ? "Note" : n.author(), m.getAttribute("value"));
            }
            assertEquals("marker", markers.get(0).getTagName());
            assertEquals("0", markers.get(0).getAttribute("completed"), "an open note is an incomplete to-do");
            assertEquals("1", markers.get(1).getAttribute("completed"), "a resolved note a completed one");
            assertEquals(
                    "Line one line two with <b>tag</b> & \"quotes\" | pipe // Ann: Done // Cy: Agreed",
                    markers.get(1).getAttribute("note"));
            assertEquals("chapter-marker", markers.get(3).getTagName(), "orange: Final Cut's chapter marker");
            assertEquals("", markers.get(4).getAttribute("completed"), "blue: a standard marker");
        }
        // 29.97 from 01:00:00;00: frame 1 of the media is 107893 frames of 1001/30000 s.
        String df = new String(
                MarkerFormat.FCPXML.write(MarkerSamples.DF_2997, MarkerSamples.notes(MarkerSamples.DF_2997)),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(df.contains("frameDuration=\"1001/30000s\""), df);
        assertTrue(df.contains("tcStart=\"8999991/2500s\""), df);
    }

    @Test
    void fcpxmlIsValidAgainstApplesDtdDeclarations(@TempDir Path dir) throws Exception {
        Path dtd = dir.resolve("FCPXMLv1_10-subset.dtd");
        Files.writeString(dtd, FcpxmlDtd.TEXT);
        for (MarkerMedia media : MarkerSamples.ALL_MEDIA) {
            Path doc = dir.resolve("export.fcpxml");
            Files.write(doc, MarkerFormat.FCPXML.write(media, MarkerSamples.notes(media)));
            assertEquals(0, xmllint(dtd, doc), media.name() + " is valid");
        }
        // The check can fail: a marker without its required value, and one under the sequence, are refused.
        Path bad = dir.resolve("bad.fcpxml");
        String good = new String(
                MarkerFormat.FCPXML.write(MarkerSamples.NDF_25, MarkerSamples.notes(MarkerSamples.NDF_25)),
                java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(bad, good.replaceFirst(" value=\"[^\"]*\"", ""));
        assertTrue(xmllint(dtd, bad) != 0, "a marker without value is refused");
        Files.writeString(bad, good.replace("<spine>", "<marker start=\"0s\" value=\"x\"/><spine>"));
        assertTrue(xmllint(dtd, bad) != 0, "a marker outside a clip is refused");
    }

    private static int xmllint(Path dtd, Path doc) throws Exception {
        Process p = new ProcessBuilder("xmllint", "--noout", "--nonet", "--dtdvalid", dtd.toString(), doc.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "xmllint finished");
        if (p.exitValue() != 0) {
            System.out.println("xmllint: " + out);
        }
        return p.exitValue();
    }
}
