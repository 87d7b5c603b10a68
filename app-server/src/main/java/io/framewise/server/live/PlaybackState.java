package io.framewise.server.live;

import io.framewise.model.time.FrameRange;
import io.framewise.model.time.FrameRate;

/**
 * The playback state of a live session, held by the server and addressed by frame index.
 *
 * <p>While paused, {@code frame} is the frame shown. While playing, {@code frame} was shown at the
 * server wall-clock instant {@code anchorMillis} (epoch milliseconds), and the playhead advances
 * from there at {@code frameRate * rate}: {@link #frameAt(long)} is the formula every follower
 * applies (with its estimate of the server clock) so that nobody needs a message per frame.
 *
 * @param mediaId the media item shown (the current version of the asset)
 * @param assetId the asset of that media item, or null
 * @param loop the loop range {@code [in, out)}, or null when not looping
 * @param revision increases with every change, so clients can drop stale state
 */
public record PlaybackState(
        String mediaId,
        String assetId,
        long frameCount,
        FrameRate frameRate,
        boolean playing,
        long frame,
        long anchorMillis,
        double rate,
        FrameRange loop,
        long revision) {

    /** The state a session starts in: paused on the first frame at normal speed, no loop. */
    public static PlaybackState initial(MediaFacts media, long nowMillis) {
        return new PlaybackState(
                media.mediaId(),
                media.assetId(),
                media.frameCount(),
                media.frameRate(),
                false,
                0,
                nowMillis,
                1.0,
                null,
                1);
    }

    /**
     * The frame shown at the given server time. Playing past the loop's out point wraps to its in
     * point (also when playback started before the loop); without a loop the playhead holds on the
     * last frame.
     */
    public long frameAt(long nowMillis) {
        if (!playing) {
            return frame;
        }
        long elapsedMillis = Math.max(0, nowMillis - anchorMillis);
        double advanced = elapsedMillis * rate * frameRate.numerator() / (1000.0 * frameRate.denominator());
        long position = frame + (long) Math.floor(advanced);
        if (position < frame) {
            position = Long.MAX_VALUE;
        }
        if (loop != null && frame < loop.out() && position >= loop.out()) {
            return loop.in() + (position - loop.out()) % loop.length();
        }
        return Math.min(position, frameCount - 1);
    }

    PlaybackState paused(long atFrame, long nowMillis) {
        return new PlaybackState(
                mediaId, assetId, frameCount, frameRate, false, atFrame, nowMillis, rate, loop, revision + 1);
    }

    PlaybackState playing(long fromFrame, long nowMillis) {
        return new PlaybackState(
                mediaId, assetId, frameCount, frameRate, true, fromFrame, nowMillis, rate, loop, revision + 1);
    }

    /** Keeps playing or paused, re-anchored on the given frame now. */
    PlaybackState at(long atFrame, long nowMillis) {
        return new PlaybackState(
                mediaId, assetId, frameCount, frameRate, playing, atFrame, nowMillis, rate, loop, revision + 1);
    }

    PlaybackState withRate(double newRate, long nowMillis) {
        return new PlaybackState(
                mediaId,
                assetId,
                frameCount,
                frameRate,
                playing,
                frameAt(nowMillis),
                nowMillis,
                newRate,
                loop,
                revision + 1);
    }

    PlaybackState withLoop(FrameRange newLoop, long nowMillis) {
        return new PlaybackState(
                mediaId,
                assetId,
                frameCount,
                frameRate,
                playing,
                frameAt(nowMillis),
                nowMillis,
                rate,
                newLoop,
                revision + 1);
    }

    /**
     * Shows another media item (another version): the frame index is kept, clamped to the new
     * item's length, since versions of one cut line up frame by frame; a loop that no longer fits
     * is dropped.
     */
    PlaybackState withMedia(MediaFacts media, long nowMillis) {
        long keep = Math.min(frameAt(nowMillis), media.frameCount() - 1);
        FrameRange keptLoop = loop != null && loop.out() <= media.frameCount() ? loop : null;
        return new PlaybackState(
                media.mediaId(),
                media.assetId(),
                media.frameCount(),
                media.frameRate(),
                playing,
                keep,
                nowMillis,
                rate,
                keptLoop,
                revision + 1);
    }
}
