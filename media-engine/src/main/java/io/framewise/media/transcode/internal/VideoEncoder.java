package io.framewise.media.transcode.internal;

import java.io.Closeable;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** An opened video encoder: frames in with {@link #send}, packets out with {@link #receive}. */
public interface VideoEncoder extends Closeable {

    AVCodecContext context();

    /** Sends a frame (pts in the encoder's time base), or null to flush. */
    void send(AVFrame frame);

    /** The next packet into {@code packet}, or false when the encoder needs more frames or is drained. */
    boolean receive(AVPacket packet);

    @Override
    void close();
}
