package io.framewise.model.media;

import java.util.Objects;
import java.util.Optional;

/**
 * One audio stream as probed.
 *
 * @param channelLayout FFmpeg layout name ("stereo", "5.1(side)", ...), or "N channels"
 * @param language ISO 639 language tag from the container, if any
 */
public record AudioStreamInfo(
        int index,
        String codec,
        Optional<String> profile,
        int channels,
        String channelLayout,
        int sampleRate,
        long bitRate,
        Optional<String> language) {

    public AudioStreamInfo {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(channelLayout, "channelLayout");
        Objects.requireNonNull(language, "language");
    }
}
