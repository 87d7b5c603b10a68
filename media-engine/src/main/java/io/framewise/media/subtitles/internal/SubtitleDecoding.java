package io.framewise.media.subtitles.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_TEXT_SUB;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_decode_subtitle2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.model.subtitles.AssReader;
import io.framewise.model.subtitles.Cue;
import io.framewise.model.subtitles.CueMarkup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The FFmpeg side of subtitle extraction: demux the stream's packets, decode each with {@code
 * avcodec_decode_subtitle2} (text decoders hand back ASS events) and turn them into cues.
 */
public final class SubtitleDecoding {

    /** A cue a decoder leaves open (no end time, no packet duration) stays this long. */
    private static final long OPEN_CUE_MICROS = 5_000_000;

    private SubtitleDecoding() {}

    public static List<Cue> cues(Path file, int streamIndex) {
        try (MediaInput input = MediaInput.open(file)) {
            if (streamIndex < 0 || streamIndex >= input.streamCount()) {
                throw new MediaException.Unsupported(file, "no stream " + streamIndex);
            }
            AVStream stream = input.stream(streamIndex);
            if (stream.codecpar().codec_type() != AVMEDIA_TYPE_SUBTITLE) {
                throw new MediaException.Unsupported(file, "stream " + streamIndex + " is not a subtitle stream");
            }
            AVCodecDescriptor descriptor =
                    avcodec_descriptor_get(stream.codecpar().codec_id());
            if (descriptor == null || descriptor.isNull() || (descriptor.props() & AV_CODEC_PROP_TEXT_SUB) == 0) {
                throw new MediaException.Unsupported(
                        file, "stream " + streamIndex + " holds bitmap subtitles, which have no text to extract");
            }
            long originMicros = origin(input);
            AVCodecContext decoder = Decoders.open(input, streamIndex, 1);
            AVPacket pkt = av_packet_alloc();
            List<Cue> cues = new ArrayList<>();
            try {
                while (true) {
                    int ret = av_read_frame(input.context(), pkt);
                    if (ret < 0) {
                        if (Ffmpeg.isEof(ret)) {
                            break;
                        }
                        throw Ffmpeg.readError(ret, "av_read_frame", file);
                    }
                    try {
                        if (pkt.stream_index() == streamIndex) {
                            decode(decoder, pkt, stream.time_base(), originMicros, cues);
                        }
                    } finally {
                        av_packet_unref(pkt);
                    }
                }
            } finally {
                av_packet_free(pkt);
                Decoders.free(decoder);
            }
            cues.sort(Comparator.comparingLong(Cue::startMicros));
            return List.copyOf(cues);
        }
    }

    private static void decode(
            AVCodecContext decoder, AVPacket pkt, AVRational timeBase, long originMicros, List<Cue> out) {
        if (pkt.pts() == AV_NOPTS_VALUE) {
            return;
        }
        AVSubtitle sub = new AVSubtitle();
        int[] got = new int[1];
        int ret = avcodec_decode_subtitle2(decoder, sub, got, pkt);
        if (ret < 0 || got[0] == 0) {
            return;
        }
        try {
            long packetMicros = micros(pkt.pts(), timeBase);
            long start = packetMicros + sub.start_display_time() * 1000L;
            long endDisplay = sub.end_display_time() & 0xFFFFFFFFL;
            long end;
            if (endDisplay > 0 && endDisplay != 0xFFFFFFFFL) {
                end = packetMicros + endDisplay * 1000L;
            } else if (pkt.duration() > 0) {
                end = packetMicros + micros(pkt.duration(), timeBase);
            } else {
                end = start + OPEN_CUE_MICROS;
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < sub.num_rects(); i++) {
                AVSubtitleRect rect = sub.rects(i);
                String line = rect.ass() != null && !rect.ass().isNull()
                        ? AssReader.decodedEventText(rect.ass().getString(java.nio.charset.StandardCharsets.UTF_8))
                        : rect.text() != null && !rect.text().isNull()
                                ? rect.text().getString(java.nio.charset.StandardCharsets.UTF_8)
                                : "";
                if (!line.isBlank()) {
                    text.append(text.length() > 0 ? "\n" : "").append(line);
                }
            }
            start -= originMicros;
            end -= originMicros;
            String safe = CueMarkup.sanitize(text.toString());
            // A cue that ends before the first frame is never seen; one that starts before it shows from it.
            if (end > 0 && !safe.isEmpty()) {
                out.add(new Cue(Math.max(0, start), end, safe));
            }
        } finally {
            avsubtitle_free(sub);
        }
    }

    /** Where the first video frame is, in microseconds on the container's clock; 0 without video. */
    private static long origin(MediaInput input) {
        int video = input.videoStreamIndex();
        if (video < 0) {
            return 0;
        }
        AVStream v = input.stream(video);
        return v.start_time() == AV_NOPTS_VALUE ? 0 : micros(v.start_time(), v.time_base());
    }

    private static long micros(long ticks, AVRational timeBase) {
        return avutil.av_rescale_q(ticks, timeBase, avutil.av_make_q(1, 1_000_000));
    }
}
