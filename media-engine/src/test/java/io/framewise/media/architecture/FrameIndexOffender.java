package io.framewise.media.architecture;

/** A fixture for {@link FrameIndexTypeTest}: the int frame indices the test must catch. */
public final class FrameIndexOffender {

    public void at(int frame) {}

    public int frameCount() {
        return 0;
    }

    public record Span(int in, long out) {}
}
