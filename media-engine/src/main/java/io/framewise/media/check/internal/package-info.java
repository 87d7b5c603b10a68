/**
 * Internal to the media engine, not API: the audio decode check. Only this module uses these classes; they may
 * speak Bytedeco's FFmpeg types. Other modules use {@code io.framewise.media.check} and the other
 * non-internal packages, whose public types never expose Bytedeco (checked by {@code
 * MediaEngineBoundaryTest}).
 */
package io.framewise.media.check.internal;
