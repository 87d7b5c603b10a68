/**
 * Internal to the media engine, not API: loading FFmpeg, opening inputs and decoders, and FFmpeg's error codes. Only this module uses these classes; they may
 * speak Bytedeco's FFmpeg types. Other modules use {@code io.framewise.media.ffmpeg} and the other
 * non-internal packages, whose public types never expose Bytedeco (checked by {@code
 * MediaEngineBoundaryTest}).
 */
package io.framewise.media.ffmpeg.internal;
