package io.framewise.media.thumbs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.media.MediaException;
import io.framewise.media.framemap.FrameMap;
import io.framewise.media.still.FrameReader;
import io.framewise.media.still.Picture;
import io.framewise.media.still.StillEncoder;
import io.framewise.media.still.StillFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Hover-scrub thumbnails: evenly spaced frames of a media item as tiles in one JPEG grid, left to
 * right then top to bottom, with an {@link Index} saying which frame each tile shows. The frames are
 * read in one forward pass ({@link FrameReader#readAll}), so each GOP is decoded once.
 *
 * @param jpeg the sheet
 * @param index where the tiles are and what they show
 */
public record SpriteSheet(byte[] jpeg, Index index) {

    /** The tallest sheet: JPEG and the browsers that show it handle this comfortably. */
    static final int MAX_SHEET_SIDE = 16_383;

    /** Narrower tiles than this show nothing a hover scrub could use. */
    private static final int MIN_TILE_WIDTH = 16;

    public SpriteSheet {
        Objects.requireNonNull(jpeg, "jpeg");
        Objects.requireNonNull(index, "index");
    }

    /**
     * How a sheet is laid out.
     *
     * @param maxTiles tiles wanted; short media get one tile per frame at most
     * @param tileWidth pixels across each tile (the height follows the picture's aspect ratio)
     * @param columns tiles per row
     * @param quality JPEG quality, 1 to 100
     */
    public record Layout(int maxTiles, int tileWidth, int columns, int quality) {

        public static final Layout DEFAULT = new Layout(100, 160, 10, 80);

        public Layout {
            if (maxTiles < 1 || tileWidth < 16 || tileWidth > 1920 || columns < 1 || quality < 1 || quality > 100) {
                throw new IllegalArgumentException("sprite layout out of range: " + maxTiles + " tiles, " + tileWidth
                        + " px, " + columns + " columns, quality " + quality);
            }
            if ((long) Math.min(maxTiles, columns) * tileWidth > 16_383) {
                throw new IllegalArgumentException(
                        "a sprite sheet row of " + columns + " tiles of " + tileWidth + " px is too wide");
            }
        }
    }

    /**
     * Where each tile is: tile {@code t} sits at column {@code t % columns}, row {@code t / columns}
     * and shows frame {@code frames[t]}.
     */
    public record Index(int columns, int rows, int tileWidth, int tileHeight, long[] frames) {

        public Index {
            Objects.requireNonNull(frames, "frames");
            frames = frames.clone();
            if (columns < 1 || rows < 1 || tileWidth < 1 || tileHeight < 1 || frames.length > columns * rows) {
                throw new IllegalArgumentException("inconsistent sprite index: " + columns + "x" + rows + " of "
                        + tileWidth + "x" + tileHeight + " for " + frames.length + " tiles");
            }
        }

        @Override
        public long[] frames() {
            return frames.clone();
        }

        public int tileCount() {
            return frames.length;
        }

        /** Jackson loads on first use only: making a sheet needs no JSON. */
        private static final class Json {
            static final ObjectMapper MAPPER = new ObjectMapper();
        }

        /** The JSON form a web client reads: {@code {"columns":..,"rows":..,..,"frames":[..]}}. */
        public String toJson() {
            try {
                return Json.MAPPER.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a sprite index as JSON", e);
            }
        }

        public static Index fromJson(String json) {
            try {
                return Json.MAPPER.readValue(json, Index.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a sprite sheet index: " + e.getOriginalMessage(), e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Index i
                    && i.columns == columns
                    && i.rows == rows
                    && i.tileWidth == tileWidth
                    && i.tileHeight == tileHeight
                    && Arrays.equals(i.frames, frames);
        }

        @Override
        public int hashCode() {
            return Objects.hash(columns, rows, tileWidth, tileHeight, Arrays.hashCode(frames));
        }

        @Override
        public String toString() {
            return "SpriteSheet.Index[" + columns + "x" + rows + " tiles of " + tileWidth + "x" + tileHeight
                    + ", frames " + Arrays.toString(frames) + "]";
        }
    }

    /** The sheet of {@code file} with the {@link Layout#DEFAULT} layout. */
    public static SpriteSheet create(Path file) {
        try (FrameReader reader = FrameReader.open(file)) {
            return create(reader, Layout.DEFAULT);
        }
    }

    /**
     * The sheet of an opened media file. Tiles are never wider than the picture, and never taller than
     * twice the layout's tile width: a very tall picture gets narrower tiles, so a hostile aspect ratio
     * cannot make the sheet (and the tiles held while it is put together) large.
     */
    public static SpriteSheet create(FrameReader reader, Layout layout) {
        long[] frames = tileFrames(reader.frameMap(), layout.maxTiles());
        int columns = Math.min(layout.columns(), frames.length);
        int rows = (frames.length + columns - 1) / columns;
        int tileWidth = tileWidthFor(reader, frames[0], layout.tileWidth(), rows);
        List<Picture> tiles = reader.readAll(frames, tileWidth);
        int tileW = tiles.get(0).width();
        int tileH = tiles.get(0).height();
        int sheetW = columns * tileW;
        int sheetH = rows * tileH;
        if (sheetH > MAX_SHEET_SIDE) {
            throw new IllegalArgumentException(
                    "a sprite sheet of " + rows + " rows of " + tileH + " px is too tall: use more columns");
        }
        byte[] rgb = new byte[sheetW * sheetH * 3];
        for (int t = 0; t < tiles.size(); t++) {
            paste(rgb, sheetW, tiles.get(t), (t % columns) * tileW, (t / columns) * tileH, tileW, tileH);
        }
        byte[] jpeg = StillEncoder.encodeImage(sheetW, sheetH, rgb, StillFormat.JPEG, layout.quality());
        return new SpriteSheet(jpeg, new Index(columns, rows, tileW, tileH, frames));
    }

    /**
     * The tile width that keeps a tile at most twice as tall as the layout's tile width and the sheet
     * within {@value #MAX_SHEET_SIDE} pixels, judged on the first tile's picture.
     */
    private static int tileWidthFor(FrameReader reader, long firstFrame, int wanted, int rows) {
        Picture probe = reader.read(firstFrame, wanted);
        int maxTileHeight = Math.min(2 * wanted, MAX_SHEET_SIDE / rows);
        if (probe.height() <= maxTileHeight) {
            return wanted;
        }
        int narrower = (int) ((long) probe.width() * maxTileHeight / probe.height());
        if (narrower < MIN_TILE_WIDTH) {
            throw new MediaException.Unsupported(
                    reader.file(),
                    "the picture (" + probe.width() + "x" + probe.height()
                            + " at sprite size) is too tall and narrow for a sprite sheet");
        }
        return narrower;
    }

    /**
     * The frames the tiles show: {@code min(maxTiles, frameCount)} of them, at even steps of time from
     * the first frame (the same as even steps of index at a constant frame rate).
     */
    static long[] tileFrames(FrameMap map, int maxTiles) {
        int n = (int) Math.min(maxTiles, map.frameCount());
        long[] frames = new long[n];
        double duration = map.durationSeconds();
        for (int t = 0; t < n; t++) {
            long byTime = map.frameAtSeconds(duration * t / n);
            // Never behind the previous tile, and never so far ahead that later tiles run out of frames.
            long floor = t == 0 ? 0 : frames[t - 1] + 1;
            long ceiling = map.frameCount() - (n - t);
            frames[t] = Math.max(floor, Math.min(ceiling, byTime));
        }
        return frames;
    }

    /** Copies a tile into the sheet; a tile of another size (a mid-stream resolution change) is clipped. */
    private static void paste(byte[] sheet, int sheetW, Picture tile, int x, int y, int tileW, int tileH) {
        int rowBytes = Math.min(tileW, tile.width()) * 3;
        int rows = Math.min(tileH, tile.height());
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile.rgb(), r * tile.stride(), sheet, ((y + r) * sheetW + x) * 3, rowBytes);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpriteSheet s && s.index.equals(index) && Arrays.equals(s.jpeg, jpeg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, Arrays.hashCode(jpeg));
    }

    @Override
    public String toString() {
        return "SpriteSheet[" + index + ", " + jpeg.length + " bytes]";
    }
}
