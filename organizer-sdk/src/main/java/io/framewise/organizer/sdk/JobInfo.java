package io.framewise.organizer.sdk;

/**
 * A queued processing job.
 *
 * @param kind {@code poster}, {@code sprites}, {@code waveform} or {@code proxy}
 * @param state {@code queued}, {@code running}, {@code done} or {@code failed}
 */
public record JobInfo(String id, String kind, String mediaId, String state) {}
