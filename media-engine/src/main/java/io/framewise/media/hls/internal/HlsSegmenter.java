package io.framewise.media.hls.internal;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import io.framewise.media.Cancellation;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * Cuts an encoded rendition (H.264 + AAC in MP4) into HLS fMP4 segments without re-encoding: FFmpeg's
 * hls muxer writes {@value #PLAYLIST}, {@value #INIT} and {@code seg00000.m4s}... into a folder. Every
 * packet is copied once, in order, so the segments hold exactly the rendition's frames; segments end
 * on keyframes, and with the rendition's fixed GOP every segment holds whole GOPs.
 */
public final class HlsSegmenter {

    public static final String PLAYLIST = "index.m3u8";
    public static final String INIT = "init.mp4";
    public static final String SEGMENT_PATTERN = "seg%05d.m4s";

    private HlsSegmenter() {}

    /**
     * Segments {@code rendition} into {@code folder} (which exists and is empty).
     *
     * @return the RFC 6381 codecs of the streams ("avc1.64001f,mp4a.40.2")
     */
    public static String split(Path rendition, Path folder, double segmentSeconds, Cancellation cancel) {
        Path playlist = folder.resolve(PLAYLIST);
        try (MediaInput input = MediaInput.open(rendition)) {
            AVFormatContext out = new AVFormatContext(null);
            Ffmpeg.checkWrite(
                    avformat_alloc_output_context2(out, null, "hls", playlist.toString()),
                    "avformat_alloc_output_context2(hls)",
                    playlist);
            AVPacket packet = av_packet_alloc();
            AVDictionary options = new AVDictionary(null);
            try {
                int n = input.streamCount();
                int[] map = new int[n];
                StringBuilder codecs = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    AVStream in = input.stream(i);
                    int type = in.codecpar().codec_type();
                    if (type != AVMEDIA_TYPE_VIDEO && type != AVMEDIA_TYPE_AUDIO) {
                        map[i] = -1;
                        continue;
                    }
                    AVStream s = avformat_new_stream(out, null);
                    Ffmpeg.checkWrite(
                            avcodec_parameters_copy(s.codecpar(), in.codecpar()), "avcodec_parameters_copy", playlist);
                    s.codecpar().codec_tag(0);
                    s.time_base(in.time_base());
                    map[i] = s.index();
                    codecs.append(codecs.length() == 0 ? "" : ",")
                            .append(type == AVMEDIA_TYPE_VIDEO ? avc1(in.codecpar()) : "mp4a.40.2");
                }
                av_dict_set(options, "hls_segment_type", "fmp4", 0);
                av_dict_set(options, "hls_time", String.format(Locale.ROOT, "%.3f", segmentSeconds), 0);
                av_dict_set(options, "hls_playlist_type", "vod", 0);
                av_dict_set(options, "hls_list_size", "0", 0);
                av_dict_set(options, "hls_fmp4_init_filename", INIT, 0);
                av_dict_set(
                        options,
                        "hls_segment_filename",
                        folder.resolve(SEGMENT_PATTERN).toString(),
                        0);
                av_dict_set(options, "hls_flags", "independent_segments", 0);
                Ffmpeg.checkWrite(avformat_write_header(out, options), "avformat_write_header(hls)", playlist);
                while (av_read_frame(input.context(), packet) >= 0) {
                    try {
                        cancel.check(playlist);
                        int target = map[packet.stream_index()];
                        if (target < 0) {
                            continue;
                        }
                        AVStream from = input.stream(packet.stream_index());
                        packet.stream_index(target);
                        av_packet_rescale_ts(
                                packet, from.time_base(), out.streams(target).time_base());
                        packet.pos(-1);
                        Ffmpeg.checkWrite(
                                av_interleaved_write_frame(out, packet), "av_interleaved_write_frame(hls)", playlist);
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                Ffmpeg.checkWrite(av_write_trailer(out), "av_write_trailer(hls)", playlist);
                return codecs.toString();
            } finally {
                av_dict_free(options);
                av_packet_free(packet);
                avformat_free_context(out);
            }
        }
    }

    /** "avc1.PPCCLL" from the avcC record when there is one, else from the profile and level. */
    private static String avc1(AVCodecParameters par) {
        int size = par.extradata_size();
        if (size >= 4 && par.extradata() != null) {
            byte[] avcc = new byte[4];
            par.extradata().get(avcc);
            if (avcc[0] == 1) {
                return String.format(Locale.ROOT, "avc1.%02x%02x%02x", avcc[1] & 0xff, avcc[2] & 0xff, avcc[3] & 0xff);
            }
        }
        return String.format(Locale.ROOT, "avc1.%02x00%02x", par.profile() & 0xff, par.level() & 0xff);
    }
}
