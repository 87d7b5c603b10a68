/**
 * The media engine: probe, frame maps, frame-exact stills, proxies, thumbnails, waveforms and clips on
 * in-process FFmpeg. Each feature's package is its public API and speaks the engine's own types; the
 * FFmpeg (Bytedeco) code behind it lives in the feature's {@code internal} package, which no other
 * module may use.
 */
package io.framewise.media;
