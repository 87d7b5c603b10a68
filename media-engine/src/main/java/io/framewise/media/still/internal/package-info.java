/**
 * Internal to the media engine, not API: seeking, decoding, converting and encoding pictures with FFmpeg. Only this module uses these classes; they may
 * speak Bytedeco's FFmpeg types. Other modules use {@code io.framewise.media.still} and the other
 * non-internal packages, whose public types never expose Bytedeco (checked by {@code
 * MediaEngineBoundaryTest}).
 */
package io.framewise.media.still.internal;
