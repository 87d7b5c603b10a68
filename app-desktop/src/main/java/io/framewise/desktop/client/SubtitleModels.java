package io.framewise.desktop.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The server's answers about subtitle tracks, as the desktop app reads them. */
public final class SubtitleModels {

    private SubtitleModels() {}

    /** A subtitle track of a media item; {@code text} is false for bitmap tracks, which have no cues. */
    public record SubtitleTrack(
            String id,
            String language,
            String label,
            String source,
            @JsonProperty("default") boolean defaultTrack,
            String codec,
            boolean text,
            int cueCount,
            Integer streamIndex,
            String vtt) {

        /** What the track menu shows. */
        public String menuName() {
            String name = label != null && !label.isBlank() ? label : language != null ? language : "Subtitles";
            return name + ("embedded".equals(source) ? " (embedded)" : " (file)");
        }

        @Override
        public String toString() {
            return menuName();
        }
    }

    /** A cue on frames [startFrame, endFrame) (the server's rule); {@code trackId} only in searches. */
    public record SubtitleCue(String trackId, int index, long startFrame, long endFrame, String text) {

        public boolean covers(long frame) {
            return startFrame <= frame && frame < endFrame;
        }
    }
}
