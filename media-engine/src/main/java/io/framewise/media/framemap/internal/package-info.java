/**
 * Internal to the media engine, not API: the packet scan that builds frame maps. Only this module uses these classes; they may
 * speak Bytedeco's FFmpeg types. Other modules use {@code io.framewise.media.framemap} and the other
 * non-internal packages, whose public types never expose Bytedeco (checked by {@code
 * MediaEngineBoundaryTest}).
 */
package io.framewise.media.framemap.internal;
