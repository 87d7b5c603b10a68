package io.framewise.server.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.model.time.FrameRate;
import io.framewise.server.media.ProbeSummary;
import org.junit.jupiter.api.Test;

/** Which videos get scene detection, and how the setting is read. */
class ScenePolicyTest {

    private static ProbeSummary video(double seconds, long frames) {
        return new ProbeSummary(
                frames, FrameRate.FPS_25, null, false, 640, 360, Math.round(seconds * 1e6), false, "{}");
    }

    @Test
    void longerThanTheMinimumAndVideoOnly() {
        ScenePolicy p = ScenePolicy.DEFAULT;
        assertEquals(60, p.minDurationSeconds());
        assertTrue(p.applies(video(61, 1525)));
        assertFalse(p.applies(video(60, 1500)), "a minute exactly is not longer than a minute");
        assertFalse(p.applies(video(600, 0)), "audio only: no frames");
        assertFalse(p.applies(null));
        assertFalse(ScenePolicy.OFF.applies(video(3600, 90_000)));
    }

    @Test
    void theSettingIsOffOrADuration() {
        assertEquals(ScenePolicy.OFF, ScenePolicy.parse("off"));
        assertEquals(ScenePolicy.OFF, ScenePolicy.parse(" No "));
        assertEquals(new ScenePolicy(true, 120), ScenePolicy.parse("2m"));
        assertEquals(new ScenePolicy(true, 90), ScenePolicy.parse("90"));
        assertThrows(IllegalArgumentException.class, () -> ScenePolicy.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> ScenePolicy.parse("-5"));
        assertThrows(IllegalArgumentException.class, () -> new ScenePolicy(true, Double.NaN));
    }
}
