package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import io.framewise.media.ffmpeg.internal.MediaInput;
import java.io.Closeable;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Reads a file's packets from a given video keyframe on. Video packets before that keyframe (in
 * decode order) are skipped, so decoding or copying starts on it. Demuxers that seek inexactly (MPEG-TS
 * seeks by bytes) may land past the keyframe; then the file is read again from its start, which is
 * slower but never wrong. Packets of other streams pass through; after such a restart they repeat,
 * so consumers skip what they have already seen.
 */
public final class SourceReader implements Closeable {

    private static final long NONE = Long.MIN_VALUE;

    private final Path file;
    private final int videoStream;
    private MediaInput input;
    private long keyPts = NONE;
    private boolean restarted;
    private boolean anyPacket;

    public SourceReader(Path file, int videoStream) {
        this.file = file;
        this.videoStream = videoStream;
        this.input = MediaInput.open(file);
    }

    public MediaInput input() {
        return input;
    }

    /**
     * Positions reading on the video keyframe with pts {@code pts}: the next video packet read is that
     * keyframe.
     */
    public void startAtKeyframe(long pts) {
        keyPts = pts;
        int ret = av_seek_frame(input.context(), videoStream, pts, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            restartFromBeginning();
        }
    }

    /** Whether reading had to start over from the beginning of the file. */
    public boolean restarted() {
        return restarted;
    }

    /**
     * The next packet into {@code packet}, or false at the end of the file. A read error after some
     * packets counts as the end (a damaged tail leaves what came before usable). Packets an MP4 edit
     * list hides are returned: decoders need them as references.
     */
    public boolean read(AVPacket packet) {
        while (true) {
            int ret = av_read_frame(input.context(), packet);
            input.checkChannel(ret, "av_read_frame");
            if (ret < 0) {
                if (Ffmpeg.isEof(ret) || anyPacket) {
                    if (keyPts != NONE) {
                        throw new MediaException.Corrupt(
                                file, "the keyframe at pts " + keyPts + " was not found", "av_read_frame", ret, null);
                    }
                    return false;
                }
                throw Ffmpeg.readError(ret, "av_read_frame", file);
            }
            anyPacket = true;
            if (keyPts == NONE || packet.stream_index() != videoStream) {
                return true;
            }
            long pts = packet.pts();
            if (pts == keyPts
                    && (packet.flags() & AV_PKT_FLAG_KEY) != 0
                    && (packet.flags() & AV_PKT_FLAG_DISCARD) == 0) {
                keyPts = NONE;
                return true;
            }
            av_packet_unref(packet);
            if (!MediaInput.hasTimestamp(pts)) {
                // Packets without timestamps cannot be matched to the keyframe: read everything from the
                // start; decoders then find the frames by their decoded timestamps.
                restartFromBeginning();
                keyPts = NONE;
                continue;
            }
            if (pts > keyPts) {
                // Landed past the keyframe: what follows would decode without its references.
                if (restarted) {
                    throw new MediaException.Corrupt(
                            file,
                            "the keyframe at pts " + keyPts + " is not where the index says",
                            "av_read_frame",
                            0,
                            null);
                }
                restartFromBeginning();
            }
        }
    }

    private void restartFromBeginning() {
        input.close();
        input = MediaInput.open(file);
        restarted = true;
    }

    @Override
    public void close() {
        input.close();
    }
}
