/** The FFmpeg code behind {@link io.framewise.media.image.OverlayImages}. */
package io.framewise.media.image.internal;
