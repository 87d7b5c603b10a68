package io.framewise.desktop.player;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import uk.co.caprica.vlcj.player.base.MediaPlayer;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.BufferFormat;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.BufferFormatCallback;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.RenderCallback;
import uk.co.caprica.vlcj.player.embedded.videosurface.callback.format.RV32BufferFormat;

/**
 * VLC renders straight into a JavaFX {@link PixelBuffer} (BGRA, premultiplied: VLC's RV32 with an
 * opaque alpha), with no copy per frame. VLC hands a padded buffer (360 lines arrive as 386), so
 * the picture is the {@link #viewport()} of the buffer, sized from the display size VLC reports.
 * This replaces vlcj-javafx, which does not work with current vlcj.
 */
final class VideoSurface implements BufferFormatCallback, RenderCallback {

    private final AtomicBoolean updatePending = new AtomicBoolean();
    private final ObjectProperty<WritableImage> image = new SimpleObjectProperty<>();
    private final ObjectProperty<Rectangle2D> viewport = new SimpleObjectProperty<>();
    private volatile LongConsumer shown = i -> {};
    private int bufferWidth;
    private int bufferHeight;
    private volatile int displayWidth;
    private volatile int displayHeight;
    private PixelBuffer<ByteBuffer> pixels;
    private long displayed;

    /** Called with a running count for every picture VLC shows (on VLC's thread). */
    void onDisplayed(LongConsumer listener) {
        this.shown = listener;
    }

    @Override
    public BufferFormat getBufferFormat(int sourceWidth, int sourceHeight) {
        bufferWidth = sourceWidth;
        bufferHeight = sourceHeight;
        return new RV32BufferFormat(sourceWidth, sourceHeight);
    }

    @Override
    public void newFormatSize(int bufferWidth, int bufferHeight, int displayWidth, int displayHeight) {
        this.displayWidth = displayWidth;
        this.displayHeight = displayHeight;
    }

    @Override
    public void allocatedBuffers(ByteBuffer[] buffers) {
        ByteBuffer b = buffers[0];
        int w = bufferWidth;
        int h = bufferHeight;
        Platform.runLater(() -> {
            pixels = new PixelBuffer<>(w, h, b, PixelFormat.getByteBgraPreInstance());
            image.set(new WritableImage(pixels));
            viewport.set(
                    new Rectangle2D(0, 0, displayWidth > 0 ? displayWidth : w, displayHeight > 0 ? displayHeight : h));
        });
    }

    @Override
    public void lock(MediaPlayer mediaPlayer) {
        // Nothing to guard: the FX side only reads the buffer VLC owns, a frame late at worst.
    }

    @Override
    public void display(MediaPlayer mediaPlayer, ByteBuffer[] nativeBuffers, BufferFormat format, int dw, int dh) {
        displayWidth = dw;
        displayHeight = dh;
        shown.accept(++displayed);
        LongSupplier keep = keepShown;
        long keptIndex = keep == null ? -1 : keep.getAsLong();
        if (keptIndex >= 0) {
            lastPicture = read(nativeBuffers[0], keptIndex);
        }
        if (updatePending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                updatePending.set(false);
                if (pixels != null) {
                    pixels.updateBuffer(p -> null);
                }
            });
        }
    }

    @Override
    public void unlock(MediaPlayer mediaPlayer) {
        // See lock.
    }

    /**
     * From now on, keeps a copy of every picture VLC displays, labelled with {@code index} at that
     * moment. VLC decodes the next picture into the same buffer before it is due, so only a copy
     * taken in {@code display} is certainly the picture shown. Costs a copy per frame: for tests.
     */
    void keepShownPictures(LongSupplier index) {
        keepShown = index;
    }

    /** The last picture VLC displayed (see {@link #keepShownPictures}), or null. */
    StillImage lastShownPicture() {
        return lastPicture;
    }

    private volatile LongSupplier keepShown;
    private volatile StillImage lastPicture;

    private StillImage read(ByteBuffer b, long index) {
        int w = displayWidth;
        int h = displayHeight;
        if (b == null || w <= 0 || h <= 0) {
            return null;
        }
        {
            int[] argb = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * bufferWidth + x) * 4;
                    argb[y * w + x] =
                            0xff000000 | (b.get(i + 2) & 0xff) << 16 | (b.get(i + 1) & 0xff) << 8 | (b.get(i) & 0xff);
                }
            }
            return new StillImage(index, w, h, argb);
        }
    }

    ReadOnlyObjectProperty<WritableImage> image() {
        return image;
    }

    ReadOnlyObjectProperty<Rectangle2D> viewport() {
        return viewport;
    }
}
