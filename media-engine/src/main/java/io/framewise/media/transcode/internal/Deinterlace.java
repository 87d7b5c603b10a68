package io.framewise.media.transcode.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/**
 * Deinterlacing for proxies. A frame is a frame, not a field: each interlaced frame becomes one
 * progressive picture (bwdif in {@code send_frame} mode), so the proxy keeps the source's frame count
 * and frame N still shows frame N. Doubling the rate to one picture per field would look smoother but
 * break the one frame numbering every note and still relies on.
 */
final class Deinterlace {

    private Deinterlace() {}

    /** Whether the stream declares its frames as interlaced fields (any field order but progressive). */
    static boolean needed(AVCodecParameters par) {
        int order = par.field_order();
        return order == AV_FIELD_TT || order == AV_FIELD_BB || order == AV_FIELD_TB || order == AV_FIELD_BT;
    }

    /**
     * The filter step: every frame is deinterlaced (the stream said it is interlaced; per-frame flags
     * are missing in some files), the field order taken from each frame, one picture out per frame in.
     */
    static VideoFilterGraph.Step step() {
        return VideoFilterGraph.Step.of("bwdif", "mode", "send_frame", "parity", "auto", "deint", "all");
    }
}
