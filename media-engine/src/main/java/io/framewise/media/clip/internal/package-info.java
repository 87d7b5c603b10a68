/**
 * Internal to the media engine, not API: cutting: stream copy, re-encode and smart cut on FFmpeg. Only this module uses these classes; they may
 * speak Bytedeco's FFmpeg types. Other modules use {@code io.framewise.media.clip} and the other
 * non-internal packages, whose public types never expose Bytedeco (checked by {@code
 * MediaEngineBoundaryTest}).
 */
package io.framewise.media.clip.internal;
