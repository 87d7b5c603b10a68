package io.framewise.media.framemap.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Decoders;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.framemap.FrameMapBuilder;
import io.framewise.model.time.FrameRate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Scans packets for {@link FrameMapBuilder}: builds the {@link FrameMap} of a file's primary video stream by reading its packets, without
 * decoding. Packets the demuxer marks as discarded (frames before an MP4 edit list's start) are not
 * frames of the media. When some packet carries no pts (raw streams, some transport streams) the map
 * is built from decoded frames' best-effort timestamps instead.
 */
public final class PacketScan {

    /**
     * Non-key packets at the start held back as undecodable: a live cut lacks at most a GOP or two; a
     * stream that flags no keyframe within this many packets does not flag them at all.
     */
    private static final int MAX_LEADING = 1024;

    private PacketScan() {}

    /**
     * The map of {@code file}'s primary video stream.
     *
     * @param maxFrames the most video packets (frames) accepted
     * @throws MediaException.Unsupported when the stream holds more than {@code maxFrames}
     */
    public static FrameMap build(Path file, long maxFrames) {
        try (MediaInput input = MediaInput.open(file)) {
            return build(input, maxFrames);
        }
    }

    /** Reads the whole input from its current position; the caller seeks back if it reuses the input. */
    public static FrameMap build(MediaInput input) {
        return build(input, FrameMapBuilder.DEFAULT_MAX_FRAMES);
    }

    /** As {@link #build(MediaInput)}, accepting at most {@code maxFrames} video packets. */
    public static FrameMap build(MediaInput input, long maxFrames) {
        return scan(input, maxFrames).map();
    }

    /**
     * A frame map and, when the container's timestamps could not be used as they are, a sentence on
     * how they were repaired (for probe output).
     */
    public record Scan(FrameMap map, Optional<String> repair) {}

    /** As {@link #build(MediaInput, long)}, also saying how timestamps were repaired. */
    public static Scan scan(MediaInput input, long maxFrames) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
        }
        int streamIndex = input.requireVideoStream();
        AVStream stream = input.stream(streamIndex);
        PacketList packets = readPackets(input, streamIndex, maxFrames);
        if (packets.size == 0) {
            throw new MediaException.Corrupt(input.file(), "the video stream holds no frames");
        }
        // Without reordering (no B-frames) a decoder outputs pictures in packet order: a pts earlier than
        // its predecessor's is a lie about the time, not about the order, so sorting by pts would
        // number the frames wrongly. Like missing times, the decoder's output order then decides.
        packets.wrapped = wrapped(stream, packets);
        boolean backwards = !packets.missingPts && stream.codecpar().video_delay() == 0 && packets.wentBackwards;
        boolean decoded = packets.missingPts || backwards;
        int leading = packets.beforeFirstKey;
        if (decoded) {
            packets = decodeTimestamps(input, streamIndex, maxFrames);
        }
        int[] repaired = new int[1];
        FrameMap map = assemble(input.file(), stream, streamIndex, packets, !decoded, decoded, repaired);
        List<String> notes = new ArrayList<>();
        if (packets.wrapped) {
            notes.add("presentation times wrap around at 2^" + stream.pts_wrap_bits()
                    + " ticks; times after the wrap were counted on from before it");
        }
        if (leading > 0) {
            notes.add(leading + " picture(s) before the first keyframe cannot be decoded and are not frames");
        }
        if (backwards) {
            notes.add("presentation times go backwards; frames follow the decoder's output order");
        } else if (decoded) {
            notes.add("packets carry no presentation time; frame times were taken from the decoder");
        }
        if (packets.guessed > 0) {
            notes.add(packets.guessed + " decoded frame(s) had no time and were placed after the previous one");
        }
        if (repaired[0] > 0) {
            notes.add(repaired[0] + " frame(s) whose time repeated or went backwards were placed one tick after"
                    + " the previous frame");
        }
        return new Scan(map, notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)));
    }

    private static PacketList readPackets(MediaInput input, int streamIndex, long maxFrames) {
        PacketList list = new PacketList(input.file(), maxFrames);
        AVPacket pkt = av_packet_alloc();
        boolean keySeen = false;
        try {
            while (true) {
                int ret = av_read_frame(input.context(), pkt);
                input.checkChannel(ret, "av_read_frame");
                if (ret < 0) {
                    if (Ffmpeg.isEof(ret) || list.size > 0) {
                        // A truncated tail still leaves the frames before it usable.
                        break;
                    }
                    throw Ffmpeg.readError(ret, "av_read_frame", input.file());
                }
                try {
                    if (pkt.stream_index() != streamIndex) {
                        continue;
                    }
                    boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                    // A keyframe an MP4 edit list hides still lets the frames after it decode.
                    keySeen |= key;
                    if ((pkt.flags() & AV_PKT_FLAG_DISCARD) != 0) {
                        continue;
                    }
                    long pts = pkt.pts();
                    if (!keySeen) {
                        if (list.beforeFirstKey < MAX_LEADING) {
                            // A cut from a live stream may start mid-GOP: pictures before the first
                            // keyframe reference pictures the file does not hold, and decoders output
                            // nothing for them. They count again if no keyframe comes soon.
                            list.beforeFirstKey++;
                            list.leadingPts.add(pts);
                            list.leadingDuration.add(pkt.duration());
                            continue;
                        }
                        list.takeLeading();
                        keySeen = true;
                    }
                    if (!MediaInput.hasTimestamp(pts)) {
                        list.missingPts = true;
                    } else if (list.size > 0 && pts < list.lastPts) {
                        list.wentBackwards = true;
                    }
                    if (MediaInput.hasTimestamp(pts)) {
                        list.lastPts = pts;
                    }
                    list.add(pts, key, pkt.duration());
                } finally {
                    av_packet_unref(pkt);
                }
            }
        } finally {
            av_packet_free(pkt);
        }
        if (list.size == 0) {
            // No keyframe flag at all (some containers do not set it): every packet counts.
            list.takeLeading();
        }
        return list;
    }

    private static PacketList decodeTimestamps(MediaInput input, int streamIndex, long maxFrames) {
        // Read again from a fresh open, as the frame reader does when it starts over: some demuxers
        // cannot seek back to the start (AVI with B-frames answers EPERM), and raw streams time their
        // packets differently after a seek than from the start, so only a fresh open gives the times
        // a later decode from the start sees again.
        try (MediaInput fresh = MediaInput.open(input.source())) {
            return decodeTimestampsFrom(fresh, streamIndex, maxFrames);
        }
    }

    private static PacketList decodeTimestampsFrom(MediaInput input, int streamIndex, long maxFrames) {
        PacketList list = new PacketList(input.file(), maxFrames);
        AVCodecContext dec = Decoders.open(input, streamIndex, 0);
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            boolean draining = false;
            while (true) {
                if (!draining) {
                    int ret = av_read_frame(input.context(), pkt);
                    input.checkChannel(ret, "av_read_frame");
                    if (ret < 0) {
                        draining = true;
                        avcodec_send_packet(dec, null);
                    } else {
                        if (pkt.stream_index() == streamIndex) {
                            avcodec_send_packet(dec, pkt);
                        }
                        av_packet_unref(pkt);
                    }
                }
                while (true) {
                    int ret = avcodec_receive_frame(dec, frame);
                    if (ret < 0) {
                        if (Ffmpeg.isEof(ret)) {
                            return list;
                        }
                        break;
                    }
                    long ts = frame.best_effort_timestamp();
                    if (!MediaInput.hasTimestamp(ts)) {
                        // Still a picture the decoder outputs: it follows the one before it.
                        ts = list.size == 0 ? 0 : list.pts[list.size - 1] + Math.max(1, frame.duration());
                        list.guessed++;
                    }
                    list.add(ts, (frame.flags() & Ffmpeg.FRAME_FLAG_KEY) != 0, frame.duration());
                    av_frame_unref(frame);
                }
            }
        } finally {
            av_frame_free(frame);
            av_packet_free(pkt);
            Decoders.free(dec);
        }
    }

    /**
     * The map from packets ({@code sort}: read in decode order, shown in pts order) or from decoded
     * pictures (already in output order, which is the frame order whatever their times say).
     */
    private static FrameMap assemble(
            Path file,
            AVStream stream,
            int streamIndex,
            PacketList packets,
            boolean sort,
            boolean decoded,
            int[] repaired) {
        int n = packets.size;
        int[] order = sort ? PtsOrder.sort(packets.pts, n) : identity(n);
        long[] pts = new long[n];
        BitSet keys = new BitSet(n);
        int kept = 0;
        long lastDuration = 0;
        for (int i = 0; i < n; i++) {
            int p = order[i];
            long value = packets.pts[p];
            if (!MediaInput.hasTimestamp(value)) {
                continue;
            }
            if (kept > 0 && value <= pts[kept - 1]) {
                // A decoder outputs a picture for every packet, whatever its timestamp says: a
                // colliding pts becomes one tick after the previous frame so each picture keeps its
                // own entry and times stay strictly increasing.
                value = pts[kept - 1] + 1;
                repaired[0]++;
            }
            pts[kept] = value;
            if (packets.key[p]) {
                keys.set(kept);
            }
            lastDuration = packets.duration[p];
            kept++;
        }
        if (kept == 0) {
            throw new MediaException.Corrupt(file, "no video frame carries a timestamp");
        }
        pts = Arrays.copyOf(pts, kept);
        AVRational tb = stream.time_base();
        // Decoded times are the ones players use; a raw stream's declared rate may be a field rate.
        FrameRate measured = decoded ? standardOrSelf(medianRate(pts, tb)) : null;
        FrameRate rate = measured != null ? measured : nominalRate(stream, pts, tb);
        if (lastDuration <= 0) {
            lastDuration = kept > 1
                    ? pts[kept - 1] - pts[kept - 2]
                    : Math.max(
                            1,
                            Math.round(
                                    (double) tb.den() * rate.denominator() / ((double) tb.num() * rate.numerator())));
        }
        return new FrameMap(streamIndex, tb.num(), tb.den(), rate, pts, keys, pts[kept - 1] + lastDuration);
    }

    /**
     * The rate timecode counts in. Constant-rate streams declare it. For variable-rate streams (phones,
     * screen captures) the declared "real" rate may be a fine tick (90000) and the average an odd
     * fraction, so a standard rate is preferred: the real rate when it is one, else the standard rate
     * within 2% of the average, else the average itself.
     */
    static FrameRate nominalRate(AVStream stream, long[] pts, AVRational tb) {
        FrameRate real = rate(stream.r_frame_rate());
        FrameRate avg = rate(stream.avg_frame_rate());
        if (real != null && avg != null && Math.abs(avg.fps() - real.fps()) / real.fps() < 0.01) {
            return real;
        }
        if (real != null && FrameRate.STANDARD.contains(real)) {
            return real;
        }
        FrameRate measured = avg != null ? avg : medianRate(pts, tb);
        if (measured == null) {
            return real != null ? real : FrameRate.FPS_25;
        }
        for (FrameRate standard : FrameRate.STANDARD) {
            if (Math.abs(standard.fps() - measured.fps()) / standard.fps() < 0.02) {
                return standard;
            }
        }
        return measured;
    }

    /**
     * Whether the demuxer unwrapped the stream's times (MPEG-TS counts 33 bits of 90 kHz, about 26.5
     * hours, then starts again at zero): it then hands out times outside the range the bits can hold.
     */
    private static boolean wrapped(AVStream stream, PacketList packets) {
        int bits = stream.pts_wrap_bits();
        if (bits <= 0 || bits >= 63) {
            return false;
        }
        long range = 1L << bits;
        for (int i = 0; i < packets.size; i++) {
            long p = packets.pts[i];
            if (MediaInput.hasTimestamp(p) && (p < 0 || p >= range)) {
                return true;
            }
        }
        return false;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static FrameRate standardOrSelf(FrameRate measured) {
        if (measured == null) {
            return null;
        }
        for (FrameRate standard : FrameRate.STANDARD) {
            if (Math.abs(standard.fps() - measured.fps()) / standard.fps() < 0.02) {
                return standard;
            }
        }
        return measured;
    }

    private static FrameRate rate(AVRational r) {
        if (r.num() <= 0 || r.den() <= 0 || r.num() / (double) r.den() > 1000) {
            return null;
        }
        return FrameRate.of(r.num(), r.den());
    }

    private static FrameRate medianRate(long[] pts, AVRational tb) {
        if (pts.length < 2) {
            return null;
        }
        long[] deltas = new long[pts.length - 1];
        for (int i = 1; i < pts.length; i++) {
            deltas[i - 1] = pts[i] - pts[i - 1];
        }
        Arrays.sort(deltas);
        long median = deltas[deltas.length / 2];
        long num = (long) tb.den();
        long den = (long) tb.num() * median;
        if (num > Integer.MAX_VALUE || den > Integer.MAX_VALUE || den <= 0) {
            return null;
        }
        return FrameRate.of((int) num, (int) den);
    }

    /** Packet facts in read order, growing with what the file really holds, up to a cap. */
    private static final class PacketList {
        private final Path file;
        private final long max;
        long[] pts = new long[1024];
        long[] duration = new long[1024];
        boolean[] key = new boolean[1024];
        int size;
        boolean missingPts;
        boolean wentBackwards;
        boolean wrapped;
        long lastPts;
        int guessed;
        /** Packets read before the first keyframe, kept only in case no keyframe follows. */
        int beforeFirstKey;

        final List<Long> leadingPts = new ArrayList<>();
        final List<Long> leadingDuration = new ArrayList<>();

        PacketList(Path file, long max) {
            this.file = file;
            this.max = max;
        }

        /** Counts the packets held back before the first keyframe as frames after all. */
        void takeLeading() {
            for (int i = 0; i < leadingPts.size(); i++) {
                long p = leadingPts.get(i);
                missingPts |= !MediaInput.hasTimestamp(p);
                add(p, i == 0, leadingDuration.get(i));
                if (MediaInput.hasTimestamp(p)) {
                    lastPts = p;
                }
            }
            beforeFirstKey = 0;
            leadingPts.clear();
            leadingDuration.clear();
        }

        void add(long p, boolean k, long d) {
            if (size == max) {
                throw new MediaException.Unsupported(
                        file,
                        "the video holds more than " + max + " frames, the most this server indexes"
                                + " (a longer video, or a damaged file of tiny packets)");
            }
            if (size == pts.length) {
                // Arrays are int-indexed: a cap past that is reached as an array limit first.
                int grown = (int) Math.min(Math.min(max, (long) size * 2), Integer.MAX_VALUE - 8);
                pts = Arrays.copyOf(pts, grown);
                duration = Arrays.copyOf(duration, grown);
                key = Arrays.copyOf(key, grown);
            }
            pts[size] = p;
            key[size] = k;
            duration[size] = d;
            size++;
        }
    }
}
