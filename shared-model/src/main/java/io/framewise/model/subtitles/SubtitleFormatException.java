package io.framewise.model.subtitles;

/** A subtitle file that cannot be read, naming the line (1-based; 0 when it is about the whole file). */
public final class SubtitleFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public SubtitleFormatException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
