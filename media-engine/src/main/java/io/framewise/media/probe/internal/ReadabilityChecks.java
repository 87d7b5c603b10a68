package io.framewise.media.probe.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Rejects what FFmpeg opens but is not media. Several demuxers accept a file by its extension alone
 * (image2 for ".jpg", tty for ".ans", bin for ".bin", webvtt for ".vtt"), so a damaged or foreign file
 * with such a name opens without error; these checks catch it before it becomes a media item.
 */
final class ReadabilityChecks {

    /** Codecs that draw text files (ANSI art, BinText) as pictures: FFmpeg reads any bytes with them. */
    private static final Set<String> TEXT_ART_CODECS = Set.of("ansi", "bintext", "xbin", "idf", "tty");

    private ReadabilityChecks() {}

    /** The primary video stream has a decoder and a picture size, and is not text drawn as pictures. */
    static void requireReadableVideo(MediaInput input, int index, String formatName) {
        AVCodecParameters par = input.stream(index).codecpar();
        String codec = NativeText.orElse(avcodec_get_name(par.codec_id()), "unknown");
        if (TEXT_ART_CODECS.contains(codec)) {
            throw new MediaException.Unsupported(
                    input.file(), "a text file, not media (FFmpeg would draw it as " + codec + " text art)");
        }
        if (avcodec_find_decoder(par.codec_id()) == null) {
            throw new MediaException.Unsupported(
                    input.file(), "no decoder for video codec " + codec, "avcodec_find_decoder", 0, null);
        }
        if (par.width() <= 0 || par.height() <= 0 || par.format() < 0) {
            throw new MediaException.Corrupt(
                    input.file(),
                    "the " + codec + " pictures cannot be read (demuxer " + formatName + " found no picture size)",
                    "avformat_find_stream_info",
                    0,
                    null);
        }
    }

    /**
     * A subtitle-only file holds at least one cue: subtitle demuxers open any text with the right name,
     * and a file without a single cue is not a subtitle file.
     */
    static void requireSubtitleCue(MediaInput input) {
        AVPacket pkt = av_packet_alloc();
        try {
            while (true) {
                int ret = av_read_frame(input.context(), pkt);
                if (ret < 0) {
                    throw new MediaException.Corrupt(
                            input.file(),
                            "no subtitle cue could be read",
                            "av_read_frame",
                            ret,
                            Ffmpeg.errorString(ret));
                }
                try {
                    int stream = pkt.stream_index();
                    if (stream >= 0
                            && stream < input.streamCount()
                            && input.stream(stream).codecpar().codec_type() == AVMEDIA_TYPE_SUBTITLE) {
                        return;
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
        } finally {
            av_packet_free(pkt);
        }
    }
}
