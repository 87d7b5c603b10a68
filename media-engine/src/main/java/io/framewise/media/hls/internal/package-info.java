/**
 * Internal to the media engine, not API: the FFmpeg side of HLS ladders (the source's upright size,
 * remuxing an encoded rendition into fMP4 segments). Only {@code io.framewise.media.hls} uses it.
 */
package io.framewise.media.hls.internal;
