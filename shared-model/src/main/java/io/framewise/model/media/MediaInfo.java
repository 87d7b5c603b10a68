package io.framewise.model.media;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the media engine learned about one media file by probing it.
 *
 * <p>{@code startTimecode} is the SMPTE label of frame 0 (from a tmcd track or container metadata),
 * or empty when the file carries none; callers then treat frame 0 as 00:00:00:00.
 *
 * @param container short container name ("mp4", "mov", "matroska", "webm", "mpegts", "png", ...)
 * @param formatName FFmpeg's demuxer name, for diagnostics
 * @param durationSeconds duration of the whole file, 0 when unknown
 * @param bitRate overall bit rate in bits per second, 0 when unknown
 * @param video the primary video stream (an image counts as one frame of video), if any
 * @param audio audio streams in file order
 * @param subtitles subtitle streams in file order
 * @param startTimecode timecode of frame 0, e.g. "01:00:00;00"
 * @param sequence what the numbered image files are, when the media is an image sequence
 */
public record MediaInfo(
        String container,
        String formatName,
        double durationSeconds,
        long bitRate,
        Optional<VideoStreamInfo> video,
        List<AudioStreamInfo> audio,
        List<SubtitleStreamInfo> subtitles,
        Optional<String> startTimecode,
        Optional<ImageSequenceInfo> sequence) {

    /** Media that is not an image sequence. */
    public MediaInfo(
            String container,
            String formatName,
            double durationSeconds,
            long bitRate,
            Optional<VideoStreamInfo> video,
            List<AudioStreamInfo> audio,
            List<SubtitleStreamInfo> subtitles,
            Optional<String> startTimecode) {
        this(container, formatName, durationSeconds, bitRate, video, audio, subtitles, startTimecode, Optional.empty());
    }

    public MediaInfo {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(formatName, "formatName");
        Objects.requireNonNull(video, "video");
        audio = List.copyOf(audio);
        subtitles = List.copyOf(subtitles);
        Objects.requireNonNull(startTimecode, "startTimecode");
        Objects.requireNonNull(sequence, "sequence");
    }

    /**
     * The number frame index 0 shows in frame-number mode: an image sequence's first file number
     * (1001 for a VFX shot), else 0.
     */
    public long startFrame() {
        return sequence.map(ImageSequenceInfo::first).orElse(0L);
    }

    /** Whether the start timecode counts in drop-frame (its label uses ';' before the frames). */
    public boolean dropFrame() {
        return startTimecode.map(tc -> tc.indexOf(';') >= 0).orElse(false);
    }

    public boolean hasVideo() {
        return video.isPresent();
    }

    public boolean isAudioOnly() {
        return video.isEmpty() && !audio.isEmpty();
    }
}
