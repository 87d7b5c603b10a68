package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.Ffmpeg;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * A media file being written: the muxer writes a hidden temporary file in the target's folder, and
 * {@link #finish()} moves it into place in one step. Closing without finishing removes the temporary
 * file, so a failed or cancelled job never leaves a half-written file under the target name.
 */
public final class OutputFile implements Closeable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final String formatName;
    private AVFormatContext context;
    private boolean ioOpen;
    private boolean headerWritten;
    private boolean finished;

    private OutputFile(Path target, Path temp, String formatName, AVFormatContext context) {
        this.target = target;
        this.temp = temp;
        this.formatName = formatName;
        this.context = context;
    }

    /**
     * Starts writing {@code target}. {@code formatName} names the muxer ("mp4"); when null, the
     * container follows the file extension (.mp4, .mov, .mkv, .ts, ...).
     */
    public static OutputFile create(Path target, String formatName) {
        Ffmpeg.init();
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MediaException.WriteFailed(target, "the output folder does not exist");
        }
        String fileName = absolute.getFileName().toString();
        AVOutputFormat format = formatName != null
                ? av_guess_format(formatName, null, null)
                : av_guess_format(null, fileName.toLowerCase(Locale.ROOT), null);
        if (format == null || format.isNull()) {
            throw new MediaException.Unsupported(
                    target, "no container for this file name; use .mp4, .mov, .mkv or .ts", "av_guess_format", 0, null);
        }
        Path temp = dir.resolve("." + fileName + "." + Long.toHexString(RANDOM.nextLong() >>> 1) + ".part");
        AVFormatContext ctx = new AVFormatContext(null);
        Ffmpeg.checkWrite(
                avformat_alloc_output_context2(ctx, format, (String) null, temp.toString()),
                "avformat_alloc_output_context2",
                target);
        OutputFile out = new OutputFile(absolute, temp, format.name().getString(), ctx);
        try {
            AVIOContext pb = new AVIOContext(null);
            Ffmpeg.checkWrite(avio_open(pb, temp.toString(), AVIO_FLAG_WRITE), "avio_open", target);
            ctx.pb(pb);
            out.ioOpen = true;
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    public Path target() {
        return target;
    }

    /** The muxer's short name ("mp4", "mov", "matroska", "mpegts"). */
    public String formatName() {
        return formatName;
    }

    public AVFormatContext context() {
        if (context == null) {
            throw new IllegalStateException("output is closed: " + target);
        }
        return context;
    }

    /** Whether encoders feeding this file must put their headers in extradata. */
    public boolean needsGlobalHeader() {
        return (context().oformat().flags() & AVFMT_GLOBALHEADER) != 0;
    }

    /**
     * Whether the container can hold a stream of this codec. Containers without a codec table
     * (MPEG-TS) answer "unknown"; they are given the benefit of the doubt and the muxer decides.
     */
    public boolean accepts(int codecId) {
        return avformat_query_codec(context().oformat(), codecId, 0) != 0;
    }

    /** Whether this is an MP4-family (ISO BMFF) container, where a moov box and edit lists exist. */
    public boolean isIsoMedia() {
        return formatName.equals("mp4") || formatName.equals("mov") || formatName.equals("ipod");
    }

    public AVStream addStream() {
        AVStream stream = avformat_new_stream(context(), null);
        if (stream == null || stream.isNull()) {
            throw new MediaException.WriteFailed(target, "cannot add a stream", "avformat_new_stream", 0, null);
        }
        return stream;
    }

    /**
     * Labels the output's first frame with SMPTE timecode {@code label} ("01:00:00;00"): MOV/MP4 get a
     * tmcd track, Matroska a tag. Call before {@link #writeHeader}.
     */
    public void setTimecode(String label) {
        if (headerWritten) {
            throw new IllegalStateException("timecode must be set before the header: " + target);
        }
        AVFormatContext ctx = context();
        AVDictionary merged = new AVDictionary(null);
        AVDictionary old = ctx.metadata();
        if (old != null && !old.isNull()) {
            org.bytedeco.ffmpeg.global.avutil.av_dict_copy(merged, old, 0);
            av_dict_free(old);
        }
        av_dict_set(merged, "timecode", label, 0);
        ctx.metadata(merged);
    }

    /**
     * Writes the container header with muxer options (e.g. {@code movflags=+faststart}); MP4-family
     * outputs always get faststart, so that browsers start playing before the whole file arrives.
     */
    public void writeHeader(Map<String, String> options) {
        AVDictionary dict = new AVDictionary(null);
        try {
            if (isIsoMedia()) {
                av_dict_set(dict, "movflags", "+faststart", 0);
            }
            for (Map.Entry<String, String> e : options.entrySet()) {
                av_dict_set(dict, e.getKey(), e.getValue(), 0);
            }
            Ffmpeg.checkWrite(avformat_write_header(context(), dict), "avformat_write_header", target);
            headerWritten = true;
        } finally {
            av_dict_free(dict);
        }
    }

    /** Writes a packet whose timestamps are in its stream's time base; takes over the packet's data. */
    public void write(AVPacket packet) {
        if (!headerWritten) {
            throw new IllegalStateException("header not written: " + target);
        }
        Ffmpeg.checkWrite(av_interleaved_write_frame(context(), packet), "av_interleaved_write_frame", target);
    }

    /** Writes the trailer and moves the finished file into place (replacing what was there). */
    public void finish() {
        if (!headerWritten) {
            throw new IllegalStateException("header not written: " + target);
        }
        Ffmpeg.checkWrite(av_write_trailer(context()), "av_write_trailer", target);
        closeNative();
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MediaException.WriteFailed(target, "cannot move the finished file into place: " + e.getMessage());
        }
        finished = true;
    }

    private void closeNative() {
        if (context != null) {
            if (ioOpen) {
                avio_closep(context.pb());
                context.pb(null);
                ioOpen = false;
            }
            avformat_free_context(context);
            context = null;
        }
    }

    /** Frees the muxer; without {@link #finish()} the partial file is removed. */
    @Override
    public void close() {
        closeNative();
        if (!finished) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // The temporary name is hidden and unique; a leftover never shadows a real file.
            }
        }
    }
}
