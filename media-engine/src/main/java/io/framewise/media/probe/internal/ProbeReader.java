package io.framewise.media.probe.internal;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.ffmpeg.internal.SequenceManifest;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.internal.PacketScan;
import io.framewise.model.media.AudioStreamInfo;
import io.framewise.model.media.MediaInfo;
import io.framewise.model.media.SubtitleStreamInfo;
import io.framewise.model.media.VideoStreamInfo;
import io.framewise.model.time.Timecode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Reads a media file's facts for {@link io.framewise.media.probe.MediaProbe}: probes it in-process: container, streams, exact frame count, start timecode. The frame
 * count, frame rate, VFR flag and, for video, the duration come from the file's {@link FrameMap} (a
 * packet scan, no decoding), so they agree with every other frame-indexed feature; a container's own
 * frame count is not trusted. Audio-only media take the container's duration; stills have none.
 */
public final class ProbeReader {

    private static final int LAYOUT_NAME_BYTES = 128;

    private ProbeReader() {}

    /** The facts of {@code file}, counting at most {@code maxFrames} video frames. */
    public static MediaInfo probe(Path file, long maxFrames) {
        try (MediaInput input = MediaInput.open(file)) {
            return probe(input, maxFrames);
        }
    }

    /** The facts of a source (a file, or a channel on its bytes). */
    public static MediaInfo probe(io.framewise.media.MediaSource source, long maxFrames) {
        try (MediaInput input = MediaInput.open(source)) {
            return probe(input, maxFrames);
        }
    }

    private static MediaInfo probe(MediaInput input, long maxFrames) {
        Path file = input.file();
        AVFormatContext ctx = input.context();
        String formatName = NativeText.orElse(ctx.iformat().name(), "unknown");
        List<AudioStreamInfo> audio = new ArrayList<>();
        List<SubtitleStreamInfo> subtitles = new ArrayList<>();
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream stream = ctx.streams(i);
            int type = stream.codecpar().codec_type();
            if (type == AVMEDIA_TYPE_AUDIO) {
                audioStream(i, stream).ifPresent(audio::add);
            } else if (type == AVMEDIA_TYPE_SUBTITLE) {
                subtitles.add(subtitleStream(i, stream));
            }
        }
        int videoIndex = input.videoStreamIndex();
        if (videoIndex < 0 && audio.isEmpty() && subtitles.isEmpty()) {
            throw noUsableStream(file, ctx, formatName);
        }
        if (videoIndex >= 0) {
            ReadabilityChecks.requireReadableVideo(input, videoIndex, formatName);
        } else if (audio.isEmpty()) {
            ReadabilityChecks.requireSubtitleCue(input);
        }
        Optional<String> videoCodec = Optional.empty();
        Optional<VideoStreamInfo> video = Optional.empty();
        double durationSeconds = containerDuration(ctx);
        if (videoIndex >= 0) {
            PacketScan.Scan scan = PacketScan.scan(input, maxFrames);
            FrameMap map = scan.map();
            VideoStreamInfo info = VideoStreamProbe.describe(
                    input, videoIndex, map, scan.repair(), ContainerNames.isImageDemuxer(formatName));
            video = Optional.of(info);
            videoCodec = Optional.of(info.codec());
            // The frames are the timeline: a container's figure may count from timestamp 0 (Matroska
            // with a start offset says 14 s for a 4 s clip) or include audio past the last frame.
            durationSeconds = info.stillImage() ? 0 : map.durationSeconds();
        }
        Optional<SequenceManifest> sequence = input.sequence();
        // A sequence's frame 0 is file number first: its timecode counts from there (1001 at 24 fps
        // is 00:00:41:17), so frame numbers and timecodes agree with what the shot's files say.
        Optional<String> startTimecode = sequence.isPresent()
                ? Optional.of(Timecode.fromFrameCount(
                                sequence.get().first(), sequence.get().rate(), false)
                        .toString())
                : StartTimecode.find(ctx, videoIndex);
        return new MediaInfo(
                ContainerNames.friendlyName(file, formatName, ctx.metadata(), videoCodec),
                formatName,
                durationSeconds,
                sequence.isPresent()
                        ? sequenceBitRate(file, sequence.get(), durationSeconds)
                        : overallBitRate(file, ctx, durationSeconds),
                video,
                audio,
                subtitles,
                startTimecode,
                sequence.map(SequenceManifest::info));
    }

    /**
     * A file whose audio streams have no sample rate or channels is damaged (the demuxer recognised the
     * format, the stream information could not be read); one with only data or attachments is not media.
     */
    private static MediaException noUsableStream(Path file, AVFormatContext ctx, String formatName) {
        for (int i = 0; i < ctx.nb_streams(); i++) {
            if (ctx.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                return new MediaException.Corrupt(
                        file,
                        "the audio stream's sample rate and channels cannot be read (demuxer " + formatName + ")",
                        "avformat_find_stream_info",
                        0,
                        null);
            }
        }
        return new MediaException.Unsupported(file, "no video, audio or subtitle stream (demuxer " + formatName + ")");
    }

    private static double containerDuration(AVFormatContext ctx) {
        long duration = ctx.duration();
        return MediaInput.hasTimestamp(duration) && duration > 0 ? duration / (double) AV_TIME_BASE : 0;
    }

    /** The demuxer's figure, or the file size over the duration when the container does not say. */
    private static long overallBitRate(Path file, AVFormatContext ctx, double durationSeconds) {
        if (ctx.bit_rate() > 0) {
            return ctx.bit_rate();
        }
        if (durationSeconds <= 0) {
            return 0;
        }
        try {
            return Math.round(Files.size(file) * 8 / durationSeconds);
        } catch (IOException e) {
            return 0;
        }
    }

    /** All the sequence's image bytes over its duration (the manifest itself is a few bytes). */
    private static long sequenceBitRate(Path manifest, SequenceManifest sequence, double durationSeconds) {
        if (durationSeconds <= 0) {
            return 0;
        }
        long bytes = 0;
        for (long n = sequence.first(); n <= sequence.last(); n++) {
            try {
                bytes += Files.size(manifest.resolveSibling(sequence.fileName(n)));
            } catch (IOException e) {
                // A file gone since ingest: the frame map shows the shorter count; the rate is an estimate.
            }
        }
        return Math.round(bytes * 8 / durationSeconds);
    }

    /**
     * An audio stream, or empty when the demuxer found no sample rate or channels for it: such a stream
     * cannot be played, and a file of nothing else is not media.
     */
    private static Optional<AudioStreamInfo> audioStream(int index, AVStream stream) {
        AVCodecParameters par = stream.codecpar();
        int channels = par.ch_layout().nb_channels();
        if (par.sample_rate() <= 0 || channels <= 0) {
            return Optional.empty();
        }
        return Optional.of(new AudioStreamInfo(
                index,
                NativeText.orElse(avcodec_get_name(par.codec_id()), "unknown"),
                NativeText.of(avcodec_profile_name(par.codec_id(), par.profile())),
                channels,
                layoutName(par, channels),
                par.sample_rate(),
                VideoStreamProbe.bitRate(stream),
                NativeText.language(stream.metadata())));
    }

    /** FFmpeg's layout name ("stereo", "5.1(side)"), or "N channels" when it has none. */
    private static String layoutName(AVCodecParameters par, int channels) {
        byte[] buf = new byte[LAYOUT_NAME_BYTES];
        int written = av_channel_layout_describe(par.ch_layout(), buf, buf.length);
        if (written <= 0) {
            return channels + " channels";
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        String name = new String(buf, 0, len, StandardCharsets.UTF_8).trim();
        return name.isEmpty() ? channels + " channels" : name;
    }

    private static SubtitleStreamInfo subtitleStream(int index, AVStream stream) {
        AVCodecParameters par = stream.codecpar();
        org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor descriptor =
                org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get(par.codec_id());
        // Bitmap subtitles (PGS, DVB, DVD) have no text to extract; an unknown codec is not text either.
        boolean text = descriptor != null
                && !descriptor.isNull()
                && (descriptor.props() & org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_TEXT_SUB) != 0;
        return new SubtitleStreamInfo(
                index,
                NativeText.orElse(avcodec_get_name(par.codec_id()), "unknown"),
                NativeText.language(stream.metadata()),
                title(stream),
                (stream.disposition() & org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT) != 0,
                text);
    }

    /**
     * A track's title: Matroska and most containers tag it "title"; MP4 files carry it as the handler
     * name, which muxers otherwise fill with a generic "SubtitleHandler" or "Core Media Text".
     */
    private static Optional<String> title(AVStream stream) {
        Optional<String> title = NativeText.tag(stream.metadata(), "title");
        if (title.isPresent()) {
            return title;
        }
        return NativeText.tag(stream.metadata(), "handler_name").filter(name -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            return !lower.contains("handler") && !lower.startsWith("core media") && !lower.startsWith("apple");
        });
    }

    /** The start timecode of an opened input (the label of frame 0), when the file carries one. */
    public static java.util.Optional<String> startTimecode(io.framewise.media.ffmpeg.internal.MediaInput input) {
        return StartTimecode.find(input.context(), input.videoStreamIndex());
    }
}
