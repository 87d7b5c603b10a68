package io.framewise.desktop.markers;

/** The marker files the server makes from notes, as the export window offers them. */
public enum MarkerExportFormat {
    RESOLVE_EDL("resolve-edl", "DaVinci Resolve (marker EDL)", "_resolve_markers.edl"),
    AVID("avid", "Avid Media Composer (marker list)", "_avid_markers.txt"),
    AVID_EDL("avid-edl", "Avid (EDL with locators)", "_avid_locators.edl"),
    PREMIERE_CSV("premiere-csv", "Premiere Pro (marker list)", "_premiere_markers.csv"),
    FCP7("fcp7", "Premiere Pro / FCP 7 (XML)", "_markers.xml"),
    FCPXML("fcpxml", "Final Cut Pro (FCPXML)", "_markers.fcpxml"),
    OTIO("otio", "OpenTimelineIO", "_markers.otio"),
    CSV("csv", "Spreadsheet (CSV)", "_notes.csv");

    private final String wire;
    private final String label;
    private final String suffix;

    MarkerExportFormat(String wire, String label, String suffix) {
        this.wire = wire;
        this.label = label;
        this.suffix = suffix;
    }

    /** The name in the API's {@code ?format=}. */
    public String wire() {
        return wire;
    }

    /** The file name the server gives this export of a media item called {@code mediaName}. */
    public String fileName(String mediaName) {
        String base = mediaName == null || mediaName.isBlank() ? "notes" : mediaName;
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base) + suffix;
    }

    /** The extension, for the save dialog's filter ("*.edl"). */
    public String extension() {
        return suffix.substring(suffix.lastIndexOf('.'));
    }

    @Override
    public String toString() {
        return label;
    }
}
