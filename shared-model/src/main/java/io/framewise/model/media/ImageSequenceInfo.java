package io.framewise.model.media;

import java.util.List;
import java.util.Objects;

/**
 * A media item made of numbered image files ({@code shot_v003.1001.exr} ...), as probed. Its frame
 * index 0 is file number {@code first}; a number that had no file was filled with a black "missing
 * frame" picture, so the frames stay contiguous and the gap stays visible and listed here.
 *
 * @param pattern the file names, the number written printf-style ({@code shot_v003.%04d.exr})
 * @param first the first file number: the start frame shown in frame-number mode
 * @param last the last file number
 * @param missing the numbers between first and last that had no file, ascending
 */
public record ImageSequenceInfo(String pattern, long first, long last, List<Long> missing) {

    public ImageSequenceInfo {
        Objects.requireNonNull(pattern, "pattern");
        missing = List.copyOf(missing);
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("numbers must run from first to last, was " + first + ".." + last);
        }
    }

    /** How many frames the sequence holds, missing ones included. */
    public long frameCount() {
        return last - first + 1;
    }
}
