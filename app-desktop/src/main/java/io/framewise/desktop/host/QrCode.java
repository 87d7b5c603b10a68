package io.framewise.desktop.host;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** A QR code of a URL as dark/light modules, for browser guests to open the hosted library. */
public final class QrCode {

    private final boolean[][] modules;

    private QrCode(boolean[][] modules) {
        this.modules = modules;
    }

    public static QrCode of(String text) {
        try {
            BitMatrix m = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            boolean[][] out = new boolean[m.getHeight()][m.getWidth()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    out[y][x] = m.get(x, y);
                }
            }
            return new QrCode(out);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot make a QR code of " + text + ": " + e.getMessage(), e);
        }
    }

    public int size() {
        return modules.length;
    }

    public boolean dark(int x, int y) {
        return modules[y][x];
    }
}
