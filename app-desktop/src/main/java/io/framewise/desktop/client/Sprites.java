package io.framewise.desktop.client;

/**
 * The hover-scrub sprite sheet of a media item: a JPEG grid of small frames and which frame each
 * tile shows ({@code /api/media/{id}/sprites} and {@code sprites.json}).
 */
public record Sprites(byte[] jpeg, int columns, int rows, int tileWidth, int tileHeight, long[] frames) {

    /** The tile showing the last sampled frame at or before {@code frame} (0 before the first). */
    public int tileFor(long frame) {
        int best = 0;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] <= frame) {
                best = i;
            } else {
                break;
            }
        }
        return best;
    }

    public int tileX(int tile) {
        return (tile % columns) * tileWidth;
    }

    public int tileY(int tile) {
        return (tile / columns) * tileHeight;
    }
}
