package io.framewise.server.jobs;

import java.util.Locale;

/** A job's life: queued, running under a worker's lease, then done or (after three failures) failed. */
public enum JobState {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWire(String text) {
        for (JobState s : values()) {
            if (s.wire().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("state must be queued, running, done or failed, got " + text);
    }
}
