package io.framewise.media.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SceneDetectorTest {

    @Test
    void findsTheExactCutFramesAndIgnoresFadesCrossfadesAndFlashes() {
        SceneTestSet set = SceneTestSet.get();
        List<SceneCut> found;
        try (SceneDetector detector = SceneDetector.open(set.file(), null)) {
            assertEquals(set.frames(), detector.frameCount());
            found = detector.detect();
        }
        TreeSet<Long> reported = new TreeSet<>();
        found.forEach(c -> reported.add(c.frame()));
        TreeSet<Long> hits = new TreeSet<>(reported);
        hits.retainAll(set.cuts());
        double precision = reported.isEmpty() ? 0 : (double) hits.size() / reported.size();
        double recall = (double) hits.size() / set.cuts().size();
        TreeSet<Long> missed = new TreeSet<>(set.cuts());
        missed.removeAll(reported);
        TreeSet<Long> wrong = new TreeSet<>(reported);
        wrong.removeAll(set.cuts());
        System.out.printf(
                "scene set: %d frames, %d cuts, %d fades, %d crossfades, %d flashes; precision %.3f recall %.3f"
                        + " missed %s wrong %s%n",
                set.frames(),
                set.cuts().size(),
                set.fades(),
                set.crossfades(),
                set.flashes(),
                precision,
                recall,
                missed,
                wrong);
        // The set is a fair test only with enough of each: cuts, fades and crossfades, flashes.
        assertTrue(set.cuts().size() >= 20, "cuts: " + set.cuts().size());
        assertTrue(set.fades() + set.crossfades() >= 6, "fades and crossfades: " + (set.fades() + set.crossfades()));
        assertTrue(set.flashes() >= 4, "flashes: " + set.flashes());
        assertTrue(precision >= 0.95, "precision " + precision + ", reported but no cut: " + wrong);
        assertTrue(recall >= 0.95, "recall " + recall + ", missed: " + missed);
    }
}
