package io.framewise.server.interchange.markers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The marker files notes export to, one per editing application's import path, each with the name
 * clients ask for it by ({@code ?format=}), its file extension and content type.
 */
public enum MarkerFormat {
    RESOLVE_EDL("resolve-edl", "_resolve_markers.edl", "text/plain; charset=utf-8", new ResolveEdlMarkers()),
    AVID("avid", "_avid_markers.txt", "text/plain; charset=utf-8", new AvidMarkers()),
    AVID_EDL("avid-edl", "_avid_locators.edl", "text/plain; charset=utf-8", new AvidEdlMarkers()),
    FCP7("fcp7", "_markers.xml", "application/xml; charset=utf-8", new Fcp7Markers()),
    FCPXML("fcpxml", "_markers.fcpxml", "application/xml; charset=utf-8", new FcpxmlMarkers()),
    OTIO("otio", "_markers.otio", "application/json; charset=utf-8", new OtioMarkers()),
    // Premiere writes its marker list as UTF-16 (little-endian, with a byte order mark).
    PREMIERE_CSV("premiere-csv", "_premiere_markers.csv", "text/csv; charset=utf-16le", new PremiereCsvMarkers()),
    CSV("csv", "_notes.csv", "text/csv; charset=utf-8", new CsvMarkers());

    /** Writes one format: a pure function of the media and its notes. */
    interface Writer {
        byte[] write(MarkerMedia media, List<MarkerNote> notes);
    }

    private final String wire;
    private final String suffix;
    private final String contentType;
    private final Writer writer;

    MarkerFormat(String wire, String suffix, String contentType, Writer writer) {
        this.wire = wire;
        this.suffix = suffix;
        this.contentType = contentType;
        this.writer = writer;
    }

    /** The name in {@code ?format=}. */
    public String wire() {
        return wire;
    }

    public String contentType() {
        return contentType;
    }

    /** The download's file name for a media item: its base name and the format's suffix. */
    public String fileName(MarkerMedia media) {
        return media.baseName() + suffix;
    }

    /** The file, notes in the order given (exporters do not reorder). */
    public byte[] write(MarkerMedia media, List<MarkerNote> notes) {
        return writer.write(media, notes);
    }

    public static Optional<MarkerFormat> fromWire(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        for (MarkerFormat f : values()) {
            if (f.wire.equals(s)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every format's wire name, for error messages and documents. */
    public static List<String> wires() {
        return java.util.Arrays.stream(values()).map(MarkerFormat::wire).toList();
    }
}
