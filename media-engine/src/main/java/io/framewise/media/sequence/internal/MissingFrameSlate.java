package io.framewise.media.sequence.internal;

import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import io.framewise.media.MediaException;
import io.framewise.media.ffmpeg.BundledTools;
import io.framewise.media.ffmpeg.internal.MediaInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacpp.BytePointer;

/**
 * Writes the black "MISSING FRAME 1005" picture that stands in for a number a sequence has no file
 * for, in the sequence's own format, size and pixel format, so the demuxer reads one contiguous run
 * and the one decoder that reads the sequence reads the slate too. The letters are drawn from a
 * built-in 5x7 bitmap font: no font file on the server is needed.
 */
public final class MissingFrameSlate {

    /** The encoder that writes each accepted extension. */
    private static final Map<String, String> ENCODERS = Map.of(
            "dpx", "dpx", "exr", "exr", "tif", "tiff", "tiff", "tiff", "png", "png", "jpg", "mjpeg", "jpeg", "mjpeg");

    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('M', "10001110111010110001100011000110001"),
            Map.entry('I', "01110001000010000100001000010001110"),
            Map.entry('S', "01111100001000001110000010000111110"),
            Map.entry('N', "10001110011010110011100011000110001"),
            Map.entry('G', "01110100011000010111100011000101111"),
            Map.entry('F', "11111100001000011110100001000010000"),
            Map.entry('R', "11110100011000111110101001001010001"),
            Map.entry('A', "01110100011000111111100011000110001"),
            Map.entry('E', "11111100001000011110100001000011111"),
            Map.entry('0', "01110100011001110101110011000101110"),
            Map.entry('1', "00100011000010000100001000010001110"),
            Map.entry('2', "01110100010000100010001000100011111"),
            Map.entry('3', "11111000100010000010000011000101110"),
            Map.entry('4', "00010001100101010010111110001000010"),
            Map.entry('5', "11111100001111000001000011000101110"),
            Map.entry('6', "00110010001000011110100011000101110"),
            Map.entry('7', "11111000010001000100010000100001000"),
            Map.entry('8', "01110100011000101110100011000101110"),
            Map.entry('9', "01110100011000101111000010001001100"),
            Map.entry(' ', "00000000000000000000000000000000000"));

    private final int width;
    private final int height;
    private final String pixelFormat;
    private final String encoder;

    private MissingFrameSlate(int width, int height, String pixelFormat, String encoder) {
        this.width = width;
        this.height = height;
        this.pixelFormat = pixelFormat;
        this.encoder = encoder;
    }

    /** A slate writer matching the picture of {@code example}, a file of the sequence. */
    public static MissingFrameSlate like(Path example) {
        String ext = example.getFileName().toString();
        ext = ext.substring(ext.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        String encoder = ENCODERS.get(ext);
        if (encoder == null) {
            throw new MediaException.Unsupported(example, "no missing-frame picture can be written as ." + ext);
        }
        try (MediaInput input = MediaInput.open(example)) {
            AVCodecParameters par = input.stream(input.requireVideoStream()).codecpar();
            if (par.width() <= 0 || par.height() <= 0) {
                throw new MediaException.Corrupt(example, "the image's size cannot be read");
            }
            BytePointer name = par.format() < 0 ? null : av_get_pix_fmt_name(par.format());
            String format = name == null || name.isNull() ? "" : name.getString();
            return new MissingFrameSlate(par.width(), par.height(), format, encoder);
        }
    }

    /** Writes the slate for {@code number} to {@code target}. */
    public void write(long number, Path target) throws IOException {
        Path raw = Files.createTempFile(target.getParent(), ".slate", ".rgb");
        try {
            Files.write(raw, picture("MISSING FRAME " + number));
            List<String> args = new java.util.ArrayList<>(List.of(
                    "-hide_banner",
                    "-nostdin",
                    "-loglevel",
                    "error",
                    "-y",
                    "-f",
                    "rawvideo",
                    "-pix_fmt",
                    "rgb24",
                    "-s",
                    width + "x" + height,
                    "-i",
                    raw.toString(),
                    "-frames:v",
                    "1",
                    "-c:v",
                    encoder));
            if (!pixelFormat.isEmpty()) {
                // The sequence's own pixel format (FFmpeg picks the nearest one the encoder has otherwise).
                args.addAll(List.of("-pix_fmt", pixelFormat));
            }
            args.addAll(List.of("-update", "1", "-f", "image2", target.toString()));
            try {
                BundledTools.runToCompletion(
                        BundledTools.processBuilder(BundledTools.ffmpeg(), args), Duration.ofMinutes(2));
            } catch (IllegalStateException e) {
                throw new MediaException.WriteFailed(
                        target, "the missing-frame picture could not be written: " + e.getMessage());
            }
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Black, with the text in white across the middle, as large as fits 80% of the width. */
    byte[] picture(String text) {
        byte[] rgb = new byte[width * height * 3];
        int cellsWide = text.length() * 6 - 1;
        int scale = Math.max(1, Math.min(width * 8 / 10 / cellsWide, height / 4 / 7));
        int x0 = (width - cellsWide * scale) / 2;
        int y0 = (height - 7 * scale) / 2;
        for (int c = 0; c < text.length(); c++) {
            String glyph = GLYPHS.getOrDefault(text.charAt(c), GLYPHS.get(' '));
            for (int gy = 0; gy < 7; gy++) {
                for (int gx = 0; gx < 5; gx++) {
                    if (glyph.charAt(gy * 5 + gx) == '1') {
                        fill(rgb, x0 + (c * 6 + gx) * scale, y0 + gy * scale, scale);
                    }
                }
            }
        }
        return rgb;
    }

    private void fill(byte[] rgb, int x, int y, int size) {
        for (int yy = Math.max(0, y); yy < Math.min(height, y + size); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(width, x + size); xx++) {
                int o = (yy * width + xx) * 3;
                rgb[o] = (byte) 0xff;
                rgb[o + 1] = (byte) 0xff;
                rgb[o + 2] = (byte) 0xff;
            }
        }
    }
}
