package io.framewise.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import io.framewise.media.MediaException;
import io.framewise.media.MediaSource;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * An opened media file: the demuxer context with stream information read. Small and synchronous;
 * not thread-safe; close it when done.
 */
public final class MediaInput implements Closeable {

    private final MediaSource source;
    private final Path file;
    private AVFormatContext context;
    /** The custom reader when the source is a channel; freed after the demuxer. */
    private ChannelIo channel;
    /** The image opener when the source is a sequence of sealed images; closed after the demuxer. */
    private SequenceIo images;

    private MediaInput(MediaSource source, AVFormatContext context, ChannelIo channel, SequenceIo images) {
        this.source = source;
        this.file = source.file();
        this.context = context;
        this.channel = channel;
        this.images = images;
    }

    /**
     * Opens {@code file} and reads its stream information, or says clearly why it cannot. A file that a
     * registered {@link MediaSource.Resolver} claims is read through its channel.
     */
    public static MediaInput open(Path file) {
        return open(MediaSource.of(file));
    }

    /** Opens a source: a file read directly, or the bytes of a channel. */
    public static MediaInput open(MediaSource source) {
        if (SequenceManifest.isManifest(source.file())) {
            return openSequence(source);
        }
        if (source.opener().isPresent()) {
            return openChannel(source);
        }
        Path file = source.file();
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
        return withStreamInfo(source, ctx, ret, null, null);
    }

    /**
     * Opens the demuxer on a custom AVIOContext that reads the source's channel; the format is probed
     * from the bytes, with the name only as a hint for the few demuxers that look at extensions.
     */
    private static MediaInput openChannel(MediaSource source) {
        Ffmpeg.init();
        ChannelIo io = ChannelIo.open(source);
        AVFormatContext ctx = avformat_alloc_context();
        if (ctx == null || ctx.isNull()) {
            io.close();
            throw new MediaException.Corrupt(source.file(), "out of memory", "avformat_alloc_context", 0, null);
        }
        ctx.pb(io.context());
        int ret = avformat_open_input(ctx, source.file().getFileName().toString(), null, null);
        return withStreamInfo(source, ctx, ret, io, null);
    }

    /**
     * Opens an image sequence through FFmpeg's image2 demuxer: frame index 0 is file number {@code
     * first}, at the rate chosen at ingest. The numbering is contiguous (gaps were filled at ingest), so
     * the demuxer reads exactly first..last; a file that went missing since ends the sequence early,
     * which the frame count then shows. The manifest and the images may be sealed: the manifest is read
     * through its source, and sealed images through {@link SequenceIo}.
     */
    private static MediaInput openSequence(MediaSource source) {
        Ffmpeg.init();
        Path manifest = source.file();
        if (source.opener().isEmpty() && !Files.isRegularFile(manifest)) {
            throw new MediaException.NotFound(manifest, "no such file");
        }
        SequenceManifest sequence = SequenceManifest.read(source);
        Path first = manifest.toAbsolutePath().resolveSibling(sequence.fileName(sequence.first()));
        if (!Files.isRegularFile(first)) {
            throw new MediaException.NotFound(first, "the sequence's first image is missing");
        }
        boolean sealedImages = MediaSource.of(first).opener().isPresent();
        Path folder = manifest.toAbsolutePath().getParent();
        // The demuxer reads '%' as the start of the number: a '%' in the folder's own name is escaped.
        String pattern = folder.toString().replace("%", "%%") + "/" + sequence.pattern();
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "start_number", Long.toString(sequence.first()), 0);
        av_dict_set(options, "start_number_range", "1", 0);
        av_dict_set(options, "framerate", sequence.rate().toString(), 0);
        av_dict_set(options, "pattern_type", "sequence", 0);
        AVFormatContext ctx = avformat_alloc_context();
        if (ctx == null || ctx.isNull()) {
            av_dict_free(options);
            throw new MediaException.Corrupt(manifest, "out of memory", "avformat_alloc_context", 0, null);
        }
        SequenceIo images =
                sealedImages ? SequenceIo.install(ctx, manifest.toAbsolutePath().getParent()) : null;
        int ret;
        try {
            ret = avformat_open_input(ctx, pattern, av_find_input_format("image2"), options);
        } finally {
            av_dict_free(options);
        }
        return withStreamInfo(source, ctx, ret, null, images);
    }

    private static MediaInput withStreamInfo(
            MediaSource source, AVFormatContext ctx, int ret, ChannelIo io, SequenceIo images) {
        Path file = source.file();
        if (ret < 0) {
            // avformat_open_input frees the context on failure, but never a custom AVIOContext.
            MediaException error = channelError(failureOf(io, images), ret, "avformat_open_input", file);
            if (io != null) {
                io.close();
            }
            if (images != null) {
                images.close();
            }
            throw error;
        }
        MediaInput input = new MediaInput(source, ctx, io, images);
        try {
            ret = avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null);
            if (ret < 0) {
                throw channelError(failureOf(io, images), ret, "avformat_find_stream_info", file);
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

    /** What the channel, or the sealed images' channels, last failed with. */
    private static java.io.IOException failureOf(ChannelIo io, SequenceIo images) {
        if (io != null && io.failure() != null) {
            return io.failure();
        }
        return images == null ? null : images.failure();
    }

    /** A failed call's exception, naming the channel's own failure when the channel caused it. */
    private static MediaException channelError(java.io.IOException failure, int code, String nativeCall, Path file) {
        if (failure != null) {
            return new MediaException.Corrupt(
                    file, "the channel failed: " + failure.getMessage(), nativeCall, code, Ffmpeg.errorString(code));
        }
        return Ffmpeg.readError(code, nativeCall, file);
    }

    public Path file() {
        return file;
    }

    /** Where this input reads from: open it again for a fresh demuxer on the same bytes. */
    public MediaSource source() {
        return source;
    }

    /**
     * Throws when a read ended because the channel failed: for a channel (a sealed file that does
     * not authenticate) a failure is never the end of the media, and reading on from what came before
     * it would hand out a shortened map, a cut proxy or the wrong picture.
     */
    public void checkChannel(int ret, String nativeCall) {
        java.io.IOException failure = failureOf(channel, images);
        if (ret < 0 && failure != null) {
            throw channelError(failure, ret, nativeCall, file);
        }
    }

    /** The reason the channel last failed, when this input reads one and it failed. */
    public java.util.Optional<String> channelFailure() {
        java.io.IOException failure = failureOf(channel, images);
        return failure == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(String.valueOf(failure.getMessage()));
    }

    /** The image sequence this input reads, when it was opened from a sequence manifest. */
    public java.util.Optional<SequenceManifest> sequence() {
        return SequenceManifest.isManifest(file)
                ? java.util.Optional.of(SequenceManifest.read(source))
                : java.util.Optional.empty();
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
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (images != null) {
            images.close();
            images = null;
        }
    }
}
