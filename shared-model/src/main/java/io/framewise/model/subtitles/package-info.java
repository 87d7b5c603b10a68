/**
 * Subtitle cues, pure: reading SRT, WebVTT and ASS/SSA text into {@link io.framewise.model.subtitles.Cue}s,
 * writing WebVTT back, and mapping cue times onto a media item's frames. No IO: callers hand in bytes
 * or strings and the frame times.
 */
package io.framewise.model.subtitles;
