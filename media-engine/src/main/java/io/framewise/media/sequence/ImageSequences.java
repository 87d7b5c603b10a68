package io.framewise.media.sequence;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.internal.SequenceManifest;
import io.framewise.media.sequence.internal.MissingFrameSlate;
import io.framewise.model.media.ImageSequenceInfo;
import io.framewise.model.time.FrameRate;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder of numbered image files (DPX, EXR, TIFF, PNG or JPEG: {@code shot_v003.1001.exr} ...)
 * made into one media item: {@link #scan} checks the names form one sequence, {@link #prepare} fills
 * gaps with black "MISSING FRAME n" pictures and writes the manifest ({@code original.imgseq}) that
 * every engine feature opens like a media file. Frame index 0 is the first file number; the frame
 * rate is the one chosen at ingest.
 */
public final class ImageSequences {

    /** The manifest's file extension (without the dot). */
    public static final String MANIFEST_EXTENSION = SequenceManifest.EXTENSION;

    /** The rate a sequence plays at when nobody chose one. */
    public static final FrameRate DEFAULT_RATE = FrameRate.FPS_24;

    /** Gaps are filled with pictures; a gap larger than this is a wrong folder, not a shot with holes. */
    public static final int MAX_MISSING = 10_000;

    /** A name, the number (the last digits before the extension), the extension. */
    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d{1,9})\\.([A-Za-z]{3,4})");

    private static final Pattern SAFE_PREFIX = Pattern.compile("[A-Za-z0-9_.@+ -]{0,200}");

    /**
     * The numbered files of one sequence.
     *
     * @param prefix the name before the number
     * @param extension the extension as the files spell it
     * @param pattern the names with the number written printf-style ({@code shot.%04d.exr})
     * @param numbers the file numbers present, ascending
     */
    public record Scan(String prefix, String extension, String pattern, List<Long> numbers) {

        public long first() {
            return numbers.get(0);
        }

        public long last() {
            return numbers.get(numbers.size() - 1);
        }

        /** The numbers between first and last with no file. */
        public List<Long> missing() {
            List<Long> missing = new ArrayList<>();
            int i = 0;
            for (long n = first(); n <= last(); n++) {
                if (numbers.get(i) == n) {
                    i++;
                } else {
                    missing.add(n);
                }
            }
            return missing;
        }
    }

    private ImageSequences() {}

    /** Whether {@code fileName} has the extension of an image format a sequence may be made of. */
    public static boolean isImageName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0
                && SequenceManifest.IMAGE_EXTENSIONS.contains(
                        fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Checks that the (non-hidden) files directly in {@code folder} are numbered images of one pattern,
     * or says clearly which file is not: {@link MediaException.Unsupported} for anything else, for
     * links, subfolders, mixed patterns or a gap beyond {@value #MAX_MISSING} numbers.
     */
    public static Scan scan(Path folder) {
        TreeMap<Long, String> byNumber = new TreeMap<>();
        String prefix = null;
        String extension = null;
        boolean varyingWidth = false;
        int width = -1;
        boolean leadingZero = false;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new MediaException.Unsupported(
                            file, "'" + name + "' is not a plain file (links and folders are not taken)");
                }
                Matcher m = NUMBERED.matcher(name);
                if (!m.matches() || !isImageName(name)) {
                    throw new MediaException.Unsupported(
                            file,
                            "'" + name + "' is not a numbered DPX, EXR, TIFF, PNG or JPEG file (like shot.1001.exr)");
                }
                if (!SAFE_PREFIX.matcher(m.group(1)).matches()) {
                    throw new MediaException.Unsupported(
                            file,
                            "'" + name
                                    + "' has characters other than letters, digits, spaces and _ . @ + - in its name");
                }
                if (prefix == null) {
                    prefix = m.group(1);
                    extension = m.group(3);
                } else if (!prefix.equals(m.group(1)) || !extension.equals(m.group(3))) {
                    throw new MediaException.Unsupported(
                            file,
                            "the files are not one sequence: '" + prefix + "#." + extension + "' and '" + m.group(1)
                                    + "#." + m.group(3) + "' are mixed");
                }
                String digits = m.group(2);
                if (width >= 0 && width != digits.length()) {
                    varyingWidth = true;
                }
                width = width < 0 ? digits.length() : width;
                leadingZero |= digits.length() > 1 && digits.charAt(0) == '0';
                if (byNumber.put(Long.parseLong(digits), name) != null) {
                    throw new MediaException.Unsupported(file, "two files carry the number " + Long.parseLong(digits));
                }
            }
        } catch (IOException e) {
            throw new MediaException.NotFound(folder, "the folder cannot be read: " + e.getMessage());
        }
        if (byNumber.isEmpty()) {
            throw new MediaException.Unsupported(folder, "the folder holds no numbered image files");
        }
        if (varyingWidth && leadingZero) {
            throw new MediaException.Unsupported(folder, "the numbers are padded to different widths");
        }
        long span = byNumber.lastKey() - byNumber.firstKey() + 1;
        if (span > SequenceManifest.MAX_FRAMES) {
            throw new MediaException.Unsupported(
                    folder, "the numbers span " + span + " frames, more than " + SequenceManifest.MAX_FRAMES);
        }
        if (span - byNumber.size() > MAX_MISSING) {
            throw new MediaException.Unsupported(
                    folder,
                    (span - byNumber.size()) + " numbers are missing between the first and the last file: more than "
                            + MAX_MISSING);
        }
        String number = varyingWidth || width == 1 ? "%d" : "%0" + width + "d";
        return new Scan(prefix, extension, prefix + number + "." + extension, List.copyOf(byNumber.keySet()));
    }

    /**
     * Makes the files in {@code folder} one media item: writes a missing-frame picture for every gap
     * (named as the missing file would be) and the manifest at {@code manifest}, whose folder must
     * hold {@code folder}. Returns what probing will report of it.
     */
    public static ImageSequenceInfo prepare(Path folder, Path manifest, FrameRate rate) {
        Scan scan = scan(folder);
        Path base = manifest.toAbsolutePath().getParent();
        Path dir = folder.toAbsolutePath().normalize();
        if (!dir.startsWith(base)) {
            throw new IllegalArgumentException("the frames must lie below the manifest's folder");
        }
        String relative = base.relativize(dir).toString().replace('\\', '/');
        String pattern = relative.isEmpty() ? scan.pattern() : relative + "/" + scan.pattern();
        SequenceManifest sequence;
        try {
            sequence = new SequenceManifest(pattern, scan.first(), scan.last(), rate, scan.missing());
        } catch (IllegalArgumentException e) {
            throw new MediaException.Unsupported(folder, e.getMessage());
        }
        try {
            if (!sequence.missing().isEmpty()) {
                MissingFrameSlate slate = MissingFrameSlate.like(base.resolve(sequence.fileName(scan.first())));
                for (long n : sequence.missing()) {
                    slate.write(n, base.resolve(sequence.fileName(n)));
                }
            }
            sequence.write(manifest);
        } catch (IOException e) {
            throw new MediaException.WriteFailed(manifest, "the sequence could not be written: " + e.getMessage());
        }
        return sequence.info();
    }
}
