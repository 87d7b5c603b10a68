package io.framewise.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import io.framewise.media.MediaException;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * An opened media file: the demuxer context with stream information read. Small and synchronous;
 * not thread-safe; close it when done.
 */
public final class MediaInput implements Closeable {

    private final Path file;
    private AVFormatContext context;

    private MediaInput(Path file, AVFormatContext context) {
        this.file = file;
        this.context = context;
    }

    /** Opens {@code file} and reads its stream information, or says clearly why it cannot. */
    public static MediaInput open(Path file) {
        Ffmpeg.init();
        if (!Files.exists(file)) {
            throw new MediaException.NotFound(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new MediaException.NotFound(file, "not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new MediaException.NotFound(file, "file is not readable");
        }
        try {
            if (Files.size(file) == 0) {
                throw new MediaException.Corrupt(file, "the file is empty");
            }
        } catch (java.io.IOException e) {
            throw new MediaException.NotFound(file, "cannot read the file size: " + e.getMessage());
        }
        AVFormatContext ctx = avformat_alloc_context();
        int ret = avformat_open_input(ctx, file.toAbsolutePath().toString(), null, null);
        if (ret < 0) {
            // avformat_open_input frees the context on failure.
            throw Ffmpeg.readError(ret, "avformat_open_input", file);
        }
        MediaInput input = new MediaInput(file, ctx);
        try {
            ret = avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null);
            if (ret < 0) {
                throw Ffmpeg.readError(ret, "avformat_find_stream_info", file);
            }
            if (ctx.nb_streams() == 0) {
                throw new MediaException.Corrupt(file, "the file holds no streams");
            }
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
        return input;
    }

    public Path file() {
        return file;
    }

    public AVFormatContext context() {
        if (context == null) {
            throw new IllegalStateException("media input is closed: " + file);
        }
        return context;
    }

    public int streamCount() {
        return context().nb_streams();
    }

    public AVStream stream(int index) {
        return context().streams(index);
    }

    /**
     * The index of the primary video stream, or -1 when there is none: the first video stream the
     * file marks as default, else its first video stream. That is the track players show and the one
     * {@code ffmpeg -map 0:v:0} picks in a file with one default track; FFmpeg's own "best stream"
     * guess would prefer a larger picture in a later track (a MOV with a proxy and a full-size
     * track), so it is not used. Cover art and other attached pictures are not video.
     */
    public int videoStreamIndex() {
        AVFormatContext ctx = context();
        int first = -1;
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream s = ctx.streams(i);
            if (s.codecpar().codec_type() != AVMEDIA_TYPE_VIDEO || isAttachedPicture(s)) {
                continue;
            }
            if ((s.disposition() & avformat.AV_DISPOSITION_DEFAULT) != 0) {
                return i;
            }
            if (first < 0) {
                first = i;
            }
        }
        return first;
    }

    /** How many video streams the file holds, attached pictures not counted. */
    public int videoStreamCount() {
        AVFormatContext ctx = context();
        int count = 0;
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream s = ctx.streams(i);
            if (s.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && !isAttachedPicture(s)) {
                count++;
            }
        }
        return count;
    }

    /** The primary video stream index, or an {@link MediaException.Unsupported} naming the file. */
    public int requireVideoStream() {
        int index = videoStreamIndex();
        if (index < 0) {
            throw new MediaException.Unsupported(file, "the file has no video stream");
        }
        return index;
    }

    private static boolean isAttachedPicture(AVStream s) {
        return (s.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0;
    }

    /** Whether a timestamp is set (FFmpeg uses a sentinel for "none"). */
    public static boolean hasTimestamp(long ts) {
        return ts != avutil.AV_NOPTS_VALUE;
    }

    @Override
    public void close() {
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
    }
}
