package io.framewise.desktop.clips;

/** How a clip is cut, with the words the cut dialog explains each way by. */
public enum ClipMode {
    COPY(
            "copy",
            "Copy (fastest)",
            "Copies the original's frames without re-encoding: full quality and quick, but it can only start"
                    + " and end on keyframes, so the clip may begin a little earlier and end a little later"
                    + " than marked (the clip says where). Nothing can be burned in."),
    SMART(
            "smart",
            "Smart (frame-exact, quick)",
            "Frame-exact: re-encodes only the frames around the cut points and copies the rest untouched,"
                    + " so it is nearly as quick as a copy and the middle keeps the original quality."),
    REENCODE(
            "reencode",
            "Re-encode (frame-exact)",
            "Frame-exact: encodes every frame again. The slowest, one uniform encode, and the way for a"
                    + " template to burn text, a watermark, subtitles or drawings into the whole picture.");

    private final String wire;
    private final String label;
    private final String explanation;

    ClipMode(String wire, String label, String explanation) {
        this.wire = wire;
        this.label = label;
        this.explanation = explanation;
    }

    /** The API's name: copy, smart or reencode. */
    public String wire() {
        return wire;
    }

    public String explanation() {
        return explanation;
    }

    /** Whether the picture is encoded again, which a template needs to draw into it. */
    public boolean reencodes() {
        return this != COPY;
    }

    @Override
    public String toString() {
        return label;
    }
}
