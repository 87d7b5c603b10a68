package io.framewise.media.probe.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_DATA;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Finds the SMPTE timecode of frame 0. FFmpeg reports a QuickTime/MP4 tmcd track as a data stream with
 * a "timecode" tag (and usually copies it to the video stream); MXF, Matroska and others carry it as a
 * container or stream tag. Drop-frame is the separator before the frames: ';' (or '.', ',') rather
 * than ':', as {@code av_timecode_init_from_string} reads it. Labels are normalised to "HH:MM:SS:FF"
 * or "HH:MM:SS;FF".
 */
final class StartTimecode {

    private static final Pattern LABEL = Pattern.compile("(\\d{1,2})[:;.](\\d{1,2})[:;.](\\d{1,2})([:;.,])(\\d{1,3})");

    private StartTimecode() {}

    /** The start timecode of the file, or empty when no tag carries a valid one. */
    static Optional<String> find(AVFormatContext ctx, int videoStreamIndex) {
        List<AVDictionary> sources = new ArrayList<>();
        // A timecode track is the authority; the tags copied elsewhere are views of it.
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream s = ctx.streams(i);
            if (s.codecpar().codec_type() == AVMEDIA_TYPE_DATA) {
                sources.add(s.metadata());
            }
        }
        if (videoStreamIndex >= 0) {
            sources.add(ctx.streams(videoStreamIndex).metadata());
        }
        sources.add(ctx.metadata());
        for (int i = 0; i < ctx.nb_streams(); i++) {
            sources.add(ctx.streams(i).metadata());
        }
        for (AVDictionary metadata : sources) {
            Optional<String> label = NativeText.tag(metadata, "timecode").flatMap(StartTimecode::normalise);
            if (label.isPresent()) {
                return label;
            }
        }
        return Optional.empty();
    }

    /** "HH:MM:SS:FF" or "HH:MM:SS;FF" for a valid label, empty for anything else. */
    static Optional<String> normalise(String label) {
        Matcher m = LABEL.matcher(label.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int hours = Integer.parseInt(m.group(1));
        int minutes = Integer.parseInt(m.group(2));
        int seconds = Integer.parseInt(m.group(3));
        int frames = Integer.parseInt(m.group(5));
        if (minutes > 59 || seconds > 59) {
            return Optional.empty();
        }
        char separator = m.group(4).equals(":") ? ':' : ';';
        return Optional.of(String.format("%02d:%02d:%02d%c%02d", hours, minutes, seconds, separator, frames));
    }
}
