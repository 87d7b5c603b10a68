package io.framewise.media.hls.internal;

import io.framewise.media.ffmpeg.internal.MediaInput;
import io.framewise.media.transcode.PictureGeometry;
import io.framewise.media.transcode.internal.DisplayRotation;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;

/** The picture a transcode would make at full size: upright, square pixels. It decides the ladder's rungs. */
public final class UprightSize {

    private UprightSize() {}

    public static PictureGeometry of(Path source, int videoStream) {
        try (MediaInput input = MediaInput.open(source)) {
            AVStream stream = input.stream(videoStream);
            AVCodecParameters par = stream.codecpar();
            return PictureGeometry.fit(
                    par.width(),
                    par.height(),
                    par.sample_aspect_ratio().num(),
                    par.sample_aspect_ratio().den(),
                    DisplayRotation.clockwiseDegrees(stream),
                    16384,
                    16384);
        }
    }
}
