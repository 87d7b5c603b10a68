package io.framewise.server.interchange.markers;

import io.framewise.model.time.FrameRate;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Final Cut Pro 7 XML (xmeml version 5), which Premiere Pro and Resolve import: a sequence at the
 * media's rate and start timecode holding the media as one clip, with one sequence {@code <marker>}
 * per note ({@code <in>} the note's frame, {@code <out>} -1 for a frame marker or the range's
 * exclusive end), laid out as Premiere writes them.
 *
 * <p>Rates are written as xmeml does: the timecode base and an NTSC flag for the x/1001 rates, so
 * 29.97 is {@code <timebase>30</timebase><ntsc>TRUE</ntsc>}. The sequence's timecode carries the
 * start label, its frame count and {@code DF}/{@code NDF}. xmeml markers have no colour (Premiere's
 * own colour extension is undocumented), so colours are not written.
 */
final class Fcp7Markers implements MarkerFormat.Writer {

    @Override
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        String name = Xml.escape(media.name());
        long frames = media.frameCount();
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n<xmeml version=\"5\">\n");
        x.append("\t<sequence id=\"sequence-1\">\n");
        x.append("\t\t<name>").append(Xml.escape(media.baseName())).append(" notes</name>\n");
        x.append("\t\t<duration>").append(frames).append("</duration>\n");
        rate(x, "\t\t", media.rate());
        timecode(x, "\t\t", media);
        x.append("\t\t<in>-1</in>\n\t\t<out>-1</out>\n");
        x.append("\t\t<media>\n\t\t\t<video>\n\t\t\t\t<track>\n");
        x.append("\t\t\t\t\t<clipitem id=\"clipitem-1\">\n");
        x.append("\t\t\t\t\t\t<name>").append(name).append("</name>\n");
        x.append("\t\t\t\t\t\t<duration>").append(frames).append("</duration>\n");
        rate(x, "\t\t\t\t\t\t", media.rate());
        x.append("\t\t\t\t\t\t<start>0</start>\n\t\t\t\t\t\t<end>")
                .append(frames)
                .append("</end>\n");
        x.append("\t\t\t\t\t\t<in>0</in>\n\t\t\t\t\t\t<out>").append(frames).append("</out>\n");
        x.append("\t\t\t\t\t\t<file id=\"file-1\">\n");
        x.append("\t\t\t\t\t\t\t<name>").append(name).append("</name>\n");
        x.append("\t\t\t\t\t\t\t<pathurl>")
                .append(Xml.escape(Fcpxml.relativeUrl(media.name())))
                .append("</pathurl>\n");
        rate(x, "\t\t\t\t\t\t\t", media.rate());
        x.append("\t\t\t\t\t\t\t<duration>").append(frames).append("</duration>\n");
        timecode(x, "\t\t\t\t\t\t\t", media);
        x.append("\t\t\t\t\t\t\t<media>\n\t\t\t\t\t\t\t\t<video>\n\t\t\t\t\t\t\t\t\t<duration>")
                .append(frames)
                .append("</duration>\n\t\t\t\t\t\t\t\t</video>\n\t\t\t\t\t\t\t</media>\n");
        x.append("\t\t\t\t\t\t</file>\n\t\t\t\t\t</clipitem>\n");
        x.append("\t\t\t\t</track>\n\t\t\t</video>\n\t\t</media>\n");
        for (MarkerNote n : notes) {
            x.append("\t\t<marker>\n");
            x.append("\t\t\t<comment>")
                    .append(Xml.escape(MarkerText.commentWithStatus(n)))
                    .append("</comment>\n");
            x.append("\t\t\t<name>").append(Xml.escape(MarkerText.name(n))).append("</name>\n");
            x.append("\t\t\t<in>").append(n.frame()).append("</in>\n");
            x.append("\t\t\t<out>").append(n.isRange() ? n.frameOut() : -1).append("</out>\n");
            x.append("\t\t</marker>\n");
        }
        x.append("\t</sequence>\n</xmeml>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void rate(StringBuilder x, String indent, FrameRate rate) {
        x.append(indent).append("<rate>\n");
        x.append(indent).append("\t<timebase>").append(rate.timecodeBase()).append("</timebase>\n");
        x.append(indent)
                .append("\t<ntsc>")
                .append(rate.denominator() == 1001 ? "TRUE" : "FALSE")
                .append("</ntsc>\n");
        x.append(indent).append("</rate>\n");
    }

    private static void timecode(StringBuilder x, String indent, MarkerMedia media) {
        x.append(indent).append("<timecode>\n");
        rate(x, indent + "\t", media.rate());
        x.append(indent).append("\t<string>").append(media.start()).append("</string>\n");
        x.append(indent).append("\t<frame>").append(media.startFrames()).append("</frame>\n");
        x.append(indent)
                .append("\t<displayformat>")
                .append(media.start().dropFrame() ? "DF" : "NDF")
                .append("</displayformat>\n");
        x.append(indent).append("</timecode>\n");
    }
}
