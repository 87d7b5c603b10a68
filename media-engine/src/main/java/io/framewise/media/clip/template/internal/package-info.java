/**
 * Internal to the media engine, not API: templates as FFmpeg filter graphs (drawtext, overlay, slate
 * cards, rasterised note drawings). Only this module uses these classes; they may speak Bytedeco's
 * FFmpeg types. Other modules use {@code io.framewise.media.clip.template}.
 */
package io.framewise.media.clip.template.internal;
