package io.framewise.media.clip.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.framewise.media.Cancellation;
import io.framewise.media.MediaException;
import io.framewise.media.Progress;
import io.framewise.media.clip.ClipMode;
import io.framewise.media.clip.ClipResult;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.transcode.ProgressMeter;
import io.framewise.media.transcode.internal.AudioTranscoder;
import io.framewise.media.transcode.internal.OutputFile;
import io.framewise.media.transcode.internal.SourceReader;
import io.framewise.media.transcode.internal.Timecodes;
import io.framewise.model.time.FrameRange;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * {@link ClipMode#COPY}: the video packets of whole GOPs and the audio packets of the same time span,
 * copied unchanged. Audio the output container cannot hold is encoded to AAC instead.
 */
final class StreamCopier {

    private final Path source;
    private final FrameMap map;
    private final Path output;
    private final int audioBitrate;
    private final Cancellation cancel;
    private final Progress.Listener listener;

    StreamCopier(
            Path source, FrameMap map, Path output, int audioBitrate, Progress.Listener listener, Cancellation cancel) {
        this.source = source;
        this.map = map;
        this.output = output;
        this.audioBitrate = audioBitrate;
        this.listener = listener;
        this.cancel = cancel;
    }

    ClipResult copy(FrameRange requested) {
        FrameRange actual = ClipPlan.copyRange(map, requested);
        if (actual == null) {
            throw new MediaException.Unsupported(
                    source, "no keyframe to start a stream copy of frames " + requested + "; use SMART or REENCODE");
        }
        int videoIndex = map.streamIndex();
        try (SourceReader reader = new SourceReader(source, videoIndex);
                OutputFile out = OutputFile.create(output, null)) {
            MediaInput input = reader.input();
            AVStream videoIn = input.stream(videoIndex);
            AVStream videoOut = copyStream(videoIn, out, "video");
            int audioIndex = Cuts.firstAudioStream(input);
            AVRational videoTb = copy(videoIn.time_base());
            long videoStart = map.pts(actual.in());
            long videoEnd = actual.out() < map.frameCount() ? map.pts(actual.out()) : Long.MAX_VALUE;
            AudioPart audio = null;
            if (audioIndex >= 0) {
                AVStream audioIn = input.stream(audioIndex);
                AVRational audioTb = copy(audioIn.time_base());
                long audioStart = av_rescale_q(videoStart, videoTb, audioTb);
                long end = actual.out() < map.frameCount() ? videoEnd : map.endPts();
                long audioEnd = av_rescale_q(end, videoTb, audioTb);
                audio = out.accepts(audioIn.codecpar().codec_id())
                        ? new AudioPart(
                                audioIndex, copyStream(audioIn, out, "audio"), null, audioTb, audioStart, audioEnd)
                        : new AudioPart(
                                audioIndex,
                                null,
                                AudioTranscoder.open(input, audioIndex, out, audioStart, audioEnd, audioBitrate),
                                audioTb,
                                audioStart,
                                audioEnd);
            }
            try {
                Timecodes.carry(input, map, actual.in(), out);
                out.writeHeader(Map.of());
                reader.startAtKeyframe(videoStart);
                Copied copied = pump(reader, out, videoIndex, videoTb, videoOut, videoStart, videoEnd, audio, actual);
                if (audio != null && audio.encoder != null) {
                    audio.encoder.finish();
                }
                out.finish();
                copied.meter.finished();
                FrameRange delivered = copied.range(actual);
                return new ClipResult(
                        output,
                        ClipMode.COPY,
                        ClipMode.COPY,
                        requested,
                        delivered,
                        copied.frames,
                        !delivered.equals(requested),
                        0,
                        copied.frames,
                        audio != null,
                        Optional.empty());
            } finally {
                if (audio != null && audio.encoder != null) {
                    audio.encoder.close();
                }
            }
        }
    }

    /** One audio stream: copied to {@code out}, or encoded by {@code encoder}. */
    private record AudioPart(
            int index, AVStream out, AudioTranscoder encoder, AVRational timeBase, long start, long end) {}

    private static final class Copied {
        final ProgressMeter meter;
        long frames;
        long first = Long.MAX_VALUE;
        long last = -1;

        Copied(ProgressMeter meter) {
            this.meter = meter;
        }

        FrameRange range(FrameRange planned) {
            if (frames == planned.length() || last < first) {
                return planned;
            }
            return FrameRange.of(first, last + 1);
        }
    }

    private Copied pump(
            SourceReader reader,
            OutputFile out,
            int videoIndex,
            AVRational videoTb,
            AVStream videoOut,
            long videoStart,
            long videoEnd,
            AudioPart audio,
            FrameRange actual) {
        Copied copied = new Copied(new ProgressMeter(actual.length(), listener));
        AVPacket pkt = av_packet_alloc();
        boolean videoDone = false;
        boolean audioDone = audio == null;
        long lastAudioPts = Long.MIN_VALUE;
        try {
            while (!(videoDone && audioDone) && reader.read(pkt)) {
                try {
                    int index = pkt.stream_index();
                    if (index == videoIndex && !videoDone) {
                        cancel.check(output);
                        long pts = pkt.pts();
                        boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                        if (key && pts >= videoEnd) {
                            videoDone = true;
                        } else if ((pkt.flags() & AV_PKT_FLAG_DISCARD) == 0 && pts >= videoStart && pts < videoEnd) {
                            // Leading pictures of an open GOP (shown before its keyframe) are left out.
                            long frame = map.indexOfPts(pts);
                            copied.first = Math.min(copied.first, frame);
                            copied.last = Math.max(copied.last, frame);
                            shift(pkt, videoStart);
                            pkt.stream_index(videoOut.index());
                            av_packet_rescale_ts(pkt, videoTb, videoOut.time_base());
                            out.write(pkt);
                            copied.frames++;
                            copied.meter.frameDone();
                        }
                    } else if (audio != null && index == audio.index() && !audioDone) {
                        if (audio.encoder() != null) {
                            audio.encoder().send(pkt);
                            audioDone = audio.encoder().pastEnd();
                        } else {
                            long pts = pkt.pts();
                            if (pts >= audio.end()) {
                                audioDone = true;
                            } else if (MediaInput.hasTimestamp(pts) && pts >= audio.start() && pts > lastAudioPts) {
                                lastAudioPts = pts;
                                shift(pkt, audio.start());
                                pkt.stream_index(audio.out().index());
                                av_packet_rescale_ts(
                                        pkt, audio.timeBase(), audio.out().time_base());
                                out.write(pkt);
                            }
                        }
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
        } finally {
            av_packet_free(pkt);
        }
        if (copied.frames == 0) {
            throw new MediaException.Corrupt(source, "no video packet of frames " + actual + " was found");
        }
        return copied;
    }

    private static void shift(AVPacket pkt, long start) {
        pkt.pts(pkt.pts() - start);
        if (MediaInput.hasTimestamp(pkt.dts())) {
            pkt.dts(pkt.dts() - start);
        }
        pkt.pos(-1);
    }

    private AVStream copyStream(AVStream in, OutputFile out, String kind) {
        int codecId = in.codecpar().codec_id();
        if (!out.accepts(codecId)) {
            throw new MediaException.Unsupported(
                    output,
                    kind + " codec " + avcodec_get_name(codecId).getString() + " cannot be stream-copied into "
                            + out.formatName() + "; choose another container (.mov, .mkv) or REENCODE");
        }
        AVStream stream = out.addStream();
        Ffmpeg.checkWrite(avcodec_parameters_copy(stream.codecpar(), in.codecpar()), "avcodec_parameters_copy", output);
        // The source container's codec tag may mean nothing in the target container.
        stream.codecpar().codec_tag(0);
        stream.time_base(copy(in.time_base()));
        // The MOV muxer needs the rate to write a timecode track.
        stream.avg_frame_rate(copy(in.avg_frame_rate()));
        return stream;
    }

    static AVRational copy(AVRational r) {
        return new AVRational().num(r.num()).den(r.den());
    }
}
