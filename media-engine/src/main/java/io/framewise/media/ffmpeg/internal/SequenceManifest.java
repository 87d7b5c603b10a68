package io.framewise.media.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.media.MediaException;
import io.framewise.model.media.ImageSequenceInfo;
import io.framewise.model.time.FrameRate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small JSON file ({@value #EXTENSION}) that stands for an image sequence wherever a media file
 * is opened: the file name pattern (relative to the manifest's folder), the first and last numbers,
 * the frame rate chosen at ingest and the numbers that had no file. {@link MediaInput} opens it with
 * FFmpeg's image2 demuxer, so probe, frame map, stills, proxy and clips read a sequence like a file.
 *
 * <p>A manifest is read as untrusted input: the pattern may only name files below the manifest's
 * folder, in one of the accepted image formats, and the numbers must be sane.
 */
public record SequenceManifest(String pattern, long first, long last, FrameRate rate, List<Long> missing) {

    public static final String EXTENSION = "imgseq";

    /** The image formats a sequence may be made of, by file extension. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("dpx", "exr", "tif", "tiff", "png", "jpg", "jpeg");

    /** More frames than an hour at 120 fps is not a shot; the cap keeps a hostile manifest small. */
    public static final long MAX_FRAMES = 500_000;

    /** Folders and a name, then the number as {@code %d} or {@code %0Nd}, then the extension. */
    private static final Pattern SAFE_PATTERN = Pattern.compile(
            "((?:[A-Za-z0-9_][A-Za-z0-9_.@+-]{0,99}/){0,2})([A-Za-z0-9_.@+ -]{0,200}?)%(0[1-9])?d([A-Za-z0-9_.@+ -]{0,50})\\.([A-Za-z]{3,4})");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A manifest lists numbers, not pictures: anything larger is not one. */
    private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

    public SequenceManifest {
        missing = List.copyOf(missing);
        Matcher m = SAFE_PATTERN.matcher(pattern == null ? "" : pattern);
        if (!m.matches()
                || pattern.contains("..")
                || !IMAGE_EXTENSIONS.contains(m.group(5).toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a sequence file pattern: " + pattern);
        }
        if (first < 0 || last < first || last - first + 1 > MAX_FRAMES || last > 999_999_999L) {
            throw new IllegalArgumentException("sequence numbers must run from first to last (at most " + MAX_FRAMES
                    + " frames), were " + first + ".." + last);
        }
        for (long n : missing) {
            if (n <= first || n >= last) {
                throw new IllegalArgumentException("missing number " + n + " is not inside " + first + ".." + last);
            }
        }
    }

    /** Whether {@code file} is a sequence manifest (by its extension). */
    public static boolean isManifest(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith("." + EXTENSION);
    }

    /** The file name of {@code number}, as the pattern writes it (relative to the manifest's folder). */
    public String fileName(long number) {
        return String.format(Locale.ROOT, pattern, number);
    }

    public long frameCount() {
        return last - first + 1;
    }

    /** The image file extension, lower case. */
    public String extension() {
        return pattern.substring(pattern.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    /** What probing reports of the sequence. */
    public ImageSequenceInfo info() {
        return new ImageSequenceInfo(pattern, first, last, missing);
    }

    /** Reads the manifest at {@code file}; a damaged or hostile one is a {@link MediaException.Corrupt}. */
    public static SequenceManifest read(Path file) {
        return read(io.framewise.media.MediaSource.of(file));
    }

    /** Reads a manifest from its source (decrypted when it is sealed). */
    public static SequenceManifest read(io.framewise.media.MediaSource source) {
        Path file = source.file();
        try {
            byte[] bytes;
            try {
                bytes = source.readAllBytes(MAX_MANIFEST_BYTES);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new MediaException.NotFound(file, "no such file");
            }
            JsonNode root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new MediaException.Corrupt(file, "the sequence manifest is not a JSON object");
            }
            List<Long> missing = new ArrayList<>();
            for (JsonNode n : root.path("missing")) {
                if (!n.canConvertToExactIntegral()) {
                    throw new MediaException.Corrupt(
                            file, "the sequence manifest lists a missing number that is not one");
                }
                missing.add(n.asLong());
            }
            if (!root.path("first").isIntegralNumber() || !root.path("last").isIntegralNumber()) {
                throw new MediaException.Corrupt(file, "the sequence manifest has no first and last number");
            }
            return new SequenceManifest(
                    root.path("pattern").asText(""),
                    root.path("first").asLong(),
                    root.path("last").asLong(),
                    FrameRate.parse(root.path("rate").asText("")),
                    missing);
        } catch (IOException e) {
            throw new MediaException.Corrupt(file, "the sequence manifest cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MediaException.Corrupt(file, "the sequence manifest is not valid: " + e.getMessage());
        }
    }

    /** Writes this manifest to {@code file} (replacing it). */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("pattern", pattern);
        root.put("first", first);
        root.put("last", last);
        root.put("rate", rate.numerator() + "/" + rate.denominator());
        ArrayNode list = root.putArray("missing");
        missing.forEach(list::add);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
    }
}
