package io.framewise.desktop.client;

import java.util.List;

/** The server's answers about suggested scene markers, as the desktop app reads them. */
public final class SceneModels {

    private SceneModels() {}

    /** A suggested marker: a hard cut at {@code frame}, the first frame of the new shot. */
    public record SceneCut(String id, long frame, double score) {}

    /** A media item's suggestions, and whether detection has run for it. */
    public record SceneCuts(boolean detected, List<SceneCut> cuts) {

        public SceneCuts {
            cuts = cuts == null ? List.of() : List.copyOf(cuts);
        }
    }

    /** The notes "Accept all" wrote. */
    public record Accepted(List<ApiModels.Note> notes) {

        public Accepted {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }
}
