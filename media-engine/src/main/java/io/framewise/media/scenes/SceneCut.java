package io.framewise.media.scenes;

/**
 * A detected cut: {@code frame} is the first frame of the new shot (frame index in decoder output
 * order, as everywhere in the engine), {@code score} how abrupt the change was, from 0 to 1.
 */
public record SceneCut(long frame, double score) {

    public SceneCut {
        if (frame < 1) {
            throw new IllegalArgumentException("a cut starts at frame 1 or later, was " + frame);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("a cut's score is between 0 and 1, was " + score);
        }
    }
}
