package io.framewise.server.scenes;

import java.util.List;
import java.util.Optional;

/** Where suggested scene markers are kept (the {@code scene_cuts} table). */
public interface SceneCutRepository {

    /** Whether detection already finished for the media (its results were stored once). */
    boolean detected(String mediaId);

    /**
     * Stores the cuts of a finished detection and marks the media detected, in one transaction; a
     * cut already stored at the same frame is kept.
     */
    void storeDetection(String mediaId, List<SceneCut> cuts, java.time.Instant finished);

    /** The media's suggestions in frame order. */
    List<SceneCut> list(String mediaId);

    Optional<SceneCut> get(String mediaId, String cutId);

    /** Removes one suggestion; false when it was not there. */
    boolean delete(String mediaId, String cutId);

    /** Removes the given suggestions of the media; returns how many went. */
    int deleteAll(String mediaId, List<String> cutIds);
}
