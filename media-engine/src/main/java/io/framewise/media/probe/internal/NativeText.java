package io.framewise.media.probe.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.javacpp.BytePointer;

/** Reads FFmpeg's C strings and metadata tags into Java, treating NULL and blank as absent. */
final class NativeText {

    private NativeText() {}

    /** The text of a C string FFmpeg returned, or empty when it returned NULL or a blank string. */
    static Optional<String> of(BytePointer text) {
        if (text == null || text.isNull()) {
            return Optional.empty();
        }
        String value = text.getString(StandardCharsets.UTF_8).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The text of a C string, or {@code fallback} when FFmpeg has no name for the value. */
    static String orElse(BytePointer text, String fallback) {
        return of(text).orElse(fallback);
    }

    /** A metadata tag; FFmpeg matches keys case-insensitively unless asked otherwise. */
    static Optional<String> tag(AVDictionary metadata, String key) {
        if (metadata == null || metadata.isNull()) {
            return Optional.empty();
        }
        AVDictionaryEntry entry = av_dict_get(metadata, key, (AVDictionaryEntry) null, 0);
        if (entry == null || entry.isNull()) {
            return Optional.empty();
        }
        return of(entry.value());
    }

    /**
     * A language tag, without the "undetermined" codes containers write when nobody said: a UI shows
     * nothing rather than "und".
     */
    static Optional<String> language(AVDictionary metadata) {
        return tag(metadata, "language").filter(lang -> !lang.equalsIgnoreCase("und") && !lang.equals("0"));
    }

    /** A non-negative number from a tag (Matroska's "BPS" statistics tag, for example), or 0. */
    static long longTag(AVDictionary metadata, String key) {
        return tag(metadata, key)
                .map(value -> {
                    try {
                        return Math.max(0L, Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        return 0L;
                    }
                })
                .orElse(0L);
    }
}
