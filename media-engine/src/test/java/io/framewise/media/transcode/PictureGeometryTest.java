package io.framewise.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PictureGeometryTest {

    private static PictureGeometry fit(int w, int h, int sarNum, int sarDen, int rotation, int maxH) {
        return PictureGeometry.fit(w, h, sarNum, sarDen, rotation, 4096, maxH);
    }

    @Test
    void keepsSizeWhenItFitsAndNeverUpscales() {
        assertEquals(new PictureGeometry(1920, 1080), fit(1920, 1080, 1, 1, 0, 1080));
        assertEquals(new PictureGeometry(640, 360), fit(640, 360, 1, 1, 0, 1080));
        assertEquals(new PictureGeometry(640, 360), fit(640, 360, 0, 1, 0, 1080), "unknown SAR is square");
    }

    @Test
    void scalesDownKeepingTheDisplayAspect() {
        assertEquals(new PictureGeometry(1920, 1080), fit(3840, 2160, 1, 1, 0, 1080));
        assertEquals(new PictureGeometry(1280, 720), fit(1920, 1080, 1, 1, 0, 720));
        assertEquals(new PictureGeometry(4096, 1716), PictureGeometry.fit(8192, 3432, 1, 1, 0, 4096, 2160));
    }

    @Test
    void rotationSwapsTheAxesBeforeFitting() {
        assertEquals(new PictureGeometry(180, 320), fit(320, 180, 1, 1, 90, 1080));
        assertEquals(new PictureGeometry(606, 1080), fit(1920, 1080, 1, 1, 270, 1080));
        assertEquals(new PictureGeometry(1920, 1080), fit(1920, 1080, 1, 1, 180, 1080));
    }

    @Test
    void anamorphicPicturesBecomeSquareWithoutStretching() {
        assertEquals(new PictureGeometry(720, 540), fit(720, 576, 16, 15, 0, 1080), "PAL 4:3");
        assertEquals(new PictureGeometry(640, 480), fit(720, 480, 8, 9, 0, 1080), "NTSC 4:3");
        assertEquals(new PictureGeometry(1440, 810), fit(1440, 1080, 4, 3, 0, 1080), "HDV 16:9");
    }

    @Test
    void dimensionsAreEven() {
        assertEquals(new PictureGeometry(320, 240), fit(321, 241, 1, 1, 0, 1080));
        assertThrows(IllegalArgumentException.class, () -> new PictureGeometry(3, 4));
        assertThrows(IllegalArgumentException.class, () -> fit(0, 10, 1, 1, 0, 1080));
    }
}
