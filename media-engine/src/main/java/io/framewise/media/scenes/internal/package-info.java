/**
 * Internal to the media engine, not API: the arithmetic of scene-cut detection on small pictures. Only
 * this module uses these classes; other modules use {@code io.framewise.media.scenes}.
 */
package io.framewise.media.scenes.internal;
