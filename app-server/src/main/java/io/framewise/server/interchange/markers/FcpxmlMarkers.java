package io.framewise.server.interchange.markers;

import io.framewise.model.notes.MarkerColour;
import io.framewise.model.time.FrameRate;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * FCPXML 1.10 for Final Cut Pro: the media as an asset and, in a project, one asset clip on the
 * spine carrying a marker per note; valid against Apple's FCPXML 1.10 DTD.
 *
 * <p>Times are exact rationals of the media's rate. A marker's {@code start} is in the clip's own
 * time, which for an asset clip is the source's: the start timecode's seconds plus the note's
 * frame. The sequence starts at the same timecode ({@code tcStart}, {@code tcFormat} DF or NDF), so
 * the clip sits at its source timecode and each marker shows at the note's label.
 *
 * <p>Final Cut has no free marker colours: a marker's kind is its colour. Orange notes become
 * chapter markers (drawn orange), blue notes standard markers (blue), every other note a to-do
 * marker, red while open and green once resolved ({@code completed}). A frame note's marker lasts
 * one frame, as Final Cut makes them; a range note's lasts the range.
 */
final class FcpxmlMarkers implements MarkerFormat.Writer {

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        FrameRate rate = media.rate();
        String start = Fcpxml.time(media.startFrames(), rate);
        String duration = Fcpxml.time(media.frameCount(), rate);
        String tcFormat = media.start().dropFrame() ? "DF" : "NDF";
        String name = Xml.escape(media.name());
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n\n<fcpxml version=\"1.10\">\n");
        x.append("    <resources>\n");
        x.append("        <format id=\"r1\" frameDuration=\"")
                .append(Fcpxml.time(1, rate))
                .append('"');
        if (media.width() > 0 && media.height() > 0) {
            x.append(" width=\"")
                    .append(media.width())
                    .append("\" height=\"")
                    .append(media.height())
                    .append('"');
        }
        x.append("/>\n");
        x.append("        <asset id=\"r2\" name=\"")
                .append(name)
                .append("\" start=\"")
                .append(start)
                .append("\" duration=\"")
                .append(duration)
                .append("\" hasVideo=\"1\" format=\"r1\">\n");
        x.append("            <media-rep kind=\"original-media\" src=\"")
                .append(Xml.escape(Fcpxml.relativeUrl(media.name())))
                .append("\"/>\n");
        x.append("        </asset>\n    </resources>\n");
        x.append("    <library>\n        <event name=\"")
                .append(Xml.escape(media.baseName()))
                .append(" notes\">\n");
        x.append("            <project name=\"")
                .append(Xml.escape(media.baseName()))
                .append(" notes\">\n");
        x.append("                <sequence format=\"r1\" duration=\"")
                .append(duration)
                .append("\" tcStart=\"")
                .append(start)
                .append("\" tcFormat=\"")
                .append(tcFormat)
                .append("\">\n");
        x.append("                    <spine>\n");
        x.append("                        <asset-clip ref=\"r2\" offset=\"")
                .append(start)
                .append("\" name=\"")
                .append(name)
                .append("\" start=\"")
                .append(start)
                .append("\" duration=\"")
                .append(duration)
                .append("\" tcFormat=\"")
                .append(tcFormat)
                .append("\">\n");
        for (MarkerNote n : notes) {
            Kind kind = kind(n.colour());
            x.append("                            <")
                    .append(kind == Kind.CHAPTER ? "chapter-marker" : "marker")
                    .append(" start=\"")
                    .append(Fcpxml.time(media.startFrames() + n.frame(), rate))
                    .append("\" duration=\"")
                    .append(Fcpxml.time(n.durationFrames(), rate))
                    .append("\" value=\"")
                    .append(Xml.escape(MarkerText.name(n)))
                    .append('"');
            if (kind == Kind.TODO) {
                x.append(" completed=\"").append(n.resolved() ? 1 : 0).append('"');
            }
            String note = kind == Kind.TODO ? MarkerText.comment(n) : MarkerText.commentWithStatus(n);
            x.append(" note=\"").append(Xml.escape(note)).append("\"/>\n");
        }
        x.append("                        </asset-clip>\n");
        x.append("                    </spine>\n                </sequence>\n            </project>\n");
        x.append("        </event>\n    </library>\n</fcpxml>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    enum Kind {
        STANDARD,
        TODO,
        CHAPTER
    }

    static Kind kind(MarkerColour c) {
        if (c == MarkerColour.ORANGE) {
            return Kind.CHAPTER;
        }
        return c == MarkerColour.BLUE ? Kind.STANDARD : Kind.TODO;
    }
}
